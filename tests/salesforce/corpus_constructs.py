"""The constructs the corpus's Salesforce automation uses, as revsim imports it.

Each construct is named in words ("operator IsChanged", "element Loop",
"field update Formula", "function ISPICKVAL"); the files that use it are
kept, so a missing test can say where the construct is used. Only what a
save runs counts: record-triggered flows, processes and workflow rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from simulator.model import AutomationModel, add_file
from simulator.salesforce.model import (
    ActionCall,
    Assignment,
    CollectionFilter,
    Conditions,
    Decision,
    Flow,
    Literal,
    Loop,
    RecordCreate,
    RecordDelete,
    RecordLookup,
    RecordUpdate,
    Reference,
    Unsupported,
    WorkflowFile,
)
from simulator.validate import validate_paths

Found = dict[str, set[str]]
Use = Callable[[str], None]
_FUNCTION = re.compile(r"\b([A-Za-z][A-Za-z0-9_]*)\s*\(")
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')


def corpus_constructs(root: Path) -> Found:
    """Construct → the names of the files that use it."""
    found: Found = {}
    for report in validate_paths([root]):
        if report.salesforce_kind is None:
            continue
        model = AutomationModel(root=report.path.parent)
        add_file(model, report.path)
        use = _user(found, report.path.name)
        for flow in model.flows:
            _flow(flow, use)
        for workflow_file in model.workflow_files:
            _workflow(workflow_file, use)
    return found


def _user(found: Found, name: str) -> Use:
    def use(construct: str) -> None:
        found.setdefault(construct, set()).add(name)

    return use


def _functions(text: str, use: Use) -> None:
    for name in _FUNCTION.findall(_QUOTED.sub("", text)):
        use(f"function {name.upper()}")


def _conditions(conditions: Conditions | None, use: Use) -> None:
    if conditions is None:
        return
    logic = conditions.logic.lower()
    use(
        f"condition logic {logic}"
        if logic in ("and", "or")
        else "custom condition logic"
    )
    for item in conditions.items:
        use(f"operator {item.operator}")
        _reference(item.left, use)
        if isinstance(item.right, Reference):
            _reference(item.right.path, use)
        elif isinstance(item.right, Literal):
            use(f"value {type(item.right.value).__name__}")


def _reference(path: str, use: Use) -> None:
    head, _, rest = path.partition(".")
    if head in ("$Flow", "$GlobalConstant"):
        use(f"reference {head}.{rest.split('.')[0]}")
    elif head.startswith("$"):
        use(f"reference {head}")


def _flow(flow: Flow, use: Use) -> None:
    trigger = flow.trigger
    assert trigger is not None
    if flow.is_process:
        use(f"process {trigger.record_trigger_type}")
    else:
        use(f"trigger {trigger.timing} {trigger.record_trigger_type}")
    if trigger.requires_change:
        use("only when updated to meet")
    if trigger.filter_formula:
        use("filterFormula")
        _functions(trigger.filter_formula, use)
    _conditions(trigger.filters, use)
    for path in trigger.scheduled_paths:
        use(f"scheduled path {path.path_type or path.time_source}")
        if not path.path_type:
            use(f"offset unit {path.offset_unit}")
    if flow.trigger_order is not None:
        use("triggerOrder")
    for resource in flow.resources.values():
        kind = resource.kind
        use(
            f"resource {kind} {resource.data_type}"
            if kind == "formula"
            else f"resource {kind}"
        )
        if resource.is_collection:
            use("collection variable")
        if kind == "formula" and resource.expression:
            _functions(resource.expression, use)
    for node in flow.nodes.values():
        _node(node, use)


def _node(node: object, use: Use) -> None:
    kind = type(node).__name__
    if isinstance(node, ActionCall):
        kind = f"action {node.action_type}"
    elif isinstance(node, Unsupported):
        kind = f"unsupported {node.kind}"
    use(f"element {kind}")
    if getattr(node, "fault", None):
        use("fault connector")
    if isinstance(node, Decision):
        for rule in node.rules:
            _conditions(rule.conditions, use)
            if rule.requires_change:
                use("outcome requires change")
    elif isinstance(node, Assignment):
        for item in node.items:
            use(f"assignment {item.operator}")
            _reference(item.target, use)
            if isinstance(item.value, Reference):
                _reference(item.value.path, use)
    elif isinstance(node, RecordUpdate):
        _conditions(node.filters, use)
        source = node.input_reference
        use(
            "update records "
            + (
                "$Record"
                if source == "$Record"
                else "variable"
                if source
                else "by filter"
            )
        )
    elif isinstance(node, RecordCreate):
        use("create records " + ("variable" if node.input_reference else "fields"))
    elif isinstance(node, RecordLookup):
        _conditions(node.filters, use)
        use("get records " + ("first" if node.first_only else "all"))
        if node.sort_field:
            use("get records sorted")
        if node.output_assignments:
            use("get records output assignments")
    elif isinstance(node, RecordDelete):
        _conditions(node.filters, use)
    elif isinstance(node, Loop):
        use(f"loop {'Desc' if node.descending else 'Asc'}")
    elif isinstance(node, CollectionFilter):
        _conditions(node.conditions, use)


def _workflow(file: WorkflowFile, use: Use) -> None:
    for rule in file.rules:
        use(f"workflow {rule.trigger_type}")
        if rule.formula:
            use("workflow formula criteria")
            _functions(rule.formula, use)
        if rule.boolean_filter:
            use("workflow booleanFilter")
        for item in rule.criteria:
            use(f"criteria {item.operation}")
        for action in rule.actions:
            use(f"workflow action {action.type}")
        for trigger in rule.time_triggers:
            use(
                "time trigger "
                + ("from field" if trigger.offset_field else "from rule")
            )
            use(f"time trigger unit {trigger.unit}")
            for action in trigger.actions:
                use(f"time action {action.type}")
    for update in file.field_updates.values():
        use(f"field update {update.operation}")
        if update.reevaluate:
            use("reevaluateOnChange")
        if update.target_object:
            use("cross-object field update")
        if update.formula:
            _functions(update.formula, use)


def names(found: Found) -> Iterable[str]:
    return sorted(found)
