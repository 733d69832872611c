"""Flow elements: decisions, assignments, record operations, actions, and the rest."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Final

from simulator.salesforce.flow_values import (
    FlowSource,
    conditions,
    field_values,
    filters,
    flow_value,
    target,
)
from simulator.salesforce.metadata import children, flag, integer, named, text
from simulator.salesforce.model import (
    ActionCall,
    ActionOutput,
    Assignment,
    AssignmentItem,
    CollectionFilter,
    CollectionSort,
    CustomError,
    Decision,
    DecisionRule,
    FieldValue,
    FlowNode,
    Loop,
    RecordCreate,
    RecordDelete,
    RecordLookup,
    RecordUpdate,
    Reference,
    Resource,
    Subflow,
    Transform,
    Unsupported,
)

SIMULATED_ACTIONS: Final = frozenset({"emailSimple", "emailAlert"})

# FlowAssignmentOperator (META-FLOW, FLOW-OPS-ASSIGN).
ASSIGNMENT_OPERATORS: Final = frozenset(
    {
        "Assign",
        "Add",
        "Subtract",
        "AddItem",
        "AddAtStart",
        "AssignCount",
        "RemoveFirst",
        "RemoveAll",
        "RemoveAfterFirst",
        "RemoveBeforeFirst",
        "RemovePosition",
        "RemoveUncommon",
    }
)

# Elements that are kept as stubs: reaching one is recorded, then the path goes on.
UNSUPPORTED: Final = {
    "screens": "a screen needs a user; a record save never shows one",
    "waits": "waits are not run in this version",
    "recordRollbacks": "rollbacks are not run in this version",
    "apexPluginCalls": "Apex plug-ins are not run",
    "orchestratedStages": "orchestrations are not run",
    "steps": "flow steps belong to the legacy cloud designer and are not run",
}

# Where an unsupported element's path goes on, first match wins.
_NEXT_CONNECTORS = ("connector", "noMoreValuesConnector", "defaultConnector")

Reader = Callable[[FlowSource, ET.Element, dict[str, Resource]], FlowNode]


def read_node(
    source: FlowSource, kind: str, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    """The node for one element; unknown kinds become Unsupported stubs."""
    reader = _READERS.get(kind)
    if reader is not None:
        return reader(source, element, resources)
    return _unsupported(source, kind, element)


def _common(source: FlowSource, kind: str, element: ET.Element) -> tuple[str, str]:
    name = source.required(element, "name", kind)
    return name, text(element, "label") or name


def _decision(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "decisions", element)
    place = named("decisions", element)
    rules = tuple(
        _rule(source, rule, place, number)
        for number, rule in enumerate(children(element, "rules"), start=1)
    )
    return Decision(
        name,
        label,
        target(element, "defaultConnector"),
        rules=rules,
        default_label=text(element, "defaultConnectorLabel") or "Default Outcome",
    )


def _rule(
    source: FlowSource, element: ET.Element, decision: str, number: int
) -> DecisionRule:
    name = source.required(element, "name", f"{decision}/rules[{number}]")
    place = f"{decision}/rules[name={name}]"
    return DecisionRule(
        name=name,
        label=text(element, "label") or name,
        conditions=conditions(
            source, element, place, items="conditions", logic="conditionLogic"
        ),
        next=target(element, "connector"),
        requires_change=_flag(
            source, element, "doesRequireRecordChangedToMeetCriteria", place
        ),
    )


def _assignment(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "assignments", element)
    place = named("assignments", element)
    items = []
    for number, item in enumerate(children(element, "assignmentItems"), start=1):
        where = f"{place}/assignmentItems[{number}]"
        operator = source.required(item, "operator", where)
        if operator not in ASSIGNMENT_OPERATORS:
            source.skip(
                name,
                "assignment operator",
                f"assignment operator {operator} is not known; the item runs as a stub",
            )
        items.append(
            AssignmentItem(
                target=source.required(item, "assignToReference", where),
                operator=operator,
                value=flow_value(source, item.find("value"), f"{where}/value"),
            )
        )
    return Assignment(name, label, target(element, "connector"), items=tuple(items))


def _record_update(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "recordUpdates", element)
    place = named("recordUpdates", element)
    return RecordUpdate(
        name,
        label,
        target(element, "connector"),
        input_reference=text(element, "inputReference"),
        object=text(element, "object"),
        filters=filters(source, element, place),
        values=field_values(source, element, "inputAssignments", place, key="field"),
        fault=target(element, "faultConnector"),
    )


def _record_create(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "recordCreates", element)
    place = named("recordCreates", element)
    automatic = _flag(source, element, "storeOutputAutomatically", place)
    return RecordCreate(
        name,
        label,
        target(element, "connector"),
        object=text(element, "object"),
        values=field_values(source, element, "inputAssignments", place, key="field"),
        input_reference=text(element, "inputReference"),
        # With automatic output the new Id is read as {!ElementName}.
        assign_id_to=text(element, "assignRecordIdToReference")
        or (name if automatic else None),
        fault=target(element, "faultConnector"),
    )


def _record_lookup(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "recordLookups", element)
    place = named("recordLookups", element)
    automatic = _flag(source, element, "storeOutputAutomatically", place)
    output = text(element, "outputReference") or (name if automatic else None)
    return RecordLookup(
        name,
        label,
        target(element, "connector"),
        object=source.required(element, "object", place),
        filters=filters(source, element, place),
        sort_field=text(element, "sortField"),
        sort_order=text(element, "sortOrder"),
        first_only=_first_only(source, element, place, output, resources),
        output_reference=output,
        fault=target(element, "faultConnector"),
        output_assignments=_output_assignments(source, element, place),
    )


def _first_only(
    source: FlowSource,
    element: ET.Element,
    place: str,
    output: str | None,
    resources: dict[str, Resource],
) -> bool:
    if element.find("getFirstRecordOnly") is not None:
        return _flag(source, element, "getFirstRecordOnly", place)
    # Older files leave the flag out: a collection variable receives every record.
    variable = resources.get(output or "")
    return not (variable is not None and variable.is_collection)


def _output_assignments(
    source: FlowSource, element: ET.Element, place: str
) -> tuple[AssignmentItem, ...]:
    found = []
    for number, item in enumerate(children(element, "outputAssignments"), start=1):
        where = f"{place}/outputAssignments[{number}]"
        found.append(
            AssignmentItem(
                target=source.required(item, "assignToReference", where),
                operator="Assign",
                value=Reference(source.required(item, "field", where)),
            )
        )
    return tuple(found)


def _action_call(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "actionCalls", element)
    place = named("actionCalls", element)
    action_type = source.required(element, "actionType", place)
    action_name = source.required(element, "actionName", place)
    # A process or flow calling an autolaunched flow (actionType flow) runs it
    # as a subflow when it is in the model; revsim validate says when it is not.
    if action_type not in SIMULATED_ACTIONS and action_type != "flow":
        source.skip(name, "actionCalls", f"actionType {action_type} runs as a stub")
    return ActionCall(
        name,
        label,
        target(element, "connector"),
        action_type=action_type,
        action_name=action_name,
        inputs=field_values(source, element, "inputParameters", place, key="name"),
        fault=target(element, "faultConnector"),
        outputs=_outputs(source, element, "outputParameters", place),
        store_outputs=_flag(source, element, "storeOutputAutomatically", place),
    )


def _outputs(
    source: FlowSource, element: ET.Element, tag: str, place: str
) -> tuple[ActionOutput, ...]:
    """outputParameters / outputAssignments: a resource gets an output's value."""
    found = []
    for number, item in enumerate(children(element, tag), start=1):
        where = f"{place}/{tag}[{number}]"
        found.append(
            ActionOutput(
                name=source.required(item, "name", where),
                target=source.required(item, "assignToReference", where),
            )
        )
    return tuple(found)


def _loop(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "loops", element)
    place = named("loops", element)
    return Loop(
        name,
        label,
        target(element, "noMoreValuesConnector"),
        collection=source.required(element, "collectionReference", place),
        variable=text(element, "assignNextValueToReference"),
        descending=(text(element, "iterationOrder") or "Asc").lower() == "desc",
        body=target(element, "nextValueConnector"),
    )


def _record_delete(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "recordDeletes", element)
    place = named("recordDeletes", element)
    return RecordDelete(
        name,
        label,
        target(element, "connector"),
        input_reference=text(element, "inputReference"),
        object=text(element, "object"),
        filters=filters(source, element, place),
        fault=target(element, "faultConnector"),
    )


def _collection_processor(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "collectionProcessors", element)
    place = named("collectionProcessors", element)
    kind = text(element, "collectionProcessorType") or text(element, "elementSubtype")
    collection = source.required(element, "collectionReference", place)
    following = target(element, "connector")
    if kind == "SortCollectionProcessor":
        return CollectionSort(
            name,
            label,
            following,
            collection=collection,
            keys=tuple(
                _sort_key(option) for option in children(element, "sortOptions")
            ),
            limit=integer(element, "limit", file=source.file, place=place),
        )
    if kind == "FilterCollectionProcessor":
        logic = conditions(
            source, element, place, items="conditions", logic="conditionLogic"
        )
        return CollectionFilter(
            name,
            label,
            following,
            collection=collection,
            item=source.required(element, "assignNextValueToReference", place),
            conditions=logic if logic.items else None,
            formula=text(element, "formula"),
        )
    return _unsupported(source, "collectionProcessors", element)


def _sort_key(option: ET.Element) -> tuple[str, bool, bool]:
    nulls_first = (text(option, "doesPutEmptyStringAndNullFirst") or "").lower()
    return (
        text(option, "sortField") or "",
        (text(option, "sortOrder") or "Asc").lower() == "desc",
        nulls_first == "true",
    )


def _subflow(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "subflows", element)
    place = named("subflows", element)
    flow_name = source.required(element, "flowName", place)
    return Subflow(
        name,
        label,
        target(element, "connector"),
        flow_name=flow_name,
        inputs=field_values(source, element, "inputAssignments", place, key="name"),
        outputs=_outputs(source, element, "outputAssignments", place),
        store_outputs=_flag(source, element, "storeOutputAutomatically", place),
    )


def _custom_error(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "customErrors", element)
    message = next(iter(children(element, "customErrorMessages")), None)
    return CustomError(
        name,
        label,
        target(element, "connector"),
        message=(text(message, "errorMessage") if message is not None else None)
        or label,
        field=text(message, "fieldSelection") if message is not None else None,
    )


def _transform(
    source: FlowSource, element: ET.Element, resources: dict[str, Resource]
) -> FlowNode:
    name, label = _common(source, "transforms", element)
    place = named("transforms", element)
    values = []
    for group in children(element, "transformValues"):
        for number, action in enumerate(children(group, "transformValueActions"), 1):
            where = f"{place}/transformValueActions[{number}]"
            kind = text(action, "transformType") or "Map"
            if kind != "Map":
                source.skip(name, "transforms", f"transformType {kind} is not run")
                continue
            field = source.required(action, "outputFieldApiName", where)
            values.append(
                FieldValue(field, flow_value(source, action.find("value"), where))
            )
    return Transform(
        name,
        label,
        target(element, "connector"),
        object_type=text(element, "objectType"),
        values=tuple(values),
        is_collection=_flag(source, element, "isCollection", place),
    )


def _unsupported(source: FlowSource, kind: str, element: ET.Element) -> Unsupported:
    name, label = _common(source, kind, element)
    reason = UNSUPPORTED.get(kind, f"{kind} elements are not known to revsim")
    source.skip(name, kind, reason)
    following = next(
        (found for tag in _NEXT_CONNECTORS if (found := target(element, tag))), None
    )
    return Unsupported(
        name,
        label,
        following,
        kind=kind,
        reason=reason,
        targets=_all_targets(element),
    )


def _all_targets(element: ET.Element) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for reference in element.iter("targetReference"):
        if reference.text and reference.text.strip():
            found[reference.text.strip()] = None
    return tuple(found)


def _flag(source: FlowSource, element: ET.Element, tag: str, place: str) -> bool:
    return flag(element, tag, file=source.file, place=place)


_READERS: dict[str, Reader] = {
    "decisions": _decision,
    "assignments": _assignment,
    "recordUpdates": _record_update,
    "recordCreates": _record_create,
    "recordLookups": _record_lookup,
    "recordDeletes": _record_delete,
    "actionCalls": _action_call,
    "loops": _loop,
    "collectionProcessors": _collection_processor,
    "subflows": _subflow,
    "customErrors": _custom_error,
    "transforms": _transform,
}

NODE_KINDS: Final = frozenset(_READERS)


def connections(node: FlowNode) -> list[tuple[str, str]]:
    """(connector, target) pairs that leave ``node``, for checking the targets."""
    found = [("connector", node.next)] if node.next else []
    if isinstance(node, Loop) and node.body:
        found.append(("nextValueConnector", node.body))
    if isinstance(node, Decision):
        found += [
            (f"rules[name={rule.name}]", rule.next) for rule in node.rules if rule.next
        ]
    fault = getattr(node, "fault", None)
    if isinstance(fault, str):
        found.append(("faultConnector", fault))
    if isinstance(node, Unsupported):
        found += [("connector", name) for name in node.targets if name != node.next]
    return found


def called_flows(nodes: dict[str, FlowNode]) -> dict[str, str]:
    """Element name → the flow it runs: subflows and actionType flow calls."""
    found: dict[str, str] = {}
    for node in nodes.values():
        if isinstance(node, Subflow):
            found[node.name] = node.flow_name
        elif isinstance(node, ActionCall) and node.action_type == "flow":
            found[node.name] = node.action_name
    return found
