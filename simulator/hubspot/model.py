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
class ListFilter:
    """Membership of a list: ``IN_LIST`` or ``NOT_IN_LIST``."""

    list_id: str
    operator: str = "IN_LIST"


@dataclass(frozen=True, slots=True)
class UnsupportedFilter:
    """A filter revsim cannot evaluate; it never matches and is reported."""

    filter_type: str


Filter = PropertyFilter | ListFilter | UnsupportedFilter


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
    filters: tuple[PropertyFilter, ...] = ()


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


ActionValue = StaticValue | PropertyValue | Increment | Timestamp


@dataclass(frozen=True, slots=True)
class Connection:
    next: str
    goto: bool = False


@dataclass(frozen=True, slots=True)
class Action:
    """Fields every action has; ``connection`` is None at the end of a path."""

    id: str
    action_type_id: str
    connection: Connection | None


@dataclass(frozen=True, slots=True)
class SetProperty(Action):
    property: str = ""
    value: ActionValue = StaticValue("")


@dataclass(frozen=True, slots=True)
class Delay(Action):
    minutes: int = 0


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
    subject: str = ""
    body: str = ""
    user_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListMembership(Action):
    """0-13: add the enrolled record to a static list, or remove it."""

    list_id: str = ""
    operation: str = "ADD"


@dataclass(frozen=True, slots=True)
class CreateRecord(Action):
    """0-14: create a record, optionally associated with the enrolled one."""

    object_type_id: str = ""
    properties: tuple[tuple[str, ActionValue], ...] = ()
    associate_enrolled: bool = True


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


@dataclass(frozen=True, slots=True)
class UnsupportedAction(Action):
    """An action revsim does not simulate; reaching it is recorded as a stub.

    ``branches`` keeps the outgoing paths of a branch revsim does not evaluate
    (value-equals, A/B test), so the graph and coverage still see them.
    """

    kind: str = ""
    reason: str = ""
    branches: tuple[Connection, ...] = ()


WorkflowAction = (
    SetProperty
    | Delay
    | CreateTask
    | SendEmail
    | Notification
    | ListMembership
    | CreateRecord
    | ListBranch
    | UnsupportedAction
)

OBJECT_TYPES = {"0-1": "contact", "0-2": "company", "0-3": "deal", "0-5": "ticket"}


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

    @property
    def object(self) -> str:
        return OBJECT_TYPES.get(self.object_type_id, self.object_type_id)
