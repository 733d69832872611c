"""Filter branches and filters as flow JSON writes them, read into the model."""

from __future__ import annotations

from simulator.hubspot.filters import (
    BRANCH_KINDS,
    HISTORY_BY_TYPE,
    LIST_OPERATORS,
    OPERATORS,
)
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    DateFilter,
    Filter,
    FilterBranch,
    ListFilter,
    PropertyFilter,
    UnsupportedFilter,
)
from simulator.hubspot.time_points import (
    DATE_OPERATORS,
    UNSIMULATED_DATE_TYPES,
    read_date_filter,
)

# Every filterBranchType and property operationType of the v4 OpenAPI spec;
# the ones outside BRANCH_KINDS and OPERATORS are read but not evaluated.
SPEC_BRANCH_KINDS = (
    "OR",
    "AND",
    "NOT_ALL",
    "NOT_ANY",
    "RESTRICTED",
    "UNIFIED_EVENTS",
    "ASSOCIATION",
)
_DATE_OPERATION_TYPES = frozenset({*DATE_OPERATORS, *UNSIMULATED_DATE_TYPES})
_SINGLE_VALUE = frozenset({"BOOL", "NUMBER", "STRING"})
_NEVER = "this filter never matches"


def read_branch(r: Reader, value: object, place: str) -> FilterBranch:
    """A filter branch and everything nested in it."""
    data = r.obj(value, place)
    kind = r.choice(data, "filterBranchType", place, SPEC_BRANCH_KINDS)
    if kind not in BRANCH_KINDS:
        r.note(
            place,
            f"{kind} filter branch",
            f"{kind} branches are not evaluated here: the branch never matches",
        )
    filters = tuple(
        read_filter(r, item, at(at(place, "filters"), i))
        for i, item in enumerate(r.array(data, "filters", place))
    )
    branches = tuple(
        read_branch(r, item, at(at(place, "filterBranches"), i))
        for i, item in enumerate(r.array(data, "filterBranches", place))
    )
    return FilterBranch(kind, filters, branches)


def read_filter(r: Reader, value: object, place: str) -> Filter:
    data = r.obj(value, place)
    filter_type = r.text(data, "filterType", place)
    if filter_type == "PROPERTY":
        return read_property_filter(r, data, place)
    if filter_type == "IN_LIST":
        operator = r.choice(data, "operator", place, tuple(sorted(LIST_OPERATORS)))
        return ListFilter(r.ident(data, "listId", place), operator)
    r.note(
        place,
        f"{filter_type} filter",
        f"{filter_type} filters are not simulated: {_NEVER}",
    )
    return UnsupportedFilter(filter_type)


def read_property_filter(
    r: Reader, data: JsonObject, place: str, consequence: str = _NEVER
) -> PropertyFilter | DateFilter | UnsupportedFilter:
    """A PROPERTY filter; ``consequence`` says what happens if it is not simulated."""
    name = r.text(data, "property", place)
    where = at(place, "operation")
    operation = r.child(data, "operation", place)
    operation_type = r.text(operation, "operationType", where)
    operator = r.text(operation, "operator", where)
    include = r.flag(operation, "includeObjectsWithNoValueSet", where, False)
    if operation_type in UNSIMULATED_DATE_TYPES:
        reason = f"{operation_type} (date) property filters are not simulated"
        r.note(place, "property filter", f"{reason}: {consequence}")
        return UnsupportedFilter(f"PROPERTY {operation_type} {operator}")
    if operation_type in DATE_OPERATORS:
        return read_date_filter(r, name, operation, where, operation_type)
    _check_operator(r, where, operation_type, operator)
    values = _values(r, operation, where, operation_type)
    return PropertyFilter(name, operator, operation_type, values, include)


def _check_operator(r: Reader, place: str, operation_type: str, operator: str) -> None:
    if operation_type not in OPERATORS:
        known = sorted([*OPERATORS, *_DATE_OPERATION_TYPES])
        r.fail(
            at(place, "operationType"),
            f"unknown operationType {operation_type!r}",
            expected="one of " + ", ".join(known),
        )
    allowed = OPERATORS[operation_type] | HISTORY_BY_TYPE.get(
        operation_type, frozenset()
    )
    if operator not in allowed:
        r.fail(
            at(place, "operator"),
            f"unknown operator {operator!r} for a {operation_type} filter",
            expected="one of " + ", ".join(sorted(allowed)),
        )


def _values(
    r: Reader, operation: JsonObject, place: str, operation_type: str
) -> tuple[object, ...]:
    """The operands, checked for the type the operation compares."""
    if operation_type == "ALL_PROPERTY":
        return ()
    if operation_type == "NUMBER_RANGED":
        bounds = ("lowerBound", "upperBound")
        return tuple(r.number(operation, key, place) for key in bounds)
    if operation_type == "NUMBER":
        return (r.number(operation, "value", place),)
    if operation_type == "BOOL":
        return (_boolean(r, operation, place),)
    return _texts(r, operation, place, operation_type)


def _texts(
    r: Reader, operation: JsonObject, place: str, operation_type: str
) -> tuple[object, ...]:
    # The spec gives STRING a `value` and MULTISTRING/ENUMERATION `values`;
    # real bodies mix them, so either is read.
    key = "value" if operation_type in _SINGLE_VALUE else "values"
    other = "values" if key == "value" else "value"
    if operation.get(key) is None and operation.get(other) is not None:
        key = other
    raw = r.required(operation, key, place)
    items = raw if isinstance(raw, list) else [raw]
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            where = at(at(place, key), i) if isinstance(raw, list) else at(place, key)
            r.fail(where, "expected a text value")
    return tuple(str(item) for item in items)


def _boolean(r: Reader, operation: JsonObject, place: str) -> bool:
    value = r.required(operation, "value", place)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if not isinstance(value, bool):
        r.fail(at(place, "value"), f"expected true or false, found {value!r}")
    return value
