"""Enrolment criteria of a v4 flow: filter-based, event-based, manual."""

from __future__ import annotations

from simulator.hubspot.criteria import read_branch, read_property_filter
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    DateFilter,
    Enrollment,
    EventTrigger,
    FilterBranch,
    PropertyFilter,
)

ENROLLMENT_KINDS = ("LIST_BASED", "EVENT_BASED", "MANUAL", "DATASET")
_WITHOUT = "the trigger is simulated without it, so it may fire more often"

# eventTypeId → revsim's event name. 4-1639801 is in HubSpot's own "Create a
# workflow" example (developers.hubspot.com/docs/api/automation/workflows).
# The others come from published eventTypeId tables of v4 flow references,
# not from a HubSpot page: 4-96000 page visited, 4-666440 email opened,
# 4-666288 clicked link in email, 4-655002 property value changed (filters on
# hs_name / hs_value), 4-1463224 CRM object created. Two independent tables
# agree on all six, a third on the email and form ids; one other gives
# 4-666441 for a click and stands alone. 4-666440 and 4-655002 also appear
# in real exports.
EVENT_TYPES = {
    "4-1639801": "form_submission",
    "4-96000": "page_view",
    "4-666440": "email_open",
    "4-666288": "email_click",
    "4-655002": "property_change",
    "4-1463224": "record_created",
}


def read_enrollment(r: Reader, value: object, place: str) -> Enrollment:
    data = r.obj(value, place)
    kind = r.choice(data, "type", place, ENROLLMENT_KINDS)
    re_enroll = r.flag(data, "shouldReEnroll", place, False)
    if kind == "LIST_BASED":
        return _list_based(r, data, place, re_enroll)
    if kind == "EVENT_BASED":
        return _event_based(r, data, place, re_enroll)
    if kind == "DATASET":
        r.note(
            place,
            "dataset enrolment",
            "records enrolled from a dataset are not simulated; "
            "enrol them in a scenario instead",
        )
    return Enrollment(kind, re_enroll=re_enroll)


def _list_based(r: Reader, data: JsonObject, place: str, re_enroll: bool) -> Enrollment:
    triggers = "reEnrollmentTriggersFilterBranches"
    return Enrollment(
        "LIST_BASED",
        filter=read_branch(
            r,
            r.required(data, "listFilterBranch", place),
            at(place, "listFilterBranch"),
        ),
        re_enroll=re_enroll,
        re_enroll_triggers=tuple(
            read_branch(r, item, at(at(place, triggers), i))
            for i, item in enumerate(r.array(data, triggers, place))
        ),
        unenroll_not_meeting=r.flag(
            data, "unEnrollObjectsNotMeetingCriteria", place, False
        ),
    )


def _event_based(
    r: Reader, data: JsonObject, place: str, re_enroll: bool
) -> Enrollment:
    where = at(place, "eventFilterBranches")
    branches = r.array(data, "eventFilterBranches", place)
    if not branches:
        r.fail(where, "an event-based trigger needs at least one event branch")
    # Several event branches are OR'ed: any one event enrols.
    events = tuple(read_event(r, item, at(where, i)) for i, item in enumerate(branches))
    return Enrollment(
        "EVENT_BASED",
        events=events,
        refinement=_refinement(r, data, place),
        re_enroll=re_enroll,
    )


def _refinement(r: Reader, data: JsonObject, place: str) -> FilterBranch | None:
    """refinementCriteria AND every list-membership branch, or None if neither."""
    parts: list[FilterBranch] = []
    if data.get("refinementCriteria") is not None:
        where = at(place, "refinementCriteria")
        parts.append(read_branch(r, data["refinementCriteria"], where))
    memberships = "listMembershipFilterBranches"
    for i, item in enumerate(r.array(data, memberships, place)):
        parts.append(read_branch(r, item, at(at(place, memberships), i)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else FilterBranch("AND", (), tuple(parts))


def read_event(r: Reader, value: object, place: str) -> EventTrigger:
    """One UNIFIED_EVENTS branch: the event and filters on its own properties."""
    data = r.obj(value, place)
    r.choice(data, "filterBranchType", place, ("UNIFIED_EVENTS",))
    type_id = r.ident(data, "eventTypeId", place)
    operator = r.choice(
        data, "operator", place, ("HAS_COMPLETED", "HAS_NOT_COMPLETED"), "HAS_COMPLETED"
    )
    if operator == "HAS_NOT_COMPLETED":
        r.note(place, "event trigger", "HAS_NOT_COMPLETED never fires on an event")
    for key in ("coalescingRefineBy", "pruningRefineBy"):
        if data.get(key) is not None:
            r.note(
                at(place, key),
                "event refine-by",
                "counts and time windows of events are not simulated: "
                "every matching event counts",
            )
    filters = tuple(_event_filters(r, data, place))
    return EventTrigger(type_id, _event_name(r, type_id, place), operator, filters)


def _event_name(r: Reader, type_id: str, place: str) -> str:
    if type_id in EVENT_TYPES:
        return EVENT_TYPES[type_id]
    r.note(
        at(place, "eventTypeId"),
        "event trigger",
        f"event type {type_id} is not one revsim knows; "
        f"a journey can raise it as the event 'unknown:{type_id}'",
    )
    return f"unknown:{type_id}"


def _event_filters(
    r: Reader, data: JsonObject, place: str
) -> list[PropertyFilter | DateFilter]:
    """Property filters of the branch, AND sub-branches flattened into it."""
    found: list[PropertyFilter | DateFilter] = []
    for i, item in enumerate(r.array(data, "filters", place)):
        where = at(at(place, "filters"), i)
        found.extend(_event_filter(r, item, where))
    for i, item in enumerate(r.array(data, "filterBranches", place)):
        where = at(at(place, "filterBranches"), i)
        nested = r.obj(item, where)
        if nested.get("filterBranchType") == "AND":
            found.extend(_event_filters(r, nested, where))
        else:
            r.note(
                where,
                "event filter branch",
                f"only AND sub-branches are simulated: {_WITHOUT}",
            )
    return found


def _event_filter(
    r: Reader, value: object, place: str
) -> list[PropertyFilter | DateFilter]:
    data = r.obj(value, place)
    if data.get("filterType") != "PROPERTY":
        r.note(
            place, "event filter", f"only property filters are simulated: {_WITHOUT}"
        )
        return []
    item = read_property_filter(r, data, place, _WITHOUT)
    return [item] if isinstance(item, PropertyFilter | DateFilter) else []
