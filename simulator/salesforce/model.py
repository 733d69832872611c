"""Salesforce automation as revsim holds it: flows, workflow rules, validation rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.definition import NotSimulated


@dataclass(frozen=True, slots=True)
class Literal:
    """A value written in the definition (stringValue, numberValue, …)."""

    value: object


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference to a resource or field: ``$Record.StageName``, ``myVar``."""

    path: str


FlowValue = Literal | Reference


@dataclass(frozen=True, slots=True)
class Condition:
    """``left operator right``; ``left`` is a reference (or a field in filters)."""

    left: str
    operator: str
    right: FlowValue | None


@dataclass(frozen=True, slots=True)
class Conditions:
    """Conditions joined by ``and``, ``or`` or custom logic like ``1 AND (2 OR 3)``."""

    items: tuple[Condition, ...]
    logic: str = "and"


@dataclass(frozen=True, slots=True)
class FieldValue:
    """An input assignment: a field set to a value on a created or updated record."""

    field: str
    value: FlowValue | None


@dataclass(frozen=True, slots=True)
class AssignmentItem:
    target: str
    operator: str
    value: FlowValue | None


@dataclass(frozen=True, slots=True)
class Node:
    """Fields every flow element has. ``next`` is None where the path ends."""

    name: str
    label: str
    next: str | None


@dataclass(frozen=True, slots=True)
class DecisionRule:
    name: str
    label: str
    conditions: Conditions
    next: str | None
    requires_change: bool = False


@dataclass(frozen=True, slots=True)
class Decision(Node):
    rules: tuple[DecisionRule, ...] = ()
    default_label: str = "Default Outcome"


@dataclass(frozen=True, slots=True)
class Assignment(Node):
    items: tuple[AssignmentItem, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordUpdate(Node):
    """Update ``input_reference`` (e.g. ``$Record``) or every ``object`` record
    matching ``filters``, setting ``values``."""

    input_reference: str | None = None
    object: str | None = None
    filters: Conditions | None = None
    values: tuple[FieldValue, ...] = ()
    fault: str | None = None


@dataclass(frozen=True, slots=True)
class RecordCreate(Node):
    object: str | None = None
    values: tuple[FieldValue, ...] = ()
    input_reference: str | None = None
    assign_id_to: str | None = None
    fault: str | None = None


@dataclass(frozen=True, slots=True)
class RecordLookup(Node):
    object: str = ""
    filters: Conditions | None = None
    sort_field: str | None = None
    sort_order: str | None = None
    first_only: bool = True
    output_reference: str | None = None
    fault: str | None = None
    # outputAssignments: ``target`` receives the found record's field ``value``.
    output_assignments: tuple[AssignmentItem, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionCall(Node):
    """An action; emailSimple and emailAlert are recorded, others are stubs."""

    action_type: str = ""
    action_name: str = ""
    inputs: tuple[FieldValue, ...] = ()
    fault: str | None = None
    outputs: tuple[ActionOutput, ...] = ()
    store_outputs: bool = False


@dataclass(frozen=True, slots=True)
class ActionOutput:
    """An output parameter of an action or subflow copied into a resource."""

    name: str
    target: str


@dataclass(frozen=True, slots=True)
class Loop(Node):
    """Iterate over a collection: ``body`` for each item, then ``next``."""

    collection: str = ""
    variable: str | None = None  # assignNextValueToReference
    descending: bool = False
    body: str | None = None  # nextValueConnector


@dataclass(frozen=True, slots=True)
class RecordDelete(Node):
    """Delete ``input_reference`` (a record or collection) or every ``object``
    record matching ``filters``."""

    input_reference: str | None = None
    object: str | None = None
    filters: Conditions | None = None
    fault: str | None = None


@dataclass(frozen=True, slots=True)
class CollectionFilter(Node):
    """Keep the items of ``collection`` that meet ``conditions``, each read
    through ``item`` (FilterCollectionProcessor)."""

    collection: str = ""
    item: str = ""
    conditions: Conditions | None = None
    formula: str | None = None


@dataclass(frozen=True, slots=True)
class CollectionSort(Node):
    """Sort ``collection`` by fields, then keep the first ``limit`` items
    (SortCollectionProcessor)."""

    collection: str = ""
    keys: tuple[tuple[str, bool, bool], ...] = ()  # field, descending, nulls first
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Subflow(Node):
    """Run another flow with inputs; copy its outputs back."""

    flow_name: str = ""
    inputs: tuple[FieldValue, ...] = ()
    outputs: tuple[ActionOutput, ...] = ()
    store_outputs: bool = False


@dataclass(frozen=True, slots=True)
class CustomError(Node):
    """Refuse the save with a message, as a validation rule does."""

    message: str = ""
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Transform(Node):
    """Map values into a new record (transformType Map)."""

    object_type: str | None = None
    values: tuple[FieldValue, ...] = ()
    is_collection: bool = False


@dataclass(frozen=True, slots=True)
class Unsupported(Node):
    """An element revsim does not simulate; reaching it is recorded as a stub."""

    kind: str = ""
    reason: str = ""
    targets: tuple[str, ...] = ()  # every connector target, ``next`` included


FlowNode = (
    Decision
    | Assignment
    | RecordUpdate
    | RecordCreate
    | RecordLookup
    | RecordDelete
    | ActionCall
    | Loop
    | CollectionFilter
    | CollectionSort
    | Subflow
    | CustomError
    | Transform
    | Unsupported
)


@dataclass(frozen=True, slots=True)
class Resource:
    """A variable, constant, formula or text template of a flow."""

    name: str
    kind: str  # variable | constant | formula | textTemplate
    data_type: str | None = None
    value: FlowValue | None = None
    expression: str | None = None
    is_collection: bool = False
    object_type: str | None = None


@dataclass(frozen=True, slots=True)
class ScheduledPath:
    name: str
    label: str
    next: str | None
    offset_number: int
    offset_unit: str  # Minutes | Hours | Days | Months
    time_source: str  # RecordTriggerEvent | RecordField
    record_field: str | None = None
    # AsyncAfterCommit: the "Run Asynchronously" path, right after commit.
    path_type: str | None = None


@dataclass(frozen=True, slots=True)
class FlowTrigger:
    """The start element of a record-triggered flow."""

    object: str
    # before | after | process | before_delete | scheduled | platform_event
    timing: str
    record_trigger_type: str  # Create | Update | CreateAndUpdate | Delete
    filters: Conditions | None = None
    filter_formula: str | None = None
    requires_change: bool = False
    scheduled_paths: tuple[ScheduledPath, ...] = ()
    # Process Builder: the variables holding the record and its prior values,
    # and "allow process to evaluate a record multiple times".
    record_variable: str | None = None
    prior_variable: str | None = None
    reevaluates: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    api_name: str
    label: str
    file: str
    process_type: str
    status: str
    trigger: FlowTrigger | None
    start: str | None
    nodes: dict[str, FlowNode]
    resources: dict[str, Resource] = field(default_factory=dict)
    trigger_order: int | None = None
    not_simulated: tuple[NotSimulated, ...] = ()
    api_version: float | None = None

    @property
    def is_active(self) -> bool:
        return self.status.lower() == "active"

    @property
    def is_record_triggered(self) -> bool:
        return self.trigger is not None and self.trigger.timing in (
            "before",
            "after",
            "process",
        )

    @property
    def is_process(self) -> bool:
        """A Process Builder process (processType Workflow)."""
        return self.trigger is not None and self.trigger.timing == "process"


@dataclass(frozen=True, slots=True)
class CriteriaItem:
    field: str  # Object.Field as written
    operation: str
    value: str | None
    value_field: str | None = None


@dataclass(frozen=True, slots=True)
class ActionRef:
    type: str  # Alert | FieldUpdate | Task | OutboundMessage | …
    name: str


@dataclass(frozen=True, slots=True)
class TimeTrigger:
    offset_field: str | None  # None: the time the rule fired
    length: int
    unit: str  # Hours | Days
    actions: tuple[ActionRef, ...]


@dataclass(frozen=True, slots=True)
class WorkflowRule:
    object: str
    name: str
    file: str
    active: bool
    trigger_type: str  # onCreateOnly | onAllChanges | onCreateOrTriggeringUpdate
    criteria: tuple[CriteriaItem, ...] = ()
    boolean_filter: str | None = None
    formula: str | None = None
    actions: tuple[ActionRef, ...] = ()
    time_triggers: tuple[TimeTrigger, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldUpdate:
    name: str
    field: str
    operation: str  # Literal | Formula | Null | NextValue | PreviousValue | LookupValue
    literal: str | None = None
    formula: str | None = None
    reevaluate: bool = False
    target_object: str | None = None  # a cross-object update of the parent record


@dataclass(frozen=True, slots=True)
class WorkflowAlert:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class WorkflowTask:
    name: str
    subject: str
    status: str | None = None
    priority: str | None = None
    due_offset_days: int | None = None


@dataclass(frozen=True, slots=True)
class WorkflowFile:
    """One ``<Object>.workflow-meta.xml``: its rules and the actions they name."""

    object: str
    file: str
    rules: tuple[WorkflowRule, ...]
    field_updates: dict[str, FieldUpdate] = field(default_factory=dict)
    alerts: dict[str, WorkflowAlert] = field(default_factory=dict)
    tasks: dict[str, WorkflowTask] = field(default_factory=dict)
    not_simulated: tuple[NotSimulated, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidationRule:
    object: str
    name: str
    file: str
    active: bool
    formula: str
    message: str
    display_field: str | None = None


@dataclass(frozen=True, slots=True)
class PicklistValue:
    """One value with what a standard value set says about it."""

    name: str
    label: str
    closed: bool | None = None  # OpportunityStage, CaseStatus
    won: bool | None = None  # OpportunityStage
    converted: bool | None = None  # LeadStatus
    probability: int | None = None  # OpportunityStage
    forecast_category: str | None = None  # OpportunityStage


@dataclass(frozen=True, slots=True)
class Picklist:
    """The values of a picklist field in their defined order."""

    object: str
    field: str
    values: tuple[str, ...]
    restricted: bool = False
    default: str | None = None
    entries: tuple[PicklistValue, ...] = ()  # ``values`` with their details
    multi_select: bool = False
    controlling_field: str | None = None  # a dependent picklist's controller
    value_set_name: str | None = None  # a global value set, defined elsewhere
