"""Coverage: what ran, counted against everything the model defines."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from simulator.engine.records import Record
from simulator.hubspot.model import Workflow
from simulator.model import AutomationModel
from simulator.salesforce.model import Decision, Flow, WorkflowRule

# Kinds of element, as the report groups them.
TRIGGER, ELEMENT, BRANCH, MAPPING = "trigger", "element", "branch", "mapping"


@dataclass(frozen=True, slots=True)
class CoveredElement:
    key: str
    label: str
    kind: str
    hits: int


@dataclass(frozen=True, slots=True)
class DefinitionCoverage:
    """One workflow, flow, workflow rule or the connector, element by element."""

    key: str
    name: str
    platform: str
    file: str
    elements: tuple[CoveredElement, ...]

    @property
    def reached(self) -> int:
        return sum(element.hits > 0 for element in self.elements)

    @property
    def unreached(self) -> list[CoveredElement]:
        return [element for element in self.elements if element.hits == 0]


@dataclass(frozen=True, slots=True)
class Transition:
    system: str
    object: str
    field: str
    source: str | None
    target: str
    declared: bool
    hits: int


@dataclass(slots=True)
class Coverage:
    definitions: list[DefinitionCoverage] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)

    def figure(self, kind: str) -> tuple[int, int]:
        """(reached, total) for one kind of element."""
        elements = [e for d in self.definitions for e in d.elements if e.kind == kind]
        return sum(e.hits > 0 for e in elements), len(elements)

    def transition_figure(self) -> tuple[int, int]:
        declared = [t for t in self.transitions if t.declared]
        return sum(t.hits > 0 for t in declared), len(declared)

    def figures(self) -> dict[str, tuple[int, int]]:
        return {
            "elements": self.figure(ELEMENT),
            "branches": self.figure(BRANCH),
            "triggers": self.figure(TRIGGER),
            "mappings": self.figure(MAPPING),
            "transitions": self.transition_figure(),
        }


def measure(
    model: AutomationModel, hits: Counter[tuple[str, str]], records: Iterable[Record]
) -> Coverage:
    coverage = Coverage()
    for workflow in model.hubspot_workflows:
        if workflow.enabled:
            coverage.definitions.append(_workflow(workflow, hits))
    for flow in model.flows:
        if flow.is_active and flow.is_record_triggered:
            coverage.definitions.append(_flow(flow, hits))
    for rule in model.workflow_rules:
        if rule.active:
            coverage.definitions.append(_rule(rule, hits))
    if model.connector is not None:
        coverage.definitions.append(_connector(model, hits))
    coverage.transitions = _transitions(model, records)
    return coverage


def _element(
    definition: str, key: str, label: str, kind: str, hits: Counter[tuple[str, str]]
) -> CoveredElement:
    return CoveredElement(key, label, kind, hits[(definition, key)])


def _workflow(workflow: Workflow, hits: Counter[tuple[str, str]]) -> DefinitionCoverage:
    from simulator.engine.hubspot import definition_key
    from simulator.engine.hubspot_actions import describe

    key = definition_key(workflow)
    elements = [_element(key, "trigger", "enrolment trigger", TRIGGER, hits)]
    for action in workflow.actions.values():
        label = f"action {action.id}: {describe(action)}"
        elements.append(_element(key, action.id, label, ELEMENT, hits))
        # If/then, value-equals and A/B test branches: each way out.
        for arm in action.arms():
            label = f"branch {action.id}: {arm.label}"
            elements.append(_element(key, arm.key, label, BRANCH, hits))
    return DefinitionCoverage(
        key, workflow.name, "hubspot", workflow.file, tuple(elements)
    )


def _flow(flow: Flow, hits: Counter[tuple[str, str]]) -> DefinitionCoverage:
    key = f"flow:{flow.api_name}"
    elements = [_element(key, "start", "start: entry conditions met", TRIGGER, hits)]
    for node in flow.nodes.values():
        elements.append(
            _element(key, node.name, node.label or node.name, ELEMENT, hits)
        )
        if isinstance(node, Decision):
            for rule in node.rules:
                elements.append(
                    _element(
                        key,
                        f"{node.name}/{rule.name}",
                        f"{node.label}: {rule.label}",
                        BRANCH,
                        hits,
                    )
                )
            elements.append(
                _element(
                    key,
                    f"{node.name}/default",
                    f"{node.label}: {node.default_label}",
                    BRANCH,
                    hits,
                )
            )
    assert flow.trigger is not None
    for path in flow.trigger.scheduled_paths:
        elements.append(
            _element(
                key, f"path:{path.name}", f"scheduled path: {path.label}", TRIGGER, hits
            )
        )
    return DefinitionCoverage(
        key, flow.label or flow.api_name, "salesforce", flow.file, tuple(elements)
    )


def _rule(rule: WorkflowRule, hits: Counter[tuple[str, str]]) -> DefinitionCoverage:
    from simulator.engine.workflow_rules import definition_key

    key = definition_key(rule)
    elements = [_element(key, "rule", "criteria met", TRIGGER, hits)]
    for position, _ in enumerate(rule.time_triggers, start=1):
        elements.append(
            _element(
                key,
                f"time trigger {position}",
                f"time trigger {position}",
                TRIGGER,
                hits,
            )
        )
    return DefinitionCoverage(key, rule.name, "salesforce", rule.file, tuple(elements))


def _connector(
    model: AutomationModel, hits: Counter[tuple[str, str]]
) -> DefinitionCoverage:
    assert model.connector is not None
    elements = [
        _element("connector", key, key, MAPPING, hits)
        for key in model.connector.elements()
    ]
    return DefinitionCoverage(
        "connector",
        "HubSpot–Salesforce connector",
        "connector",
        model.connector.file,
        tuple(elements),
    )


def _transitions(model: AutomationModel, records: Iterable[Record]) -> list[Transition]:
    from simulator.checks import stage_sequence

    if model.lifecycle is None:
        return []
    seen: Counter[tuple[str, str, str, str | None, str]] = Counter()
    for record in records:
        for stage in model.lifecycle.fields:
            if (stage.system, stage.object) != (record.system, record.object):
                continue
            values = [None, *stage_sequence(record, stage.field)]
            for source, target in itertools.pairwise(values):
                seen[
                    (
                        stage.system,
                        stage.object,
                        stage.field,
                        None if source is None else str(source),
                        str(target),
                    )
                ] += 1
    transitions = []
    for stage in model.lifecycle.fields:
        for source, target in sorted(
            stage.transitions, key=lambda t: (str(t[0]), t[1])
        ):
            count = seen.pop(
                (stage.system, stage.object, stage.field, source, target), 0
            )
            transitions.append(
                Transition(
                    stage.system, stage.object, stage.field, source, target, True, count
                )
            )
    for (system, obj, name, source, target), count in sorted(seen.items(), key=str):
        transitions.append(Transition(system, obj, name, source, target, False, count))
    return transitions
