"""Salesforce metadata for the engine tests, as an SFDX source tree holds it.

Flows, workflow rules and validation rules are written as the Metadata API's
XML, element by element, so a test reads as the automation it models.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'
_CHANGED_TO_MEET = (
    "<doesRequireRecordChangedToMeetCriteria>true"
    "</doesRequireRecordChangedToMeetCriteria>"
)


# Values (FlowElementReferenceOrValue)


def text(value: str) -> str:
    return f"<stringValue>{escape(value)}</stringValue>"


def number(value: float) -> str:
    return f"<numberValue>{value}</numberValue>"


def boolean(value: bool) -> str:
    return f"<booleanValue>{str(value).lower()}</booleanValue>"


def ref(path: str) -> str:
    return f"<elementReference>{escape(path)}</elementReference>"


def _connector(target: str | None, tag: str = "connector") -> str:
    if target is None:
        return ""
    return f"<{tag}><targetReference>{target}</targetReference></{tag}>"


# Flows


def record_triggered_flow(
    label: str,
    obj: str,
    *,
    timing: str,
    when: str,
    first: str | None,
    elements: str = "",
    filters: list[str] | None = None,
    logic: str = "and",
    only_when_changed_to_meet: bool = False,
    trigger_order: int | None = None,
    scheduled_paths: str = "",
) -> str:
    """A record-triggered flow: ``timing`` RecordBeforeSave or RecordAfterSave,
    ``when`` Create, Update or CreateAndUpdate, ``first`` the first element."""
    start_filters = "".join(filters or [])
    if start_filters:
        start_filters = f"<filterLogic>{logic}</filterLogic>{start_filters}"
    change = _CHANGED_TO_MEET if only_when_changed_to_meet else ""
    order = f"<triggerOrder>{trigger_order}</triggerOrder>" if trigger_order else ""
    return (
        f"{_HEAD}<Flow {_NS}>"
        "<apiVersion>60.0</apiVersion>"
        f"{elements}"
        f"<label>{escape(label)}</label>"
        "<processType>AutoLaunchedFlow</processType>"
        "<start><locationX>50</locationX><locationY>0</locationY>"
        f"{_connector(first)}{change}{start_filters}"
        f"<object>{obj}</object>"
        f"<recordTriggerType>{when}</recordTriggerType>"
        f"{scheduled_paths}"
        f"<triggerType>{timing}</triggerType>"
        "</start>"
        f"<status>Active</status>{order}</Flow>"
    )


def start_filter(field: str, operator: str, value: str) -> str:
    return (
        f"<filters><field>{field}</field><operator>{operator}</operator>"
        f"<value>{value}</value></filters>"
    )


def condition(left: str, operator: str, value: str) -> str:
    return (
        f"<conditions><leftValueReference>{left}</leftValueReference>"
        f"<operator>{operator}</operator><rightValue>{value}</rightValue>"
        "</conditions>"
    )


def decision(
    name: str,
    outcomes: list[tuple[str, list[str], str | None]],
    *,
    default: str | None = None,
    logic: str = "and",
    changed_to_meet: tuple[str, ...] = (),
) -> str:
    """A Decision: outcomes (name, conditions, next) in order, then the default.

    Outcomes named in ``changed_to_meet`` take effect "only if the record that
    triggered the flow to run is updated to meet the condition requirements".
    """
    rules = "".join(
        f"<rules><name>{rule}</name><conditionLogic>{logic}</conditionLogic>"
        f"{''.join(conditions)}{_connector(then)}"
        + (_CHANGED_TO_MEET if rule in changed_to_meet else "")
        + f"<label>{rule}</label></rules>"
        for rule, conditions, then in outcomes
    )
    return (
        f"<decisions><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(default, 'defaultConnector')}"
        f"<defaultConnectorLabel>Default Outcome</defaultConnectorLabel>"
        f"{rules}</decisions>"
    )


def assignment(
    name: str,
    items: list[tuple[str, str]],
    then: str | None = None,
    *,
    operator: str = "Assign",
) -> str:
    """An Assignment: (target reference, value) pairs, all with ``operator``."""
    body = "".join(
        f"<assignmentItems><assignToReference>{target}</assignToReference>"
        f"<operator>{operator}</operator><value>{value}</value></assignmentItems>"
        for target, value in items
    )
    return (
        f"<assignments><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{body}{_connector(then)}</assignments>"
    )


def _inputs(values: list[tuple[str, str]]) -> str:
    return "".join(
        f"<inputAssignments><field>{field}</field><value>{value}</value>"
        "</inputAssignments>"
        for field, value in values
    )


def update_triggering_record(
    name: str, values: list[tuple[str, str]], then: str | None = None
) -> str:
    """Update Records: "Use the IDs and all field values from $Record"."""
    return (
        f"<recordUpdates><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}{_inputs(values)}"
        "<inputReference>$Record</inputReference></recordUpdates>"
    )


def update_records(
    name: str,
    obj: str,
    filters: list[str],
    values: list[tuple[str, str]],
    then: str | None = None,
    fault: str | None = None,
) -> str:
    """Update Records by filter: every ``obj`` record that meets ``filters``."""
    return (
        f"<recordUpdates><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}{_connector(fault, 'faultConnector')}"
        f"<filterLogic>and</filterLogic>{''.join(filters)}"
        f"{_inputs(values)}<object>{obj}</object></recordUpdates>"
    )


def create_task(name: str, subject: str, then: str | None = None) -> str:
    """Create Records: a Task on the triggering record."""
    values = [("Subject", text(subject)), ("WhatId", ref("$Record.Id"))]
    return (
        f"<recordCreates><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}{_inputs(values)}<object>Task</object>"
        "<storeOutputAutomatically>true</storeOutputAutomatically>"
        "</recordCreates>"
    )


def scheduled_path(
    name: str, first: str, offset: int, unit: str = "Days", *, field: str = ""
) -> str:
    """A scheduled path timed from when the record met the entry conditions,
    or, with ``field``, from a date/time field of the record."""
    source = (
        f"<recordField>{field}</recordField><timeSource>RecordField</timeSource>"
        if field
        else "<timeSource>RecordTriggerEvent</timeSource>"
    )
    return (
        f"<scheduledPaths><name>{name}</name>{_connector(first)}"
        f"<label>{name}</label><offsetNumber>{offset}</offsetNumber>"
        f"<offsetUnit>{unit}</offsetUnit>{source}</scheduledPaths>"
    )


# Validation rules and workflow rules


def validation_rule(name: str, error_condition: str, message: str) -> str:
    return (
        f"{_HEAD}<ValidationRule {_NS}>"
        f"<fullName>{name}</fullName><active>true</active>"
        f"<errorConditionFormula>{escape(error_condition)}</errorConditionFormula>"
        f"<errorMessage>{escape(message)}</errorMessage>"
        "</ValidationRule>"
    )


def workflow(*parts: str) -> str:
    """An object's workflow file: its rules, field updates and tasks."""
    return f"{_HEAD}<Workflow {_NS}>{''.join(parts)}</Workflow>"


def workflow_rule(
    name: str,
    trigger_type: str,
    criteria: list[tuple[str, str, str]],
    *,
    actions: list[tuple[str, str]] | None = None,
    time_triggers: str = "",
) -> str:
    """A rule: criteria items (Object.Field, operation, value), ANDed."""
    items = "".join(
        f"<criteriaItems><field>{field}</field><operation>{operation}</operation>"
        f"<value>{escape(value)}</value></criteriaItems>"
        for field, operation, value in criteria
    )
    return (
        f"<rules><fullName>{escape(name)}</fullName>"
        f"{_actions(actions or [])}<active>true</active>{items}"
        f"<triggerType>{trigger_type}</triggerType>{time_triggers}</rules>"
    )


def _actions(actions: list[tuple[str, str]]) -> str:
    return "".join(
        f"<actions><name>{name}</name><type>{kind}</type></actions>"
        for kind, name in actions
    )


def time_trigger(
    length: int, unit: str, actions: list[tuple[str, str]], *, field: str = ""
) -> str:
    """Actions ``length`` units after the rule fired, or after ``field``."""
    offset = f"<offsetFromField>{field}</offsetFromField>" if field else ""
    return (
        f"<workflowTimeTriggers>{_actions(actions)}{offset}"
        f"<timeLength>{length}</timeLength>"
        f"<workflowTimeTriggerUnit>{unit}</workflowTimeTriggerUnit>"
        "</workflowTimeTriggers>"
    )


def field_update(
    name: str, field: str, literal: str, *, reevaluate: bool = False
) -> str:
    """A Literal field update; ``reevaluate`` is "Re-evaluate Workflow Rules
    after Field Change"."""
    return (
        f"<fieldUpdates><fullName>{name}</fullName><field>{field}</field>"
        f"<literalValue>{escape(literal)}</literalValue><name>{name}</name>"
        "<notifyAssignee>false</notifyAssignee><operation>Literal</operation>"
        "<protected>false</protected>"
        f"<reevaluateOnChange>{str(reevaluate).lower()}</reevaluateOnChange>"
        "</fieldUpdates>"
    )


def workflow_task(name: str, subject: str) -> str:
    return (
        f"<tasks><fullName>{name}</fullName><assignedToType>owner</assignedToType>"
        "<notifyAssignee>false</notifyAssignee><priority>Normal</priority>"
        "<protected>false</protected><status>Not Started</status>"
        f"<subject>{escape(subject)}</subject></tasks>"
    )


def checkbox_field(name: str) -> str:
    return (
        f"{_HEAD}<CustomField {_NS}>"
        f"<fullName>{name}</fullName><defaultValue>false</defaultValue>"
        f"<externalId>false</externalId><label>{name}</label>"
        "<trackTrendingHistory>false</trackTrendingHistory>"
        "<type>Checkbox</type></CustomField>"
    )
