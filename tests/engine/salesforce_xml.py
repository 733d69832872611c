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


def picklist_field(
    name: str, values: list[str], *, restricted: bool = False, required: bool = False
) -> str:
    """A custom picklist field; ``restricted`` refuses any other value."""
    listed = "".join(
        f"<value><fullName>{escape(v)}</fullName><default>false</default>"
        f"<label>{escape(v)}</label></value>"
        for v in values
    )
    return (
        f"{_HEAD}<CustomField {_NS}>"
        f"<fullName>{name}</fullName><label>{name}</label>"
        f"<required>{str(required).lower()}</required><type>Picklist</type>"
        f"<valueSet><restricted>{str(restricted).lower()}</restricted>"
        f"<valueSetDefinition><sorted>false</sorted>{listed}"
        "</valueSetDefinition></valueSet></CustomField>"
    )


def text_field(name: str, *, required: bool = False) -> str:
    return (
        f"{_HEAD}<CustomField {_NS}>"
        f"<fullName>{name}</fullName><label>{name}</label><length>80</length>"
        f"<required>{str(required).lower()}</required><type>Text</type>"
        "</CustomField>"
    )


def stage_value_set(stages: list[tuple[str, int, str, bool, bool]]) -> str:
    """OpportunityStage: (name, probability, forecastCategory, closed, won)."""
    values = "".join(
        f"<standardValue><fullName>{escape(name)}</fullName>"
        f"<default>false</default><label>{escape(name)}</label>"
        f"<closed>{str(closed).lower()}</closed>"
        f"<forecastCategory>{category}</forecastCategory>"
        f"<probability>{probability}</probability>"
        f"<won>{str(won).lower()}</won></standardValue>"
        for name, probability, category, closed, won in stages
    )
    return (
        f"{_HEAD}<StandardValueSet {_NS}><fullName>OpportunityStage</fullName>"
        f"<sorted>false</sorted>{values}</StandardValueSet>"
    )


def process(
    label: str,
    obj: str,
    *,
    trigger_type: str,
    first: str,
    elements: str,
    recursive: bool = False,
) -> str:
    """A Process Builder process as Process Builder saves it: processType
    Workflow, object and trigger in processMetadataValues, no <start>."""
    recursion = (
        "<processMetadataValues><name>RecursiveCountVariable</name><value>"
        "<elementReference>RecursiveCountVariable</elementReference></value>"
        "</processMetadataValues>"
        if recursive
        else ""
    )
    variables = "".join(
        f"<variables><name>{name}</name><dataType>SObject</dataType>"
        "<isCollection>false</isCollection><isInput>true</isInput>"
        f"<isOutput>false</isOutput><objectType>{obj}</objectType></variables>"
        for name in ("myVariable_current", "myVariable_old")
    )
    return (
        f"{_HEAD}<Flow {_NS}>{elements}"
        f"<interviewLabel>{escape(label)}</interviewLabel>"
        f"<label>{escape(label)}</label>"
        "<processMetadataValues><name>ObjectType</name><value>"
        f"<stringValue>{obj}</stringValue></value></processMetadataValues>"
        "<processMetadataValues><name>ObjectVariable</name><value>"
        "<elementReference>myVariable_current</elementReference></value>"
        "</processMetadataValues>"
        "<processMetadataValues><name>OldObjectVariable</name><value>"
        "<elementReference>myVariable_old</elementReference></value>"
        f"</processMetadataValues>{recursion}"
        "<processMetadataValues><name>TriggerType</name><value>"
        f"<stringValue>{trigger_type}</stringValue></value></processMetadataValues>"
        "<processType>Workflow</processType>"
        f"<startElementReference>{first}</startElementReference>"
        f"<status>Active</status>{variables}</Flow>"
    )


def process_update(name: str, obj: str, values: list[tuple[str, str]]) -> str:
    """A process action: update the record that started the process."""
    return (
        f"<recordUpdates><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<filters><field>Id</field><operator>EqualTo</operator><value>"
        "<elementReference>myVariable_current.Id</elementReference></value>"
        f"</filters>{_inputs(values)}<object>{obj}</object></recordUpdates>"
    )


def formula(name: str, data_type: str, expression: str) -> str:
    return (
        f"<formulas><name>{name}</name><dataType>{data_type}</dataType>"
        f"<expression>{escape(expression)}</expression></formulas>"
    )


def variable(
    name: str,
    data_type: str,
    *,
    collection: bool = False,
    object_type: str = "",
    value: str = "",
) -> str:
    obj = f"<objectType>{object_type}</objectType>" if object_type else ""
    default = f"<value>{value}</value>" if value else ""
    return (
        f"<variables><name>{name}</name><dataType>{data_type}</dataType>"
        f"<isCollection>{str(collection).lower()}</isCollection>"
        "<isInput>true</isInput><isOutput>true</isOutput>"
        f"{obj}{default}</variables>"
    )


def get_records(
    name: str,
    obj: str,
    filters: list[str],
    then: str | None = None,
    *,
    first_only: bool = False,
    sort: tuple[str, str] | None = None,
) -> str:
    """Get Records with automatic output: ``{!name}`` holds what it found."""
    order = (
        f"<sortField>{sort[0]}</sortField><sortOrder>{sort[1]}</sortOrder>"
        if sort
        else ""
    )
    return (
        f"<recordLookups><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}<filterLogic>and</filterLogic>{''.join(filters)}"
        f"<getFirstRecordOnly>{str(first_only).lower()}</getFirstRecordOnly>"
        f"<object>{obj}</object>{order}"
        "<storeOutputAutomatically>true</storeOutputAutomatically>"
        "</recordLookups>"
    )


def loop(
    name: str,
    collection: str,
    body: str | None,
    after: str | None,
    *,
    order: str = "Asc",
    variable_name: str = "",
) -> str:
    into = (
        f"<assignNextValueToReference>{variable_name}</assignNextValueToReference>"
        if variable_name
        else ""
    )
    return (
        f"<loops><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{into}<collectionReference>{collection}</collectionReference>"
        f"<iterationOrder>{order}</iterationOrder>"
        f"{_connector(body, 'nextValueConnector')}"
        f"{_connector(after, 'noMoreValuesConnector')}</loops>"
    )


def delete_records(
    name: str, obj: str, filters: list[str], then: str | None = None
) -> str:
    return (
        f"<recordDeletes><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}<filterLogic>and</filterLogic>{''.join(filters)}"
        f"<object>{obj}</object></recordDeletes>"
    )


def create_records(
    name: str, obj: str, values: list[tuple[str, str]], then: str | None = None
) -> str:
    return (
        f"<recordCreates><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}{_inputs(values)}<object>{obj}</object>"
        "<storeOutputAutomatically>true</storeOutputAutomatically>"
        "</recordCreates>"
    )


def action_call(
    name: str,
    action_type: str,
    action_name: str,
    then: str | None = None,
    *,
    outputs: list[tuple[str, str]] | None = None,
    fault: str | None = None,
) -> str:
    """An action; ``outputs`` are (output parameter, resource) pairs."""
    out = "".join(
        f"<outputParameters><assignToReference>{target}</assignToReference>"
        f"<name>{output}</name></outputParameters>"
        for output, target in outputs or []
    )
    return (
        f"<actionCalls><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"<actionName>{action_name}</actionName><actionType>{action_type}</actionType>"
        f"{_connector(then)}{_connector(fault, 'faultConnector')}{out}</actionCalls>"
    )


def autolaunched_flow(label: str, first: str, elements: str) -> str:
    """An autolaunched flow without a trigger: a subflow."""
    return (
        f"{_HEAD}<Flow {_NS}><apiVersion>60.0</apiVersion>{elements}"
        f"<label>{escape(label)}</label>"
        "<processType>AutoLaunchedFlow</processType>"
        f"<start><locationX>0</locationX><locationY>0</locationY>{_connector(first)}"
        "</start><status>Active</status></Flow>"
    )


def subflow(
    name: str,
    flow_name: str,
    inputs: list[tuple[str, str]],
    outputs: list[tuple[str, str]],
    then: str | None = None,
) -> str:
    """A Subflow element: (input variable, value), (output variable, resource)."""
    given = "".join(
        f"<inputAssignments><name>{n}</name><value>{v}</value></inputAssignments>"
        for n, v in inputs
    )
    taken = "".join(
        f"<outputAssignments><assignToReference>{t}</assignToReference>"
        f"<name>{n}</name></outputAssignments>"
        for n, t in outputs
    )
    return (
        f"<subflows><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"{_connector(then)}<flowName>{flow_name}</flowName>{given}{taken}"
        "</subflows>"
    )


def custom_error(name: str, message: str) -> str:
    return (
        f"<customErrors><name>{name}</name><label>{name}</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<customErrorMessages>"
        f"<errorMessage>{escape(message)}</errorMessage>"
        "<isFieldError>false</isFieldError></customErrorMessages></customErrors>"
    )


def collection_filter(
    name: str, collection: str, item: str, conditions: list[str], then: str | None
) -> str:
    return (
        f"<collectionProcessors><name>{name}</name><label>{name}</label>"
        "<elementSubtype>FilterCollectionProcessor</elementSubtype>"
        "<locationX>0</locationX><locationY>0</locationY>"
        f"<assignNextValueToReference>{item}</assignNextValueToReference>"
        "<collectionProcessorType>FilterCollectionProcessor"
        "</collectionProcessorType>"
        f"<collectionReference>{collection}</collectionReference>"
        f"<conditionLogic>and</conditionLogic>{''.join(conditions)}"
        f"{_connector(then)}</collectionProcessors>"
    )


def collection_sort(
    name: str,
    collection: str,
    field: str,
    order: str,
    then: str | None,
    *,
    limit: int | None = None,
) -> str:
    most = f"<limit>{limit}</limit>" if limit is not None else ""
    return (
        f"<collectionProcessors><name>{name}</name><label>{name}</label>"
        "<elementSubtype>SortCollectionProcessor</elementSubtype>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<collectionProcessorType>SortCollectionProcessor</collectionProcessorType>"
        f"<collectionReference>{collection}</collectionReference>"
        f"{_connector(then)}{most}<sortOptions>"
        "<doesPutEmptyStringAndNullFirst>false</doesPutEmptyStringAndNullFirst>"
        f"<sortField>{field}</sortField><sortOrder>{order}</sortOrder>"
        "</sortOptions></collectionProcessors>"
    )


def async_path(first: str) -> str:
    """The "Run Asynchronously" path of an after-save flow."""
    return (
        f"<scheduledPaths>{_connector(first)}"
        "<pathType>AsyncAfterCommit</pathType></scheduledPaths>"
    )


def formula_field_update(
    name: str, field: str, expression: str, *, target: str = ""
) -> str:
    """A Formula field update; ``target`` the lookup field of a parent."""
    parent = f"<targetObject>{target}</targetObject>" if target else ""
    return (
        f"<fieldUpdates><fullName>{name}</fullName><field>{field}</field>"
        f"<formula>{escape(expression)}</formula><name>{name}</name>"
        "<notifyAssignee>false</notifyAssignee><operation>Formula</operation>"
        f"<protected>false</protected>{parent}</fieldUpdates>"
    )


def operation_field_update(name: str, field: str, operation: str) -> str:
    """A Null, NextValue or PreviousValue field update."""
    return (
        f"<fieldUpdates><fullName>{name}</fullName><field>{field}</field>"
        f"<name>{name}</name><notifyAssignee>false</notifyAssignee>"
        f"<operation>{operation}</operation><protected>false</protected>"
        "</fieldUpdates>"
    )


def lookup_field_update(name: str, field: str, user: str) -> str:
    """A LookupValue field update: a user or queue by name."""
    return (
        f"<fieldUpdates><fullName>{name}</fullName><field>{field}</field>"
        f"<lookupValue>{escape(user)}</lookupValue>"
        "<lookupValueType>User</lookupValueType>"
        f"<name>{name}</name><notifyAssignee>false</notifyAssignee>"
        "<operation>LookupValue</operation><protected>false</protected>"
        "</fieldUpdates>"
    )


def workflow_alert(name: str) -> str:
    return (
        f"<alerts><fullName>{name}</fullName><description>{name}</description>"
        "<protected>false</protected><recipients><type>owner</type></recipients>"
        "<senderType>CurrentUser</senderType>"
        "<template>unfiled$public/Template</template></alerts>"
    )
