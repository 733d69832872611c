"""Workflow actions of a v4 flow, read by type and actionTypeId into the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.hubspot.criteria import read_branch
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    Connection,
    ListBranch,
    ListBranchOption,
    UnsupportedAction,
    WorkflowAction,
)
from simulator.hubspot.single_actions import READERS, Head, stub

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


@dataclass(frozen=True)
class _Arms:
    """Where a branch type keeps its outgoing connections."""

    name: str
    key: str | None  # the array of arms, each with a `connection`


_UNSIMULATED = {
    "STATIC_BRANCH": _Arms("value-equals branch", "staticBranches"),
    "AB_TEST_BRANCH": _Arms("A/B test branch", "testBranches"),
    "CUSTOM_CODE": _Arms("custom code", None),
    "WEBHOOK": _Arms("webhook", None),
}


def _unsimulated_kind(
    r: Reader, data: JsonObject, place: str, action_id: str, kind: str
) -> UnsupportedAction:
    """Branches and code revsim does not run: a stub that keeps every edge.

    A value-equals branch continues down its default path, if it has one.
    """
    arms = _UNSIMULATED[kind]
    branches: list[Connection] = []
    if arms.key is not None:
        where = at(place, arms.key)
        for i, item in enumerate(r.array(data, arms.key, place)):
            arm = r.obj(item, at(where, i))
            edge = read_connection(
                r, arm.get("connection"), at(at(where, i), "connection")
            )
            branches.extend([edge] if edge else [])
    connection = read_connection(r, data.get("connection"), at(place, "connection"))
    if kind == "STATIC_BRANCH":
        connection = _default(r, data, place)
    head = Head(action_id, kind, connection, place)
    return stub(r, head, f"a {arms.name} is not simulated", tuple(branches), arms.name)
