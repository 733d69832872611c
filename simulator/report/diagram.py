"""The graph of a workflow or flow, each element and connector with its hit count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from simulator.hubspot import model as hubspot
from simulator.salesforce import model as salesforce
from simulator.words import counted

# How a node is drawn: start and end events, tasks, gateways, delays, and
# elements revsim does not simulate.
SHAPES = ("start", "task", "gateway", "delay", "stub", "end")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DiagramNode:
    id: str
    heading: str  # what kind of element it is: "Decision", "action 3: delay"
    label: str
    shape: str
    hits: int | None  # None for an end event, which nothing counts

    @property
    def status(self) -> str:
        if self.hits is None:
            return "uncounted"
        return "reached" if self.hits else "unreached"


@dataclass(frozen=True, slots=True)
class DiagramEdge:
    """A connector and how often it was taken.

    The engine counts elements and outcomes, not connectors: an outcome's
    connector has its own count; any other has the count of the element it
    leads to when that is its only way in, else the lesser of its two ends'
    counts, which is only an upper bound (``exact`` is then False).
    """

    source: str
    target: str
    label: str
    kind: str  # next | branch | fault | goto
    hits: int
    exact: bool

    @property
    def status(self) -> str:
        return "reached" if self.hits else "unreached"


@dataclass(frozen=True, slots=True)
class Diagram:
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]


@dataclass(slots=True)
class _Builder:
    """Nodes and edges in the order they are added, so a layout is repeatable."""

    hits: Mapping[str, int]
    nodes: dict[str, DiagramNode] = field(default_factory=dict)
    edges: list[tuple[str, str | None, str, str, str | None]] = field(
        default_factory=list
    )

    def node(self, id: str, key: str, heading: str, label: str, shape: str) -> None:
        self.nodes[id] = DiagramNode(id, heading, label, shape, self.hits.get(key, 0))

    def edge(
        self,
        source: str,
        target: str | None,
        label: str = "",
        kind: str = "next",
        key: str | None = None,
    ) -> None:
        """``target`` None ends the path; ``key`` names the outcome's own counter."""
        self.edges.append((source, target, label, kind, key))

    def build(self) -> Diagram:
        ends = [self._end(number, *edge) for number, edge in enumerate(self.edges)]
        ways_in = Counter(target for _, target, *_ in ends)
        edges = [self._edge(*edge, ways_in[edge[1]]) for edge in ends]
        return Diagram(tuple(self.nodes.values()), tuple(edges))

    def _end(
        self,
        number: int,
        source: str,
        target: str | None,
        label: str,
        kind: str,
        key: str | None,
    ) -> tuple[str, str, str, str, str | None]:
        """Each path end gets its own end event, drawn just below it."""
        if target is None or target not in self.nodes:
            target = f"end:{number}"
            self.nodes[target] = DiagramNode(target, "", "End", "end", None)
        return source, target, label, kind, key

    def _edge(
        self,
        source: str,
        target: str,
        label: str,
        kind: str,
        key: str | None,
        ways_in: int,
    ) -> DiagramEdge:
        if key is not None:
            return DiagramEdge(source, target, label, kind, self.hits.get(key, 0), True)
        arrived = self.nodes[target].hits
        if arrived is not None and ways_in == 1:
            return DiagramEdge(source, target, label, kind, arrived, True)
        left = self.nodes[source].hits or 0
        hits = left if arrived is None else min(left, arrived)
        return DiagramEdge(source, target, label, kind, hits, hits == 0)


def workflow_diagram(workflow: hubspot.Workflow, hits: Mapping[str, int]) -> Diagram:
    """A HubSpot workflow from its enrolment trigger; element keys as coverage's."""
    graph = _Builder(hits)
    graph.node("trigger", "trigger", "Enrolment trigger", _enrolment(workflow), "start")
    for action in workflow.actions.values():
        graph.node(
            _action(action.id),
            action.id,
            f"action {action.id}",
            action_label(action),
            _action_shape(action),
        )
    graph.edge("trigger", _action(workflow.start) if workflow.start else None)
    for action in workflow.actions.values():
        _action_edges(graph, action)
    return graph.build()


def _action_edges(graph: _Builder, action: hubspot.WorkflowAction) -> None:
    source = _action(action.id)
    if isinstance(action, hubspot.ListBranch):
        for option in action.options:
            key = f"{action.id}/{option.name}"
            _connect(graph, source, option.connection, option.name, "branch", key)
        default = action.default_name or "none met"
        key = f"{action.id}/default"
        _connect(graph, source, action.default, default, "branch", key)
        return
    if isinstance(action, hubspot.UnsupportedAction) and action.branches:
        for connection in _unique(action.branches, lambda c: c.next):
            _connect(graph, source, connection, "", "branch", None)
        return
    _connect(graph, source, action.connection, "", "next", None)


def _connect(
    graph: _Builder,
    source: str,
    connection: hubspot.Connection | None,
    label: str,
    kind: str,
    key: str | None,
) -> None:
    if connection is None:
        graph.edge(source, None, label, kind, key)
        return
    if connection.goto:
        kind, label = "goto", label or "go to"
    graph.edge(source, _action(connection.next), label, kind, key)


def flow_diagram(flow: salesforce.Flow, hits: Mapping[str, int]) -> Diagram:
    """A record-triggered flow from its start and scheduled paths."""
    graph = _Builder(hits)
    graph.node("start", "start", "Start", _trigger(flow.trigger), "start")
    paths = flow.trigger.scheduled_paths if flow.trigger else ()
    for path in paths:
        key = f"path:{path.name}"
        graph.node(key, key, "Scheduled path", _scheduled(path), "start")
    for node in flow.nodes.values():
        graph.node(
            _element(node.name),
            node.name,
            flow_heading(node),
            node.label or node.name,
            _node_shape(node),
        )
    graph.edge("start", _element(flow.start) if flow.start else None)
    for path in paths:
        target = _element(path.next) if path.next else None
        graph.edge(f"path:{path.name}", target)
    for node in flow.nodes.values():
        _node_edges(graph, node)
    return graph.build()


def _node_edges(graph: _Builder, node: salesforce.FlowNode) -> None:
    source = _element(node.name)
    if isinstance(node, salesforce.Decision):
        for rule in node.rules:
            key = f"{node.name}/{rule.name}"
            graph.edge(source, _target(rule.next), rule.label, "branch", key)
        key = f"{node.name}/default"
        graph.edge(source, _target(node.next), node.default_label, "branch", key)
        return
    if isinstance(node, salesforce.Unsupported) and node.targets:
        for target in _unique(node.targets, str):
            graph.edge(source, _element(target))
        return
    graph.edge(source, _target(node.next))
    fault = getattr(node, "fault", None)
    if fault is not None:
        graph.edge(source, _element(fault), "fault", "fault")


def action_label(action: hubspot.WorkflowAction) -> str:
    """What an action does, in a few words."""
    if isinstance(action, hubspot.SetProperty):
        return f"set {action.property} to {_value(action.value)}"
    if isinstance(action, hubspot.Delay):
        return "wait " + _span(action.minutes)
    if isinstance(action, hubspot.CreateTask):
        return f"create task: {action.subject}"
    if isinstance(action, hubspot.SendEmail):
        return f"send email {action.content_id}"
    if isinstance(action, hubspot.Notification):
        return f"notify: {action.subject}"
    if isinstance(action, hubspot.ListMembership):
        verb = "remove from" if action.operation == "REMOVE" else "add to"
        return f"{verb} list {action.list_id}"
    if isinstance(action, hubspot.CreateRecord):
        kind = hubspot.OBJECT_TYPES.get(action.object_type_id, action.object_type_id)
        return f"create {kind}"
    if isinstance(action, hubspot.ListBranch):
        return "if/then branch"
    return f"{action.kind} (not simulated)"


def flow_heading(node: salesforce.FlowNode) -> str:
    """The element's kind as Flow Builder names it."""
    headings: dict[type, str] = {
        salesforce.Decision: "Decision",
        salesforce.Assignment: "Assignment",
        salesforce.RecordUpdate: "Update Records",
        salesforce.RecordCreate: "Create Records",
        salesforce.RecordLookup: "Get Records",
        salesforce.ActionCall: "Action",
    }
    if isinstance(node, salesforce.Unsupported):
        return f"{node.kind} (not simulated)"
    return headings.get(type(node), type(node).__name__)


def _value(value: hubspot.ActionValue) -> str:
    if isinstance(value, hubspot.StaticValue):
        return repr(value.value)
    if isinstance(value, hubspot.PropertyValue):
        return f"the value of {value.property}"
    if isinstance(value, hubspot.Increment):
        return f"itself + {value.amount:g}"
    return "the time it runs"


def _span(minutes: int) -> str:
    for unit, size in (("day", 1440), ("hour", 60)):
        if minutes and minutes % size == 0:
            return counted(minutes // size, unit)
    return counted(minutes, "minute")


def _enrolment(workflow: hubspot.Workflow) -> str:
    kind = workflow.enrollment.kind if workflow.enrollment else "MANUAL"
    how = {"LIST_BASED": "meets the criteria", "EVENT_BASED": "does the event"}
    return f"a {workflow.object} {how.get(kind, 'is enrolled by hand')}"


def _trigger(trigger: salesforce.FlowTrigger | None) -> str:
    if trigger is None:
        return "not record-triggered"
    when = {"Create": "created", "Update": "updated", "Delete": "deleted"}
    saved = when.get(trigger.record_trigger_type, "created or updated")
    return f"{trigger.object} {saved}, {trigger.timing.replace('_', ' ')} save"


def _scheduled(path: salesforce.ScheduledPath) -> str:
    if path.path_type == "AsyncAfterCommit":
        return f"{path.label} (right after commit)"
    since = path.record_field or "the trigger"
    unit = path.offset_unit.lower()
    return f"{path.label}: {path.offset_number} {unit} after {since}"


def _action_shape(action: hubspot.WorkflowAction) -> str:
    if isinstance(action, hubspot.ListBranch):
        return "gateway"
    if isinstance(action, hubspot.Delay):
        return "delay"
    return "stub" if isinstance(action, hubspot.UnsupportedAction) else "task"


def _node_shape(node: salesforce.FlowNode) -> str:
    if isinstance(node, salesforce.Decision):
        return "gateway"
    return "stub" if isinstance(node, salesforce.Unsupported) else "task"


def _action(action_id: str) -> str:
    return f"action:{action_id}"


def _element(name: str) -> str:
    return f"element:{name}"


def _target(name: str | None) -> str | None:
    return _element(name) if name is not None else None


def _unique(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    seen: set[str] = set()
    kept = []
    for item in items:
        mark = key(item)
        if mark not in seen:
            seen.add(mark)
            kept.append(item)
    return kept
