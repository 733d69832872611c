"""Read a legacy v3 workflow (GET /automation/v3/workflows/{id}) into the same model.

The v3 shape: `name`, `type` (DRIP_DELAY, STATIC_ANCHOR, PROPERTY_ANCHOR),
`enabled`, `actions` (a list, BRANCH nesting acceptActions and
rejectActions), `segmentCriteria` and `goalCriteria` (legacy list filters),
`allowContactToTriggerMultipleTimes`, `reEnrollmentTriggerSets`,
`onlyExecOnBizDays`, `nurtureTimeRange`, `unenrollmentSetting`,
`suppressionListIds` (https://developers.hubspot.com/docs/methods/workflows/v3/create_workflow,
https://developers.hubspot.com/docs/api-reference/legacy/create-manage-workflows-v3/get-automation-v3-workflows-workflowId).
v3 workflows are contact workflows. Actions get the ids "1", "2"… in the
order they run, so a trace reads like the editor's numbering.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeGuard

from simulator.hubspot.dates import WEEKDAYS
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    ActionValue,
    Connection,
    CreateTask,
    Delay,
    EnrollInWorkflow,
    Enrollment,
    EventTrigger,
    FilterBranch,
    Increment,
    ListBranch,
    ListBranchOption,
    ListMembership,
    Notification,
    PropertyFilter,
    PropertyValue,
    SendEmail,
    SetProperty,
    StaticValue,
    Timestamp,
    TimeWindow,
    Unenrolment,
    UnsupportedAction,
    Workflow,
    WorkflowAction,
)
from simulator.hubspot.v3_filters import form_ids, read_criteria

V3_WORKFLOW_TYPES = frozenset({"DRIP_DELAY", "STATIC_ANCHOR", "PROPERTY_ANCHOR"})
_V4_KEYS = ("isEnabled", "enrollmentCriteria", "objectTypeId", "startActionId")
_FORM_SUBMISSION = "4-1639801"


def is_v3_workflow(data: object) -> TypeGuard[JsonObject]:
    """A whole v3 workflow, with no v4 parts in it (those are refused as mixed)."""
    if not isinstance(data, dict) or any(key in data for key in _V4_KEYS):
        return False
    if data.get("type") in ("CONTACT_FLOW", "PLATFORM_FLOW"):
        return False
    v3_marks = (
        data.get("type") in V3_WORKFLOW_TYPES
        or "segmentCriteria" in data
        or "enabled" in data
    )
    actions = data.get("actions", [])
    no_v4_actions = isinstance(actions, list) and not any(
        isinstance(a, dict) and ("actionTypeId" in a or "actionId" in a)
        for a in actions
    )
    return v3_marks and no_v4_actions


def load_v3_workflow(r: Reader, data: JsonObject, path: Path) -> Workflow:
    name = data.get("name")
    r.definition = name if isinstance(name, str) and name else path.stem
    graph = _Graph(r)
    start = graph.chain(r.array(data, "actions", ""), "actions")
    if data.get("type") in ("STATIC_ANCHOR", "PROPERTY_ANCHOR"):
        r.note(
            "type",
            "date-centred workflow",
            f"a {data['type']} workflow runs as a plain one: "
            "delays are not anchored to a date",
        )
    goal = data.get("goalCriteria")
    return Workflow(
        id=str(data.get("id") or path.stem),
        name=r.definition,
        file=str(path),
        object_type_id="0-1",
        enabled=r.flag(data, "enabled", "", False),
        enrollment=_enrollment(r, data),
        start=start,
        actions=graph.actions,
        goal=read_criteria(r, goal, "goalCriteria") if goal else None,
        suppression_list_ids=_suppression(r, data),
        can_enroll_from_salesforce=r.flag(data, "canEnrollFromSalesforce", "", True),
        time_windows=_windows(r, data),
        unenrolment=_unenrolment(r, data),
        not_simulated=tuple(r.not_simulated),
        api="v3",
    )


def _enrollment(r: Reader, data: JsonObject) -> Enrollment:
    again = r.flag(data, "allowContactToTriggerMultipleTimes", "", False)
    criteria = data.get("segmentCriteria") or []
    if r.flag(data, "onlyEnrollsManually", "", False) or not criteria:
        return Enrollment("MANUAL", re_enroll=again)
    forms = form_ids(criteria)
    if forms is not None:
        # "Has filled out form X" as the only criterion is the form's event.
        events = tuple(
            EventTrigger(
                _FORM_SUBMISSION,
                "form_submission",
                filters=(
                    PropertyFilter("hs_form_id", "IS_ANY_OF", "ENUMERATION", (form,)),
                ),
            )
            for form in forms
        )
        return Enrollment("EVENT_BASED", events=events, re_enroll=again)
    return Enrollment(
        "LIST_BASED",
        filter=read_criteria(r, criteria, "segmentCriteria"),
        re_enroll=again,
        re_enroll_triggers=_re_enrolment_triggers(r, data),
        unenroll_not_meeting=r.flag(data, "listening", "", False),
    )


def _re_enrolment_triggers(r: Reader, data: JsonObject) -> tuple[FilterBranch, ...]:
    """CONTACT_PROPERTY_NAME triggers: the property changes (to any value)."""
    triggers = []
    place = "reEnrollmentTriggerSets"
    for i, group in enumerate(r.array(data, place, "")):
        items = group if isinstance(group, list) else [group]
        for j, item in enumerate(items):
            trigger = r.obj(item, at(at(place, i), j))
            if trigger.get("type") == "CONTACT_PROPERTY_NAME":
                prop = r.text(trigger, "id", at(at(place, i), j))
                known = PropertyFilter(prop, "IS_KNOWN", "ALL_PROPERTY")
                triggers.append(FilterBranch("AND", (known,)))
            else:
                r.note(
                    at(at(place, i), j),
                    "re-enrolment trigger",
                    f"{trigger.get('type')} re-enrolment triggers are not simulated",
                )
    return tuple(triggers)


def _suppression(r: Reader, data: JsonObject) -> tuple[str, ...]:
    ids = r.array(data, "suppressionListIds", "")
    setting = data.get("suppressionSetting")
    if isinstance(setting, dict):
        ids = ids + r.array(setting, "listIds", "suppressionSetting")
    return tuple(str(item) for item in ids)


def _windows(r: Reader, data: JsonObject) -> tuple[TimeWindow, ...]:
    """onlyExecOnBizDays and nurtureTimeRange as execution windows."""
    business = r.flag(data, "onlyExecOnBizDays", "", False)
    span = data.get("nurtureTimeRange")
    start, end = 0, 1440
    if isinstance(span, dict) and span.get("enabled"):
        start = _hour(r, span, "startHour") * 60
        end = _hour(r, span, "stopHour") * 60
    if not business and (start, end) == (0, 1440):
        return ()
    days = WEEKDAYS[:5] if business else WEEKDAYS
    return tuple(TimeWindow(day, start, end) for day in days)


def _hour(r: Reader, span: JsonObject, key: str) -> int:
    value = span.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 24:
        r.fail(at("nurtureTimeRange", key), f"expected an hour, found {value!r}")
    return value


def _unenrolment(r: Reader, data: JsonObject) -> Unenrolment | None:
    setting = data.get("unenrollmentSetting")
    if not isinstance(setting, dict):
        return None
    kind = str(setting.get("type", "NONE")).upper()
    ids = tuple(
        str(i) for i in r.array(setting, "excludedWorkflows", "unenrollmentSetting")
    )
    if kind == "ALL":
        return Unenrolment("ALL")
    return Unenrolment("SELECTIVE", ids) if ids else None


class _Graph:
    """v3's nested action lists, laid out as v4's connected actions."""

    def __init__(self, r: Reader) -> None:
        self.r = r
        self.actions: dict[str, WorkflowAction] = {}
        self._next_id = 1

    def chain(self, items: list[object], place: str) -> str | None:
        """Read a list of actions; returns the id of the first, None if empty."""
        ids = [self._reserve() for _ in items]
        for i, item in enumerate(items):
            after = ids[i + 1] if i + 1 < len(ids) else None
            where = at(place, i)
            data = self.r.obj(item, where)
            if data.get("type") == "BRANCH" and after is not None:
                self.r.fail(
                    at(where, "type"),
                    "actions follow a BRANCH in the same list",
                    expected="the BRANCH last; what follows it goes in "
                    "acceptActions and rejectActions",
                )
            connection = Connection(after) if after else None
            self.actions[ids[i]] = self._action(data, where, ids[i], connection)
        return ids[0] if ids else None

    def _reserve(self) -> str:
        action_id = str(self._next_id)
        self._next_id += 1
        return action_id

    def _action(
        self, data: JsonObject, place: str, action_id: str, then: Connection | None
    ) -> WorkflowAction:
        kind = self.r.text(data, "type", place)
        if kind == "BRANCH":
            return self._branch(data, place, action_id)
        read = _READERS.get(kind)
        if read is None:
            return _stub(self.r, place, action_id, then, kind)
        return read(self.r, data, place, action_id, then)

    def _branch(self, data: JsonObject, place: str, action_id: str) -> ListBranch:
        """A yes/no branch: acceptActions when the filters hold, else rejectActions."""
        criteria = read_criteria(
            self.r, data.get("filters") or [], at(place, "filters")
        )
        accept = self.chain(
            self.r.array(data, "acceptActions", place), at(place, "acceptActions")
        )
        reject = self.chain(
            self.r.array(data, "rejectActions", place), at(place, "rejectActions")
        )
        yes = ListBranchOption("Yes", criteria, Connection(accept) if accept else None)
        return ListBranch(
            action_id,
            "BRANCH",
            None,
            options=(yes,),
            default_name="No",
            default=Connection(reject) if reject else None,
        )


Reader3 = Callable[[Reader, JsonObject, str, str, Connection | None], WorkflowAction]


def _delay(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    millis = data.get("delayMillis")
    if not isinstance(millis, int) or isinstance(millis, bool) or millis < 0:
        r.fail(at(place, "delayMillis"), f"expected milliseconds, found {millis!r}")
    return Delay(action_id, "DELAY", then, round(millis / 60_000))


def _set(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    kind = data.get("type")
    name = r.text(data, "propertyName", place)
    value: ActionValue = StaticValue(str(data.get("newValue") or ""))
    if kind == "ADD_SUBTRACT_PROPERTY":
        key = "newValue" if data.get("newValue") is not None else "amount"
        value = Increment(r.number(data, key, place))
    elif kind == "DATE_STAMP_PROPERTY":
        value = Timestamp()
    association = "company" if kind == "SET_COMPANY_PROPERTY" else None
    return SetProperty(action_id, str(kind), then, name, value, association)


def _copy(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    source = r.text(data, "sourceProperty", place)
    target = r.text(data, "targetProperty", place)
    return SetProperty(action_id, "COPY_PROPERTY", then, target, PropertyValue(source))


def _email(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    return SendEmail(action_id, "EMAIL", then, r.ident(data, "emailContentId", place))


def _list(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    operation = r.choice(data, "action", place, ("ADD", "REMOVE"), "ADD")
    list_id = r.ident(data, "listId", place)
    return ListMembership(action_id, "UPDATE_LIST", then, list_id, operation)


def _task(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    return CreateTask(
        action_id,
        "TASK",
        then,
        subject=r.text(data, "subject", place, ""),
        body=r.text(data, "body", place, ""),
    )


def _notify(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    return Notification(
        action_id,
        str(data.get("type")),
        then,
        subject=r.text(data, "subject", place, ""),
        body=r.text(data, "body", place, ""),
    )


def _enrol(
    r: Reader, data: JsonObject, place: str, action_id: str, then: Connection | None
) -> WorkflowAction:
    return EnrollInWorkflow(
        action_id, "WORKFLOW_ENROLLMENT", then, r.ident(data, "workflowId", place)
    )


def _stub(
    r: Reader, place: str, action_id: str, then: Connection | None, kind: str
) -> UnsupportedAction:
    name = "webhook" if kind == "WEBHOOK" else kind.lower().replace("_", " ")
    why = "is not run; a scenario can stub it"
    r.note(place, "action", f"action {action_id} ({kind}, v3): {name} {why}")
    return UnsupportedAction(action_id, kind, then, kind=name, reason=why)


_READERS: dict[str, Reader3] = {
    "DELAY": _delay,
    "SET_CONTACT_PROPERTY": _set,
    "SET_COMPANY_PROPERTY": _set,
    "ADD_SUBTRACT_PROPERTY": _set,
    "DATE_STAMP_PROPERTY": _set,
    "COPY_PROPERTY": _copy,
    "EMAIL": _email,
    "UPDATE_LIST": _list,
    "TASK": _task,
    "NOTIFICATION": _notify,
    "NOTIFICATION_STATION": _notify,
    "WORKFLOW_ENROLLMENT": _enrol,
}
