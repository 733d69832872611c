"""Workflow actions of a v4 flow, read by type and actionTypeId into the model."""

from __future__ import annotations

from collections.abc import Callable

from simulator.hubspot.criteria import read_branch
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    ABTestArm,
    ABTestBranch,
    ActionOutput,
    Connection,
    ListBranch,
    ListBranchOption,
    PropertyValue,
    StaticBranch,
    StaticBranchOption,
    UnsupportedAction,
    WorkflowAction,
)
from simulator.hubspot.single_actions import READERS, Head, read_value, stub

ACTION_KINDS = (
    "SINGLE_CONNECTION",
    "LIST_BRANCH",
    "STATIC_BRANCH",
    "AB_TEST_BRANCH",
    "CUSTOM_CODE",
    "WEBHOOK",
)
# The spec's enum says GOTO; the docs' prose writes GO-TO. Both are read.
_EDGE_TYPES = {"STANDARD": False, "GOTO": True, "GO-TO": True}
# Bodies copied from the docs sometimes leave out `type`; these keys tell it.
_TELLING_KEYS = (
    ("actionTypeId", "SINGLE_CONNECTION"),
    ("listBranches", "LIST_BRANCH"),
    ("staticBranches", "STATIC_BRANCH"),
    ("testBranches", "AB_TEST_BRANCH"),
    ("sourceCode", "CUSTOM_CODE"),
    ("webhookUrl", "WEBHOOK"),
)


def read_action(r: Reader, value: object, place: str) -> WorkflowAction:
    data = r.obj(value, place)
    action_id = r.ident(data, "actionId", place)
    kind = _kind(r, data, place)
    if kind == "SINGLE_CONNECTION":
        return _single(r, data, place, action_id)
    if kind == "LIST_BRANCH":
        return _list_branch(r, data, place, action_id)
    if kind == "STATIC_BRANCH":
        return _static_branch(r, data, place, action_id)
    if kind == "AB_TEST_BRANCH":
        return _ab_test_branch(r, data, place, action_id)
    return _unsimulated_kind(r, data, place, action_id, kind)


def read_connection(r: Reader, value: object, place: str) -> Connection | None:
    """An edge to the next action; None where the path ends."""
    if value is None:
        return None
    data = r.obj(value, place)
    goto = _EDGE_TYPES[
        r.choice(data, "edgeType", place, tuple(_EDGE_TYPES), "STANDARD")
    ]
    target = r.ident(data, "nextActionId", place)
    r.edges.append((at(place, "nextActionId"), target))
    return Connection(target, goto)


def _kind(r: Reader, data: JsonObject, place: str) -> str:
    if data.get("type") is not None:
        return r.choice(data, "type", place, ACTION_KINDS)
    for key, kind in _TELLING_KEYS:
        if key in data:
            return kind
    r.fail(at(place, "type"), "`type` is missing", expected=", ".join(ACTION_KINDS))


def _single(r: Reader, data: JsonObject, place: str, action_id: str) -> WorkflowAction:
    type_id = r.ident(data, "actionTypeId", place)
    connection = read_connection(r, data.get("connection"), at(place, "connection"))
    head = Head(action_id, type_id, connection, place)
    fields = r.obj(data.get("fields", {}), at(place, "fields"))
    read: Callable[[Reader, Head, JsonObject], WorkflowAction] | None
    read = READERS.get(type_id)
    if read is None:
        return stub(r, head, "this action type is not simulated")
    return read(r, head, fields)


def _list_branch(r: Reader, data: JsonObject, place: str, action_id: str) -> ListBranch:
    """If/then branch: options in order, the first match wins, else the default."""
    where = at(place, "listBranches")
    options = tuple(
        _option(r, item, at(where, i), i)
        for i, item in enumerate(r.array(data, "listBranches", place))
    )
    default_name = data.get("defaultBranchName")
    return ListBranch(
        action_id,
        "LIST_BRANCH",
        None,
        options=options,
        default_name=default_name if isinstance(default_name, str) else None,
        default=_default(r, data, place),
    )


def _option(r: Reader, value: object, place: str, position: int) -> ListBranchOption:
    data = r.obj(value, place)
    name = data.get("branchName")
    return ListBranchOption(
        # The docs' example leaves branchName out; the editor numbers branches.
        name if isinstance(name, str) and name else f"Branch {position + 1}",
        read_branch(
            r, r.required(data, "filterBranch", place), at(place, "filterBranch")
        ),
        read_connection(r, data.get("connection"), at(place, "connection")),
    )


def _default(r: Reader, data: JsonObject, place: str) -> Connection | None:
    """The fall-through edge; without one, records matching no branch end here."""
    where = at(place, "defaultBranch")
    value = data.get("defaultBranch")
    # The spec has a bare {edgeType, nextActionId}; the hsflow toolkit's sample
    # wraps it in {"connection": …}. Reading both costs nothing.
    if (
        isinstance(value, dict)
        and "nextActionId" not in value
        and "connection" in value
    ):
        return read_connection(r, value["connection"], at(where, "connection"))
    return read_connection(r, value, where)


def _static_branch(
    r: Reader, data: JsonObject, place: str, action_id: str
) -> WorkflowAction:
    """Value-equals branch: the arm whose branchValue equals the input, else default.

    A pass-through branch without inputValue goes down its default path.
    """
    default = _default(r, data, place)
    where = at(place, "staticBranches")
    options = []
    for i, item in enumerate(r.array(data, "staticBranches", place)):
        arm = r.obj(item, at(where, i))
        value = arm.get("branchValue")
        if value is None or isinstance(value, dict | list):
            r.fail(at(at(where, i), "branchValue"), "expected the value as text")
        connection = read_connection(
            r, arm.get("connection"), at(at(where, i), "connection")
        )
        options.append(StaticBranchOption(_text(value), connection))
    value = data.get("inputValue")
    source: PropertyValue | ActionOutput = PropertyValue("")
    if value is not None:
        read = read_value(r, value, at(place, "inputValue"))
        if not isinstance(read, PropertyValue | ActionOutput):
            head = Head(action_id, "STATIC_BRANCH", default, place)
            why = read if isinstance(read, str) else "its input is not a property"
            return stub(
                r,
                head,
                why,
                tuple(o.connection for o in options if o.connection),
                "value-equals branch",
            )
        source = read
    name = data.get("defaultBranchName")
    return StaticBranch(
        action_id,
        "STATIC_BRANCH",
        None,
        source,
        tuple(options),
        name if isinstance(name, str) else None,
        default,
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _ab_test_branch(
    r: Reader, data: JsonObject, place: str, action_id: str
) -> ABTestBranch:
    """A/B test arms; without percentages the arms split evenly."""
    where = at(place, "testBranches")
    arms = []
    for i, item in enumerate(r.array(data, "testBranches", place)):
        arm = r.obj(item, at(where, i))
        share = arm.get("percentage")
        if share is not None and (
            isinstance(share, bool) or not isinstance(share, int | float)
        ):
            r.fail(
                at(at(where, i), "percentage"), f"expected a number, found {share!r}"
            )
        name = arm.get("branchName")
        connection = read_connection(
            r, arm.get("connection"), at(at(where, i), "connection")
        )
        arms.append(
            ABTestArm(
                name if isinstance(name, str) and name else chr(ord("A") + i),
                float(share) if share is not None else None,
                connection,
            )
        )
    if not arms:
        r.fail(where, "an A/B test branch needs at least one arm")
    return ABTestBranch(action_id, "AB_TEST_BRANCH", None, tuple(arms))


def _unsimulated_kind(
    r: Reader, data: JsonObject, place: str, action_id: str, kind: str
) -> UnsupportedAction:
    """Custom code and webhooks run as stubs a scenario may fill.

    A custom code action's outputFields are kept, so a stub can give them
    values for later branches and property values (FIELD_DATA).
    """
    name = "custom code" if kind == "CUSTOM_CODE" else "webhook"
    connection = read_connection(r, data.get("connection"), at(place, "connection"))
    head = Head(action_id, kind, connection, place)
    outputs = tuple(
        str(r.obj(item, at(at(place, "outputFields"), i)).get("name", ""))
        for i, item in enumerate(r.array(data, "outputFields", place))
    )
    action = stub(r, head, f"a {name} is not run; a scenario can stub it", (), name)
    return UnsupportedAction(
        action.id,
        action.action_type_id,
        action.connection,
        kind=action.kind,
        reason=action.reason,
        outputs=outputs,
    )
