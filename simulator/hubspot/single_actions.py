"""SINGLE_CONNECTION actions by actionTypeId: their `fields`, read into the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.hubspot.dates import WEEKDAYS
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    OBJECT_TYPES,
    ActionOutput,
    ActionValue,
    Connection,
    CreateRecord,
    CreateTask,
    Delay,
    DelayUntilDate,
    EnrollInWorkflow,
    Increment,
    ListMembership,
    Notification,
    PropertyValue,
    RotateOwner,
    SendEmail,
    SetProperty,
    StaticValue,
    Timestamp,
    UnsupportedAction,
    WaitForEvent,
    WorkflowAction,
)

# Built-in actionTypeIds. HubSpot's docs table lists 0-1, 0-3, 0-4, 0-5, 0-8,
# 0-9, 0-13, 0-14 and 0-35; the rest are seen in real exports. 0-11 "rotate
# record to owner" is named by two independent exports' tooling, not by
# HubSpot's docs (docs/rules.md, "Where the documentation leaves a choice").
ACTION_NAMES = {
    "0-1": "delay",
    "0-11": "rotate record to owner",
    "0-3": "create task",
    "0-4": "send marketing email",
    "0-5": "set property value",
    "0-8": "send internal email notification",
    "0-9": "send in-app notification",
    "0-13": "add to or remove from static list",
    "0-14": "create record",
    "0-15": "enroll in another workflow",
    "0-29": "delay until an event happens",
    "0-35": "delay until a date",
    "0-63809083": "add to static list",
    "0-63863438": "remove from static list",
}
_MINUTES = {"MINUTES": 1, "HOURS": 60, "DAYS": 1440, "WEEKS": 10080}
_TOKEN = "{{"


@dataclass(frozen=True)
class Head:
    """What every action has, and where it sits in the file."""

    id: str
    type_id: str
    connection: Connection | None
    place: str


def stub(
    r: Reader,
    head: Head,
    why: str,
    branches: tuple[Connection, ...] = (),
    name: str | None = None,
) -> UnsupportedAction:
    """An action that runs as a stub, reported as not simulated."""
    kind = name or ACTION_NAMES.get(head.type_id, "app-defined or unknown action")
    r.note(head.place, "action", f"action {head.id} ({head.type_id}, {kind}): {why}")
    return UnsupportedAction(
        head.id, head.type_id, head.connection, kind=kind, reason=why, branches=branches
    )


# HubSpot-defined association type ids and the object each one leads to:
# https://developers.hubspot.com/docs/api-reference/crm-associations-v3/guide
# and the v1 definition ids (15 contact→ticket, 26 ticket→company):
# https://developers.hubspot.com/docs/methods/crm-associations/crm-associations-overview
ASSOCIATION_TARGETS = {
    1: "company",
    279: "company",
    2: "contact",
    280: "contact",
    3: "contact",
    4: "deal",
    5: "company",
    341: "company",
    6: "deal",
    342: "deal",
    15: "ticket",
    16: "contact",
    25: "ticket",
    340: "ticket",
    26: "company",
    339: "company",
}


def _set_property(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    name = r.text(fields, "property_name", where)
    association = None
    if fields.get("association") is not None:
        association = _association_target(r, fields["association"], where)
        if association is None:
            return stub(r, head, f"sets {name} on records of an unknown association")
    value = read_value(r, r.required(fields, "value", where), at(where, "value"))
    if isinstance(value, str):
        return stub(r, head, value)
    return SetProperty(head.id, head.type_id, head.connection, name, value, association)


def _association_target(r: Reader, value: object, place: str) -> str | None:
    """The object an association spec leads to, by its associationTypeId."""
    spec = r.obj(value, at(place, "association"))
    type_id = spec.get("associationTypeId")
    if isinstance(type_id, str) and type_id.isdigit():
        type_id = int(type_id)
    if spec.get("associationCategory", "HUBSPOT_DEFINED") != "HUBSPOT_DEFINED":
        return None
    return ASSOCIATION_TARGETS.get(type_id) if isinstance(type_id, int) else None


def read_value(r: Reader, raw: object, place: str) -> ActionValue | str:
    """A value type; for one not simulated, the reason as a string."""
    data = r.obj(raw, place)
    kind = data.get("type") or _value_kind(data)
    if kind == "STATIC_VALUE":
        text = str(r.required(data, "staticValue", place))
        if _TOKEN in text:
            return f"the value {text!r} holds personalization tokens"
        return StaticValue(text)
    if kind == "OBJECT_PROPERTY":
        return PropertyValue(r.text(data, "propertyName", place))
    if kind == "INCREMENT":
        return Increment(r.number(data, "incrementAmount", place))
    if kind == "TIMESTAMP":
        return Timestamp()
    if kind == "FIELD_DATA":
        action = r.ident(data, "actionId", place)
        return ActionOutput(action, r.text(data, "dataKey", place))
    return f"values of type {kind} are not simulated"


def _value_kind(data: JsonObject) -> str:
    # The docs' own set-property example leaves out the value's `type`.
    for key, kind in (
        ("staticValue", "STATIC_VALUE"),
        ("propertyName", "OBJECT_PROPERTY"),
        ("incrementAmount", "INCREMENT"),
        ("timestampType", "TIMESTAMP"),
    ):
        if key in data:
            return kind
    return "unknown"


def _delay(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    """A set time; with days_of_week or time_of_day, then until that day or time."""
    where = at(head.place, "fields")
    days = tuple(
        r.choice({"day": day}, "day", at(at(where, "days_of_week"), i), WEEKDAYS)
        for i, day in enumerate(r.array(fields, "days_of_week", where))
    )
    return Delay(
        head.id,
        head.type_id,
        head.connection,
        _minutes(r, head, fields) if "delta" in fields else 0,
        days,
        _time_of_day(r, fields, where),
    )


def _time_of_day(r: Reader, fields: JsonObject, place: str) -> tuple[int, int] | None:
    if fields.get("time_of_day") is None:
        return None
    where = at(place, "time_of_day")
    data = r.obj(fields["time_of_day"], where)
    hour = r.whole(data, "hour", where, 0)
    minute = r.whole(data, "minute", where, 0)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        r.fail(where, f"{hour:02}:{minute:02} is not a time of day")
    return hour, minute


def _minutes(r: Reader, head: Head, fields: JsonObject) -> int:
    where = at(head.place, "fields")
    unit = r.choice(fields, "time_unit", where, tuple(_MINUTES))
    return r.whole(fields, "delta", where) * _MINUTES[unit]


def _delay_until_date(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    """Until a calendar date (epoch ms) or the date in a property, plus delta."""
    # HubSpot's docs example "Delay a set amount of time" uses 0-35 with only
    # delta and time_unit, while the docs table says 0-1; such a body is read
    # as the set delay it describes.
    if "date" not in fields and "delta" in fields and "time_unit" in fields:
        return _delay(r, head, fields)
    where = at(head.place, "fields")
    date = read_value(r, r.required(fields, "date", where), at(where, "date"))
    offset = _minutes(r, head, fields) if "delta" in fields else 0
    common = (head.id, head.type_id, head.connection)
    time_of_day = _time_of_day(r, fields, where)
    if isinstance(date, PropertyValue):
        return DelayUntilDate(*common, None, date.property, offset, time_of_day)
    if isinstance(date, StaticValue) and date.value.lstrip("-").isdigit():
        return DelayUntilDate(*common, int(date.value), None, offset, time_of_day)
    return stub(r, head, "the date is neither a timestamp nor a property")


def _wait_for_event(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    """0-29: the events it waits for, as UNIFIED_EVENTS branches, and its timeout."""
    from simulator.hubspot.enrollment import read_event

    where = at(head.place, "fields")
    key = "event_filter_branches"
    events = tuple(
        read_event(r, item, at(at(where, key), i))
        for i, item in enumerate(r.array(fields, key, where))
    )
    minutes = None
    if fields.get("expiration_minutes") is not None:
        minutes = r.whole(fields, "expiration_minutes", where)
    return WaitForEvent(head.id, head.type_id, head.connection, events, minutes)


def _task(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    return CreateTask(
        head.id,
        head.type_id,
        head.connection,
        subject=r.text(fields, "subject", where, ""),
        body=r.text(fields, "body", where, ""),
        task_type=r.text(fields, "task_type", where, "TODO"),
        priority=r.text(fields, "priority", where, "NONE"),
    )


def _email(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    content_id = r.ident(fields, "content_id", at(head.place, "fields"))
    return SendEmail(head.id, head.type_id, head.connection, content_id)


def _notification(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    # 0-9 in-app and 0-8 internal email both become a Notification; the
    # action_type_id tells them apart. 0-8's field names are not documented,
    # so its recipients are read where 0-9 keeps them.
    where = at(head.place, "fields")
    users = tuple(str(user) for user in r.array(fields, "user_ids", where))
    owners = tuple(str(name) for name in r.array(fields, "owner_properties", where))
    return Notification(
        head.id,
        head.type_id,
        head.connection,
        subject=r.text(fields, "subject", where, ""),
        body=r.text(fields, "body", where, ""),
        user_ids=users,
        owner_properties=owners,
    )


def _list_membership(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    operation = r.choice(fields, "operation", where, ("ADD", "REMOVE"))
    list_id = r.ident(fields, "list_id", where)
    return ListMembership(head.id, head.type_id, head.connection, list_id, operation)


def _add_to_list(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    target = fields.get("targetObject", "{{ enrolled_object }}")
    if str(target).replace(" ", "") != "{{enrolled_object}}":
        return stub(r, head, f"adds {target!r}, not the enrolled record, to a list")
    list_id = r.ident(fields, "listId", where)
    operation = "REMOVE" if head.type_id == "0-63863438" else "ADD"
    return ListMembership(head.id, head.type_id, head.connection, list_id, operation)


def _enrol_in_workflow(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    key = "flow_id" if "flow_id" in fields else "flowId"
    flow_id = r.ident(fields, key, where)
    return EnrollInWorkflow(head.id, head.type_id, head.connection, flow_id)


def _rotate_owner(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    """0-11: round robin over user_ids; teams cannot be resolved offline."""
    where = at(head.place, "fields")
    users = tuple(str(user) for user in r.array(fields, "user_ids", where))
    if not users:
        return stub(r, head, "rotating to a team's users needs the team's members")
    overwrite = str(fields.get("overwrite_current_owner", "false")).lower()
    return RotateOwner(
        head.id,
        head.type_id,
        head.connection,
        users,
        r.text(fields, "target_property", where, "hubspot_owner_id"),
        overwrite == "true",
    )


def _create_record(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    object_type_id = r.ident(fields, "object_type_id", where)
    properties: list[tuple[str, ActionValue]] = []
    for i, item in enumerate(r.array(fields, "properties", where)):
        entry = r.obj(item, at(at(where, "properties"), i))
        name, value = _property(r, entry, at(at(where, "properties"), i))
        if isinstance(value, str):
            return stub(r, head, f"property {name}: {value}")
        properties.append((name, value))
    if object_type_id not in OBJECT_TYPES:
        return stub(r, head, f"records of object {object_type_id} are not simulated")
    enrolled, copied = _associations(r, fields, where)
    return CreateRecord(
        head.id,
        head.type_id,
        head.connection,
        object_type_id,
        tuple(properties),
        enrolled,
        copied,
    )


def _property(
    r: Reader, entry: JsonObject, place: str
) -> tuple[str, ActionValue | str]:
    name = r.text(entry, "targetProperty", place)
    return name, read_value(r, r.required(entry, "value", place), at(place, "value"))


def _associations(
    r: Reader, fields: JsonObject, place: str
) -> tuple[bool, tuple[str, ...]]:
    """Whether the new record is associated with the enrolled one, and which
    objects' records it shares with it (COPY_ASSOCIATION: the contact's company).

    Other kinds of association are reported as not simulated; the record is
    created without them.
    """
    entries = r.array(fields, "associations", place)
    enrolled = not entries  # without a list, HubSpot associates the enrolled record
    copied: list[str] = []
    for i, item in enumerate(entries):
        where = at(at(place, "associations"), i)
        value = r.obj(r.obj(item, where).get("value", {}), at(where, "value"))
        kind = value.get("type")
        target = None
        if kind == "COPY_ASSOCIATION" and value.get("sourceSpec") is not None:
            target = _association_target(r, value["sourceSpec"], where)
        if kind == "ENROLLED_OBJECT":
            enrolled = True
        elif target is not None:
            copied.append(target)
        else:
            r.note(
                where,
                "association",
                f"{kind} associations of this type "
                "are not simulated: the record is created without it",
            )
    return enrolled, tuple(copied)


READERS: dict[str, Callable[[Reader, Head, JsonObject], WorkflowAction]] = {
    "0-1": _delay,
    "0-11": _rotate_owner,
    "0-3": _task,
    "0-4": _email,
    "0-5": _set_property,
    "0-8": _notification,
    "0-9": _notification,
    "0-13": _list_membership,
    "0-14": _create_record,
    "0-15": _enrol_in_workflow,
    "0-29": _wait_for_event,
    "0-35": _delay_until_date,
    "0-63809083": _add_to_list,
    "0-63863438": _add_to_list,
}
