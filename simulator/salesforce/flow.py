"""Flows from ``*.flow-meta.xml`` and ``*.flow``: start, elements, resources."""

from __future__ import annotations

import difflib
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Final

from simulator.definition import NotSimulated
from simulator.salesforce.flow_elements import (
    NODE_KINDS,
    UNSUPPORTED,
    called_flows,
    connections,
    read_node,
)
from simulator.salesforce.flow_values import FlowSource, filters, flow_value, target
from simulator.salesforce.metadata import (
    children,
    file_stem,
    flag,
    integer,
    named,
    read_metadata,
    text,
)
from simulator.salesforce.model import (
    Flow,
    FlowNode,
    FlowTrigger,
    Resource,
    ScheduledPath,
)

FLOW_SUFFIXES: Final = (".flow-meta.xml", ".flow")

TIMINGS: Final = {
    "RecordBeforeSave": "before",
    "RecordAfterSave": "after",
    "RecordBeforeDelete": "before_delete",
    "Scheduled": "scheduled",
    "PlatformEvent": "platform_event",
}
_RECORD_TIMINGS = ("before", "after", "before_delete")

_RESOURCE_KINDS: Final = {
    "variables": "variable",
    "constants": "constant",
    "formulas": "formula",
    "textTemplates": "textTemplate",
}

# Resources that only screens use; screens are stubs, so these are listed too.
_SCREEN_RESOURCES: Final = frozenset(
    {"choices", "dynamicChoiceSets", "collectionChoiceSets", "stages"}
)

# Read elsewhere in this module, or without effect on what a run does.
_SETTINGS: Final = frozenset(
    {
        "apiVersion",
        "label",
        "status",
        "processType",
        "start",
        "startElementReference",
        "triggerOrder",
        "processMetadataValues",
        "description",
        "interviewLabel",
        "environments",
        "areMetricsLoggedToDataCloud",
        "isTemplate",
        "runInMode",
        "fullName",
        "isAdditionalPermissionRequiredToRun",
        "migratedFromWorkflowRuleName",
        "timeZoneSidKey",
        "sourceTemplate",
        "isOverridable",
        "overriddenFlow",
    }
)

_LAUNCH_REASONS: Final = {
    "scheduled": (
        "schedule-triggered flow",
        "flows that run on a schedule are not run",
    ),
    "platform_event": (
        "platform event-triggered flow",
        "flows triggered by platform events are not run",
    ),
}


def load_flow(path: Path) -> Flow:
    """Import one flow file; DefinitionError names the file and element if it is bad."""
    root = read_metadata(path, "Flow")
    api_name = _api_name(path)
    source = FlowSource(path, api_name)

    resources = _resources(source, root)
    nodes = _nodes(source, root, resources)
    trigger, start = _start(source, root)
    if text(root, "processType") == "Workflow":
        trigger = _process_trigger(root)
        if trigger is not None:
            resources = _process_formulas(resources, trigger)
    # Without processType a flow is a screen flow, unless a record starts it.
    process_type = text(root, "processType") or (
        "AutoLaunchedFlow" if trigger is not None else "Flow"
    )
    _note_launch(source, root, process_type, trigger)
    flow = Flow(
        api_name=api_name,
        label=text(root, "label") or api_name,
        file=str(path),
        process_type=process_type,
        status=source.required(root, "status", "Flow"),
        trigger=trigger,
        start=start,
        nodes=nodes,
        resources=resources,
        trigger_order=integer(root, "triggerOrder", file=path, place="Flow"),
        not_simulated=tuple(source.not_simulated),
        api_version=_api_version(source, root),
    )
    _check_targets(source, root, flow)
    return flow


def _api_name(path: Path) -> str:
    for suffix in FLOW_SUFFIXES:
        if path.name.endswith(suffix):
            return file_stem(path, suffix)
    return path.stem


def _api_version(source: FlowSource, root: ET.Element) -> float | None:
    written = text(root, "apiVersion")
    if written is None:
        return None
    try:
        return float(written)
    except ValueError:
        raise source.error(
            f"apiVersion {written!r} is not a number",
            root.find("apiVersion"),
            "apiVersion",
            expected="e.g. 60.0",
        ) from None


def _resources(source: FlowSource, root: ET.Element) -> dict[str, Resource]:
    found: dict[str, Resource] = {}
    for element in root:
        kind = _RESOURCE_KINDS.get(element.tag)
        if kind is None:
            continue
        resource = _resource(source, element.tag, kind, element)
        _check_unique(source, found, resource.name, element)
        found[resource.name] = resource
    return found


def _resource(source: FlowSource, tag: str, kind: str, element: ET.Element) -> Resource:
    name = source.required(element, "name", tag)
    place = named(tag, element)
    if kind == "formula":
        # A formula without a dataType is a Number (META-FLOW).
        data_type = text(element, "dataType") or "Number"
        expression = source.required(element, "expression", place)
        return Resource(name, kind, data_type=data_type, expression=expression)
    if kind == "textTemplate":
        body = element.find("text")
        words = body.text if body is not None and body.text else ""
        return Resource(name, kind, data_type="String", expression=words)
    return Resource(
        name,
        kind,
        data_type=text(element, "dataType"),
        value=flow_value(source, element.find("value"), f"{place}/value"),
        is_collection=flag(element, "isCollection", file=source.file, place=place),
        object_type=text(element, "objectType"),
    )


def _nodes(
    source: FlowSource, root: ET.Element, resources: dict[str, Resource]
) -> dict[str, FlowNode]:
    found: dict[str, FlowNode] = {}
    for element in root:
        kind = element.tag
        if kind in _SETTINGS or kind in _RESOURCE_KINDS:
            continue
        if kind in _SCREEN_RESOURCES:
            name = text(element, "name") or kind
            source.skip(name, kind, f"{kind} serve screens, which are not run")
        elif kind in NODE_KINDS or kind in UNSUPPORTED or _looks_like_node(element):
            node = read_node(source, kind, element, resources)
            _check_unique(source, found, node.name, element)
            found[node.name] = node
        else:
            source.skip(kind, kind, f"<{kind}> is not understood by revsim")
    return found


def _looks_like_node(element: ET.Element) -> bool:
    # A new kind of element still has a name and a place on the canvas.
    return element.find("name") is not None and element.find("locationX") is not None


def _check_unique(
    source: FlowSource, found: Mapping[str, object], name: str, element: ET.Element
) -> None:
    if name in found:
        raise source.error(
            f"two elements are named {name!r}",
            element,
            named(element.tag, element),
            expected="element and resource names unique within a flow",
        )


def _start(
    source: FlowSource, root: ET.Element
) -> tuple[FlowTrigger | None, str | None]:
    """The trigger and the first element; old files only name the first element."""
    start = root.find("start")
    if start is None:
        return None, text(root, "startElementReference")
    connector = target(start, "connector")
    trigger_type = text(start, "triggerType")
    if trigger_type is None:
        return None, connector
    timing = TIMINGS.get(trigger_type)
    if timing is None:
        source.skip(
            "start", "triggerType", f"triggerType {trigger_type} is not simulated"
        )
        return None, connector
    return _trigger(source, start, timing), connector


def _trigger(source: FlowSource, start: ET.Element, timing: str) -> FlowTrigger:
    if timing in _RECORD_TIMINGS:
        subject = source.required(start, "object", "start")
    else:
        subject = text(start, "object") or ""
    default_type = "Delete" if timing == "before_delete" else ""
    paths = children(start, "scheduledPaths")
    return FlowTrigger(
        object=subject,
        timing=timing,
        record_trigger_type=text(start, "recordTriggerType") or default_type,
        filters=filters(source, start, "start"),
        filter_formula=text(start, "filterFormula"),
        requires_change=flag(
            start,
            "doesRequireRecordChangedToMeetCriteria",
            file=source.file,
            place="start",
        ),
        scheduled_paths=tuple(
            _scheduled_path(source, path, number)
            for number, path in enumerate(paths, start=1)
        ),
    )


def _scheduled_path(
    source: FlowSource, element: ET.Element, number: int
) -> ScheduledPath:
    path_type = text(element, "pathType")
    following = target(element, "connector")
    if path_type is not None and element.find("offsetNumber") is None:
        # The "Run Asynchronously" path has no name and no offset of its own.
        return ScheduledPath(
            name=text(element, "name") or path_type,
            label=text(element, "label") or "Run Asynchronously",
            next=following,
            offset_number=0,
            offset_unit="Minutes",
            time_source="RecordTriggerEvent",
            path_type=path_type,
        )
    place = f"start/scheduledPaths[{number}]"
    name = source.required(element, "name", place)
    offset = integer(element, "offsetNumber", file=source.file, place=place)
    return ScheduledPath(
        name=name,
        label=text(element, "label") or name,
        next=following,
        offset_number=offset if offset is not None else 0,
        offset_unit=source.required(element, "offsetUnit", place),
        time_source=source.required(element, "timeSource", place),
        record_field=text(element, "recordField"),
        path_type=path_type,
    )


def _note_launch(
    source: FlowSource,
    root: ET.Element,
    process_type: str,
    trigger: FlowTrigger | None,
) -> None:
    """List a flow that never starts from a record save in this version."""
    name = source.api_name
    if process_type == "Workflow":
        if trigger is None:
            source.skip(name, "Process Builder process", _process_builder_reason(root))
    elif process_type == "Flow":
        source.skip(
            name, "screen flow", "a screen flow starts only when a user runs it"
        )
    elif process_type != "AutoLaunchedFlow":
        source.skip(name, "processType", f"processType {process_type} is not simulated")
    elif trigger is not None and trigger.timing in _LAUNCH_REASONS:
        kind, reason = _LAUNCH_REASONS[trigger.timing]
        source.skip(name, kind, reason)


def _process_settings(root: ET.Element) -> dict[str | None, str | None]:
    """Process Builder keeps its object and trigger in processMetadataValues."""
    return {
        text(item, "name"): text(value, "stringValue")
        or text(value, "elementReference")
        for item in children(root, "processMetadataValues")
        if (value := item.find("value")) is not None
    }


def _process_trigger(root: ET.Element) -> FlowTrigger | None:
    """A record change process: its object, when it starts, and its variables.

    ``onCreateOnly`` starts it "only when a record is created", ``onAllChanges``
    "when a record is created or edited". Without "RecursiveCountVariable" a
    process evaluates a record once per transaction.
    """
    settings = _process_settings(root)
    subject, when = settings.get("ObjectType"), settings.get("TriggerType")
    if not subject or when not in _PROCESS_TRIGGERS:
        return None
    return FlowTrigger(
        object=subject,
        timing="process",
        record_trigger_type=_PROCESS_TRIGGERS[when],
        record_variable=settings.get("ObjectVariable") or "myVariable_current",
        prior_variable=settings.get("OldObjectVariable") or "myVariable_old",
        reevaluates="RecursiveCountVariable" in settings,
    )


_PROCESS_TRIGGERS: Final = {"onCreateOnly": "Create", "onAllChanges": "CreateAndUpdate"}


def _process_formulas(
    resources: dict[str, Resource], trigger: FlowTrigger
) -> dict[str, Resource]:
    """A process's formulas name the record through its variables
    ({!myVariable_current.Amount}); they are the record being saved and its
    prior values, so ISCHANGED and PRIORVALUE read them as $Record fields."""
    current = "{!" + (trigger.record_variable or "myVariable_current") + "."
    old = "{!" + (trigger.prior_variable or "myVariable_old") + "."
    rewritten = {}
    for name, resource in resources.items():
        if resource.kind == "formula" and resource.expression:
            expression = resource.expression.replace(current, "{!$Record.")
            expression = expression.replace(old, "{!$Record__Prior.")
            resource = replace(resource, expression=expression)
        rewritten[name] = resource
    return rewritten


def _process_builder_reason(root: ET.Element) -> str:
    settings = _process_settings(root)
    subject = settings.get("ObjectType") or "an unknown object"
    when = settings.get("TriggerType")
    on = f"{subject} ({when})" if when else subject
    return (
        f"Process Builder process on {on}: only record change processes "
        "(onCreateOnly, onAllChanges) are run"
    )


def _check_targets(source: FlowSource, root: ET.Element, flow: Flow) -> None:
    """Every connector must lead to an element of the same flow."""
    leaving: list[tuple[str, str, str]] = []
    if flow.start:
        leaving.append(("start", "start", flow.start))
    if flow.trigger is not None:
        leaving += [
            ("start", f"scheduledPaths[name={path.name}]", path.next)
            for path in flow.trigger.scheduled_paths
            if path.next
        ]
    for node in flow.nodes.values():
        leaving += [(node.name, where, to) for where, to in connections(node)]
    for owner, where, to in leaving:
        if to not in flow.nodes:
            raise _missing_target(source, root, flow, owner, where, to)


def _missing_target(
    source: FlowSource, root: ET.Element, flow: Flow, owner: str, where: str, to: str
) -> Exception:
    close = difflib.get_close_matches(to, list(flow.nodes), n=1)
    element = next((e for e in root if text(e, "name") == owner), root.find("start"))
    place = owner if owner == "start" else f"{owner}/{where}"
    return source.error(
        f"the connector leads to {to!r}, which is not an element of this flow",
        element,
        place,
        expected="the name of a decision, assignment, action or other element",
        fix=f"did you mean {close[0]!r}?" if close else None,
    )


SUBFLOW_KIND: Final = "subflow"


def missing_subflows(
    flows: list[Flow], known: set[str] | frozenset[str] = frozenset()
) -> list[NotSimulated]:
    """Subflows and flow actions whose flow is neither in ``flows`` nor ``known``.

    A called flow that is in the model runs inline; one that is not (a
    managed package's, or one left out of the source tree) runs as a stub.
    """
    names = {flow.api_name for flow in flows} | set(known)
    return [
        NotSimulated(
            flow.file,
            flow.api_name,
            element,
            SUBFLOW_KIND,
            f"calls the flow {called!r}, which is not in the model folder; "
            "it runs as a stub",
        )
        for flow in flows
        for element, called in called_flows(flow.nodes).items()
        if called not in names
    ]
