"""HubSpot workflows as revsim holds them: enrolment, actions, branches."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.definition import NotSimulated


@dataclass(frozen=True, slots=True)
class PropertyFilter:
    """A filter on one property, as HubSpot's list filters write it.

    ``operator`` is HubSpot's (IS_EQUAL_TO, IS_ANY_OF, IS_GREATER_THAN, IS_KNOWN…);
    ``operation_type`` tells how to read ``values`` (NUMBER, STRING, BOOL…).
    """

    property: str
    operator: str
    operation_type: str
    values: tuple[object, ...] = ()
    include_no_value: bool = False


@dataclass(frozen=True, slots=True)
class TimePoint:
    """A moment a date filter compares with, as the Lists filter grammar writes it.

    ``kind`` is DATE (a calendar moment in ``zone``), INDEXED (``reference``
    NOW, TODAY, WEEK, MONTH, QUARTER or YEAR, moved by ``offset``), EPOCH (a
    timestamp in milliseconds) or PROPERTY_REFERENCED (another ``property``
    of the record). ``zone`` None means the account's time zone.
    """

    kind: str
    zone: str | None = None
    fields: tuple[tuple[str, int], ...] = ()  # DATE parts; INDEXED hour/minute…
    reference: str = ""
    reference_day: str | int | None = None  # WEEK dayOfWeek, MONTH day
    offset: tuple[tuple[str, int], ...] = ()
    epoch_ms: int = 0
    property: str = ""


@dataclass(frozen=True, slots=True)
class DateFilter:
    """A filter on a date or datetime property: before, after or between points.

    ``operator`` is IS_BEFORE, IS_AFTER, IS_EQUAL_TO (the same day),
    IS_BETWEEN or IS_NOT_BETWEEN; ``lower`` alone serves the one-point
    operators. ``inclusive`` says whether a value at a bound passes.
    """

    property: str
    operator: str
    operation_type: str
    lower: TimePoint
    upper: TimePoint | None = None
    lower_inclusive: bool = False
    upper_inclusive: bool = True
    include_no_value: bool = False


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Membership of a list: ``IN_LIST`` or ``NOT_IN_LIST``."""

    list_id: str
    operator: str = "IN_LIST"


@dataclass(frozen=True, slots=True)
class UnsupportedFilter:
    """A filter revsim cannot evaluate; it never matches and is reported."""

    filter_type: str


Filter = PropertyFilter | DateFilter | ListFilter | UnsupportedFilter


@dataclass(frozen=True, slots=True)
class FilterBranch:
    """AND / OR / NOT_ALL / NOT_ANY over filters and nested branches."""

    kind: str
    filters: tuple[Filter, ...] = ()
    branches: tuple[FilterBranch, ...] = ()


@dataclass(frozen=True, slots=True)
class EventTrigger:
    """An enrolment event: ``event`` is revsim's name for ``event_type_id``.

    Known events: form_submission, page_view, email_open, email_click,
    property_change, record_created. ``filters`` are on the event's own
    properties (hs_form_id, hs_url, …).
    """

    event_type_id: str
    event: str
    operator: str = "HAS_COMPLETED"
    filters: tuple[PropertyFilter | DateFilter, ...] = ()


@dataclass(frozen=True, slots=True)
class Enrollment:
    kind: str  # LIST_BASED | EVENT_BASED | MANUAL
    filter: FilterBranch | None = None
    events: tuple[EventTrigger, ...] = ()
    refinement: FilterBranch | None = None
    re_enroll: bool = False
    re_enroll_triggers: tuple[FilterBranch, ...] = ()
    unenroll_not_meeting: bool = False


@dataclass(frozen=True, slots=True)
class StaticValue:
    value: str


@dataclass(frozen=True, slots=True)
class PropertyValue:
    """Copy another property of the enrolled record."""

    property: str


@dataclass(frozen=True, slots=True)
class Increment:
    amount: float


@dataclass(frozen=True, slots=True)
class Timestamp:
    """The time the action runs ("stamp now")."""


@dataclass(frozen=True, slots=True)
class ActionOutput:
    """FIELD_DATA: an output of an earlier action (``hs_event_criteria_met``…)."""

    action_id: str
    key: str


ActionValue = StaticValue | PropertyValue | Increment | Timestamp | ActionOutput


@dataclass(frozen=True, slots=True)
class Connection:
    next: str
    goto: bool = False


@dataclass(frozen=True, slots=True)
class BranchArm:
    """One way out of a branch: its coverage key, its label, where it leads."""

    key: str
    label: str
    connection: Connection | None


@dataclass(frozen=True, slots=True)
class Action:
    """Fields every action has; ``connection`` is None at the end of a path."""

    id: str
    action_type_id: str
    connection: Connection | None

    def arms(self) -> tuple[BranchArm, ...]:
        """The ways out of a branch; an action that is not one has none."""
        return ()

    @property
    def kind(self) -> str:
        """What kind of action this is, in a few words."""
        return ACTION_LABELS.get(type(self).__name__, type(self).__name__)


@dataclass(frozen=True, slots=True)
class SetProperty(Action):
    """0-5; ``association`` names associated records to set it on instead."""

    property: str = ""
    value: ActionValue = StaticValue("")
    association: str | None = None  # the associated object (company…), if any


@dataclass(frozen=True, slots=True)
class Delay(Action):
    """0-1: a set amount of time, then optionally until a weekday or a time of day.

    ``time_of_day`` is (hour, minute) in the account's time zone.
    """

    minutes: int = 0
    days_of_week: tuple[str, ...] = ()
    time_of_day: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class DelayUntilDate(Action):
    """0-35: until a calendar date (``epoch_ms``) or a date ``property``.

    ``offset_minutes`` moves the moment (negative: before the date);
    ``time_of_day`` sets the hour on that day, in the account's time zone.
    """

    epoch_ms: int | None = None
    property: str | None = None
    offset_minutes: int = 0
    time_of_day: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class WaitForEvent(Action):
    """0-29: wait until one of ``events`` happens, or ``expiration_minutes`` pass.

    Its output ``hs_event_criteria_met`` is "true" when the event came.
    """

    events: tuple[EventTrigger, ...] = ()
    expiration_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class CreateTask(Action):
    subject: str = ""
    body: str = ""
    task_type: str = "TODO"
    priority: str = "NONE"


@dataclass(frozen=True, slots=True)
class SendEmail(Action):
    content_id: str = ""


@dataclass(frozen=True, slots=True)
class Notification(Action):
    """0-9 in-app notification or 0-8 internal email (the type id tells)."""

    subject: str = ""
    body: str = ""
    user_ids: tuple[str, ...] = ()
    owner_properties: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListMembership(Action):
    """0-13: add the enrolled record to a static list, or remove it."""

    list_id: str = ""
    operation: str = "ADD"


@dataclass(frozen=True, slots=True)
class CreateRecord(Action):
    """0-14: create a record, associated with the enrolled one and others.

    ``copied`` names the objects whose records associated with the enrolled
    one the new record is associated with too (COPY_ASSOCIATION).
    """

    object_type_id: str = ""
    properties: tuple[tuple[str, ActionValue], ...] = ()
    associate_enrolled: bool = True
    copied: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EnrollInWorkflow(Action):
    """0-15: enrol the record in another workflow, by its flow id."""

    flow_id: str = ""


@dataclass(frozen=True, slots=True)
class RotateOwner(Action):
    """0-11: give the record the next owner of ``user_ids``, in turn."""

    user_ids: tuple[str, ...] = ()
    property: str = "hubspot_owner_id"
    overwrite: bool = False


@dataclass(frozen=True, slots=True)
class ListBranchOption:
    name: str
    filter: FilterBranch
    connection: Connection | None


@dataclass(frozen=True, slots=True)
class ListBranch(Action):
    """If/then branch: the first option whose filter matches wins."""

    options: tuple[ListBranchOption, ...] = ()
    default_name: str | None = None
    default: Connection | None = None

    def arms(self) -> tuple[BranchArm, ...]:
        named = tuple(
            BranchArm(f"{self.id}/{o.name}", o.name, o.connection) for o in self.options
        )
        default = self.default_name or "none met"
        return (*named, BranchArm(f"{self.id}/default", default, self.default))


@dataclass(frozen=True, slots=True)
class StaticBranchOption:
    value: str
    connection: Connection | None


@dataclass(frozen=True, slots=True)
class StaticBranch(Action):
    """Value-equals branch on a property or an earlier action's output."""

    input: PropertyValue | ActionOutput = PropertyValue("")
    options: tuple[StaticBranchOption, ...] = ()
    default_name: str | None = None
    default: Connection | None = None

    def arms(self) -> tuple[BranchArm, ...]:
        named = tuple(
            BranchArm(f"{self.id}/{o.value}", o.value, o.connection)
            for o in self.options
        )
        default = self.default_name or "none met"
        return (*named, BranchArm(f"{self.id}/default", default, self.default))


@dataclass(frozen=True, slots=True)
class ABTestArm:
    name: str
    percentage: float | None
    connection: Connection | None


@dataclass(frozen=True, slots=True)
class ABTestBranch(Action):
    """A/B test: each record goes down one arm, drawn by the arms' percentages."""

    test_arms: tuple[ABTestArm, ...] = ()

    def arms(self) -> tuple[BranchArm, ...]:
        return tuple(
            BranchArm(f"{self.id}/{arm.name}", arm.name, arm.connection)
            for arm in self.test_arms
        )


@dataclass(frozen=True, slots=True)
class UnsupportedAction(Action):
    """An action revsim does not simulate; reaching it is recorded as a stub.

    ``branches`` keeps the outgoing paths of a branch revsim does not evaluate,
    so the graph and coverage still see them. ``outputs`` names the outputs a
    custom code action declares, which a scenario's stub may fill.
    """

    kind: str = ""
    reason: str = ""
    branches: tuple[Connection, ...] = ()
    outputs: tuple[str, ...] = ()

    @property
    def stub_name(self) -> str:
        """The name a scenario's stub and the trace use: ``webhook 7``."""
        return f"{self.kind} {self.id}"


WorkflowAction = (
    SetProperty
    | Delay
    | DelayUntilDate
    | WaitForEvent
    | CreateTask
    | SendEmail
    | Notification
    | ListMembership
    | CreateRecord
    | EnrollInWorkflow
    | RotateOwner
    | ListBranch
    | StaticBranch
    | ABTestBranch
    | UnsupportedAction
)

ACTION_LABELS = {
    "SetProperty": "set property",
    "Delay": "delay",
    "DelayUntilDate": "delay until a date",
    "WaitForEvent": "delay until an event",
    "CreateTask": "create task",
    "SendEmail": "send email",
    "Notification": "notification",
    "ListMembership": "static list",
    "CreateRecord": "create record",
    "EnrollInWorkflow": "enrol in workflow",
    "RotateOwner": "rotate owner",
    "ListBranch": "branch",
    "StaticBranch": "value-equals branch",
    "ABTestBranch": "A/B test branch",
    "UnsupportedAction": "not simulated",
}

OBJECT_TYPES = {"0-1": "contact", "0-2": "company", "0-3": "deal", "0-5": "ticket"}


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """An execution window: actions run on ``day`` between the two times.

    Times are minutes after midnight in the account's time zone; an end of
    1440 is midnight at the end of the day.
    """

    day: str
    start: int = 0
    end: int = 1440


@dataclass(frozen=True, slots=True)
class BlockedDate:
    """A pause date; without ``year`` it recurs every year."""

    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Unenrolment:
    """On enrolment here, leave ALL other workflows or the SELECTIVE ``flow_ids``."""

    kind: str
    flow_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Workflow:
    id: str
    name: str
    file: str
    object_type_id: str
    enabled: bool
    enrollment: Enrollment | None
    start: str | None
    actions: dict[str, WorkflowAction] = field(default_factory=dict)
    not_simulated: tuple[NotSimulated, ...] = ()
    goal: FilterBranch | None = None  # contacts who meet it leave the workflow
    suppression_list_ids: tuple[str, ...] = ()  # members of these never enrol
    can_enroll_from_salesforce: bool = True
    # Platform flows: records that meet it are not enrolled, or leave.
    suppression: FilterBranch | None = None
    time_windows: tuple[TimeWindow, ...] = ()
    blocked_dates: tuple[BlockedDate, ...] = ()
    unenrolment: Unenrolment | None = None
    api: str = "v4"  # v4 | v3: which API's JSON it was read from

    @property
    def object(self) -> str:
        return OBJECT_TYPES.get(self.object_type_id, self.object_type_id)
