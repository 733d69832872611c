"""Workflow rules from ``<Object>.workflow-meta.xml`` and ``<Object>.workflow``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import unquote

from simulator.definition import NotSimulated
from simulator.salesforce.conditions import CRITERIA_OPERATIONS, check_logic
from simulator.salesforce.metadata import (
    children,
    fail,
    file_stem,
    flag,
    integer,
    line_of,
    named,
    read_metadata,
    required_text,
    text,
)
from simulator.salesforce.model import (
    ActionRef,
    CriteriaItem,
    FieldUpdate,
    TimeTrigger,
    WorkflowAlert,
    WorkflowFile,
    WorkflowRule,
    WorkflowTask,
)

WORKFLOW_SUFFIXES: Final = (".workflow-meta.xml", ".workflow")

TRIGGER_TYPES: Final = frozenset(
    {"onCreateOnly", "onAllChanges", "onCreateOrTriggeringUpdate"}
)

_NOT_SIMULATED: Final = {
    "outboundMessages": "outbound messages call a web service; they are not sent",
    "flowActions": "flow trigger actions are not run",
    "send": "send actions are not run",
    "knowledgePublishes": "knowledge publishing is not run",
}

# Elements of the file that hold no automation.
_SETTINGS: Final = frozenset({"fullName", "description"})


@dataclass(slots=True)
class _WorkflowSource:
    file: Path
    object: str
    not_simulated: list[NotSimulated] = field(default_factory=list)

    def skip(self, element: str, kind: str, reason: str) -> None:
        entry = NotSimulated(str(self.file), self.object, element, kind, reason)
        self.not_simulated.append(entry)

    def required(self, element: ET.Element, tag: str, place: str) -> str:
        return required_text(element, tag, file=self.file, place=place)


def load_workflow(path: Path) -> WorkflowFile:
    """Import the workflow rules and actions of the object the file is named after."""
    root = read_metadata(path, "Workflow")
    suffix = next((s for s in WORKFLOW_SUFFIXES if path.name.endswith(s)), "")
    source = _WorkflowSource(path, file_stem(path, suffix))

    rules, updates, alerts, tasks = [], {}, {}, {}
    for element in root:
        kind = element.tag
        if kind == "rules":
            rules.append(_rule(source, element))
        elif kind == "fieldUpdates":
            update = _field_update(source, element)
            updates[update.name] = update
        elif kind == "alerts":
            alert = _alert(source, element)
            alerts[alert.name] = alert
        elif kind == "tasks":
            task = _task(source, element)
            tasks[task.name] = task
        elif kind in _NOT_SIMULATED:
            name = text(element, "fullName") or kind
            source.skip(name, kind, _NOT_SIMULATED[kind])
        elif kind not in _SETTINGS:
            source.skip(kind, kind, f"<{kind}> is not understood by revsim")

    workflow = WorkflowFile(
        object=source.object,
        file=str(path),
        rules=tuple(rules),
        field_updates=updates,
        alerts=alerts,
        tasks=tasks,
        not_simulated=tuple(source.not_simulated),
    )
    _check_actions(workflow, root)
    return workflow


def _check_actions(workflow: WorkflowFile, root: ET.Element) -> None:
    """Every field update, alert and task a rule names is defined in the file."""
    defined: dict[str, Mapping[str, object]] = {
        "FieldUpdate": workflow.field_updates,
        "Alert": workflow.alerts,
        "Task": workflow.tasks,
    }
    for rule, element in zip(workflow.rules, children(root, "rules"), strict=True):
        timed = [action for trigger in rule.time_triggers for action in trigger.actions]
        for action in (*rule.actions, *timed):
            pool = defined.get(action.type)
            if pool is None or action.name in pool:
                continue
            raise fail(
                f"the rule names the {action.type} {action.name!r}, "
                "which this file does not define",
                file=workflow.file,
                element=element,
                place=named("rules", element),
                expected=f"a <{_TAGS[action.type]}> with that fullName in this file",
                fix="retrieve the workflow file again, with all its actions",
            )


_TAGS: Final = {"FieldUpdate": "fieldUpdates", "Alert": "alerts", "Task": "tasks"}


def _rule(source: _WorkflowSource, element: ET.Element) -> WorkflowRule:
    place = named("rules", element)
    # Rule names are stored URL-escaped: "Big%2FSmall" is "Big/Small".
    name = unquote(source.required(element, "fullName", place))
    criteria = tuple(
        _criteria_item(source, item, f"{place}/criteriaItems[{number}]")
        for number, item in enumerate(children(element, "criteriaItems"), start=1)
    )
    boolean_filter = text(element, "booleanFilter")
    if boolean_filter is not None:
        check_logic(
            boolean_filter,
            len(criteria),
            source.file,
            f"{place}/booleanFilter",
            line=line_of(element.find("booleanFilter")),
        )
    return WorkflowRule(
        object=source.object,
        name=name,
        file=str(source.file),
        active=flag(element, "active", file=source.file, place=place),
        trigger_type=_trigger_type(source, element, place),
        criteria=criteria,
        boolean_filter=boolean_filter,
        formula=text(element, "formula"),
        actions=_actions(source, element, place),
        time_triggers=tuple(
            _time_trigger(source, trigger, f"{place}/workflowTimeTriggers[{number}]")
            for number, trigger in enumerate(
                children(element, "workflowTimeTriggers"), start=1
            )
        ),
    )


def _trigger_type(source: _WorkflowSource, element: ET.Element, place: str) -> str:
    trigger_type = source.required(element, "triggerType", place)
    if trigger_type not in TRIGGER_TYPES:
        raise fail(
            f"unknown triggerType {trigger_type!r}",
            file=source.file,
            element=element.find("triggerType"),
            place=f"{place}/triggerType",
            expected="one of " + ", ".join(sorted(TRIGGER_TYPES)),
        )
    return trigger_type


def _criteria_item(
    source: _WorkflowSource, element: ET.Element, place: str
) -> CriteriaItem:
    operation = source.required(element, "operation", place)
    if operation == "within":
        source.skip(place, "criteriaItems", "geolocation criteria never match here")
    elif operation not in CRITERIA_OPERATIONS:
        raise fail(
            f"unknown criteria operation {operation!r}",
            file=source.file,
            element=element.find("operation"),
            place=f"{place}/operation",
            expected="one of " + ", ".join(sorted(CRITERIA_OPERATIONS)),
        )
    # A value is kept as written: commas separate alternatives, spaces count.
    written = element.find("value")
    return CriteriaItem(
        field=source.required(element, "field", place),
        operation=operation,
        value=written.text if written is not None and written.text else None,
        value_field=text(element, "valueField"),
    )


def _actions(
    source: _WorkflowSource, element: ET.Element, place: str
) -> tuple[ActionRef, ...]:
    found = []
    for number, action in enumerate(children(element, "actions"), start=1):
        where = f"{place}/actions[{number}]"
        found.append(
            ActionRef(
                type=source.required(action, "type", where),
                name=source.required(action, "name", where),
            )
        )
    return tuple(found)


def _time_trigger(
    source: _WorkflowSource, element: ET.Element, place: str
) -> TimeTrigger:
    length = integer(element, "timeLength", file=source.file, place=place)
    if length is None:
        raise fail(
            "<timeLength> is missing",
            file=source.file,
            element=element,
            place=place,
            expected="a whole number of hours or days, negative for before",
        )
    return TimeTrigger(
        offset_field=text(element, "offsetFromField"),
        length=length,
        unit=source.required(element, "workflowTimeTriggerUnit", place),
        actions=_actions(source, element, place),
    )


def _field_update(source: _WorkflowSource, element: ET.Element) -> FieldUpdate:
    place = named("fieldUpdates", element)
    return FieldUpdate(
        name=source.required(element, "fullName", place),
        field=source.required(element, "field", place),
        operation=source.required(element, "operation", place),
        # A LookupValue update sets a user or queue, written where literals go.
        literal=text(element, "literalValue") or text(element, "lookupValue"),
        formula=text(element, "formula"),
        reevaluate=flag(element, "reevaluateOnChange", file=source.file, place=place),
        target_object=text(element, "targetObject"),
    )


def _alert(source: _WorkflowSource, element: ET.Element) -> WorkflowAlert:
    place = named("alerts", element)
    name = source.required(element, "fullName", place)
    return WorkflowAlert(name=name, description=text(element, "description") or name)


def _task(source: _WorkflowSource, element: ET.Element) -> WorkflowTask:
    place = named("tasks", element)
    name = source.required(element, "fullName", place)
    return WorkflowTask(
        name=name,
        subject=text(element, "subject") or name,
        status=text(element, "status"),
        priority=text(element, "priority"),
        due_offset_days=integer(
            element, "dueDateOffset", file=source.file, place=place
        ),
    )
