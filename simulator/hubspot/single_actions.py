"""SINGLE_CONNECTION actions by actionTypeId: their `fields`, read into the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    ActionValue,
    Connection,
    CreateRecord,
    CreateTask,
    Delay,
    Increment,
    ListMembership,
    Notification,
    PropertyValue,
    SendEmail,
    SetProperty,
    StaticValue,
    Timestamp,
    UnsupportedAction,
    WorkflowAction,
)

# Built-in actionTypeIds. HubSpot's docs table lists 0-1, 0-3, 0-4, 0-5, 0-8,
# 0-9, 0-13, 0-14 and 0-35; the rest are seen in real exports.
ACTION_NAMES = {
    "0-1": "delay",
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


def _set_property(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    where = at(head.place, "fields")
    name = r.text(fields, "property_name", where)
    if fields.get("association") is not None:
        return stub(
            r, head, f"sets {name} on an associated record, not the enrolled one"
        )
    value = read_value(r, r.required(fields, "value", where), at(where, "value"))
    if isinstance(value, str):
        return stub(r, head, value)
    return SetProperty(head.id, head.type_id, head.connection, name, value)


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
        return Increment(_amount(r, data, "incrementAmount", place))
    if kind == "TIMESTAMP":
        return Timestamp()
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


def _amount(r: Reader, data: JsonObject, key: str, place: str) -> float:
    value = r.required(data, key, place)
    try:
        if isinstance(value, bool):
            raise ValueError
        return float(str(value))
    except ValueError:
        r.fail(at(place, key), f"expected a number, found {value!r}")


def _delay(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    if fields.get("days_of_week") or fields.get("time_of_day"):
        return stub(r, head, "delay until weekday/time of day is not simulated")
    return Delay(head.id, head.type_id, head.connection, _minutes(r, head, fields))


def _minutes(r: Reader, head: Head, fields: JsonObject) -> int:
    where = at(head.place, "fields")
    unit = r.choice(fields, "time_unit", where, tuple(_MINUTES))
    delta = r.required(fields, "delta", where)
    try:
        if isinstance(delta, bool):
            raise ValueError
        count = int(str(delta))
    except ValueError:
        r.fail(at(where, "delta"), f"expected a whole number, found {delta!r}")
    return count * _MINUTES[unit]


def _delay_until_date(r: Reader, head: Head, fields: JsonObject) -> WorkflowAction:
    # HubSpot's docs example "Delay a set amount of time" uses 0-35 with only
    # delta and time_unit, while the docs table says 0-1; such a body is read
    # as the set delay it describes.
    if "date" not in fields and "delta" in fields and "time_unit" in fields:
        return _delay(r, head, fields)
    return stub(r, head, "delay until a date or date property is not simulated")


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
    return Notification(
        head.id,
        head.type_id,
        head.connection,
        subject=r.text(fields, "subject", where, ""),
        body=r.text(fields, "body", where, ""),
        user_ids=users,
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
    return ListMembership(head.id, head.type_id, head.connection, list_id, "ADD")


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
    return CreateRecord(
        head.id,
        head.type_id,
        head.connection,
        object_type_id,
        tuple(properties),
        _associate_enrolled(r, fields, where),
    )


def _property(
    r: Reader, entry: JsonObject, place: str
) -> tuple[str, ActionValue | str]:
    name = r.text(entry, "targetProperty", place)
    return name, read_value(r, r.required(entry, "value", place), at(place, "value"))


def _associate_enrolled(r: Reader, fields: JsonObject, place: str) -> bool:
    """Whether the new record is associated with the enrolled one.

    Other associations (COPY_ASSOCIATION: the enrolled record's company…) are
    reported as not simulated; the record is created without them.
    """
    entries = r.array(fields, "associations", place)
    enrolled = not entries  # without a list, HubSpot associates the enrolled record
    for i, item in enumerate(entries):
        where = at(at(place, "associations"), i)
        value = r.obj(r.obj(item, where).get("value", {}), at(where, "value"))
        if value.get("type") == "ENROLLED_OBJECT":
            enrolled = True
        else:
            r.note(
                where,
                "association",
                f"{value.get('type')} associations "
                "are not simulated: the record is created without it",
            )
    return enrolled


READERS: dict[str, Callable[[Reader, Head, JsonObject], WorkflowAction]] = {
    "0-1": _delay,
    "0-3": _task,
    "0-4": _email,
    "0-5": _set_property,
    "0-8": _notification,
    "0-9": _notification,
    "0-13": _list_membership,
    "0-14": _create_record,
    "0-35": _delay_until_date,
    "0-63809083": _add_to_list,
}
