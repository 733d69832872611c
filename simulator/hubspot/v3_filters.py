"""Legacy list filters, as v3 workflows write their criteria, read into the model.

A v3 workflow's segmentCriteria, goalCriteria and BRANCH filters are lists of
lists of contact-list filters: the outer list is OR, each inner list AND
(https://developers.hubspot.com/docs/methods/workflows/v3/create_workflow,
"See Contact Lists API for examples";
https://legacydocs.hubspot.com/docs/methods/lists/contact-lists-overview).
"""

from __future__ import annotations

from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import (
    DateFilter,
    Filter,
    FilterBranch,
    ListFilter,
    PropertyFilter,
    TimePoint,
    UnsupportedFilter,
)

_NEVER = "this filter never matches"
# Legacy operator → (v4 operator for text and numbers, for enumerations).
_OPERATORS = {
    "EQ": ("IS_EQUAL_TO", "IS_ANY_OF"),
    "NEQ": ("IS_NOT_EQUAL_TO", "IS_NONE_OF"),
    "CONTAINS": ("CONTAINS", "CONTAINS_ALL"),
    "NOT_CONTAINS": ("DOES_NOT_CONTAIN", "DOES_NOT_CONTAIN_ALL"),
    "NCONTAINS": ("DOES_NOT_CONTAIN", "DOES_NOT_CONTAIN_ALL"),
    "STARTS_WITH": ("STARTS_WITH", None),
    "ENDS_WITH": ("ENDS_WITH", None),
    "LT": ("IS_LESS_THAN", None),
    "LTE": ("IS_LESS_THAN_OR_EQUAL_TO", None),
    "GT": ("IS_GREATER_THAN", None),
    "GTE": ("IS_GREATER_THAN_OR_EQUAL_TO", None),
    "SET_ANY": (None, "IS_ANY_OF"),
    "SET_NOT_ANY": (None, "IS_NONE_OF"),
    "SET_ALL": (None, "CONTAINS_ALL"),
    "SET_NOT_ALL": (None, "DOES_NOT_CONTAIN_ALL"),
    "SET_EQ": (None, "IS_EXACTLY"),
    "SET_NEQ": (None, "IS_NOT_EXACTLY"),
}
_KNOWN = {"IS_NOT_EMPTY": "IS_KNOWN", "IS_EMPTY": "IS_UNKNOWN"}
_DATE_OPERATORS = {"LT": "IS_BEFORE", "GT": "IS_AFTER", "EQ": "IS_EQUAL_TO"}


def read_criteria(r: Reader, value: object, place: str) -> FilterBranch:
    """Outer list OR, inner lists AND."""
    groups = value if isinstance(value, list) else r.fail(place, "expected a list")
    branches = []
    for i, group in enumerate(groups):
        where = at(place, i)
        if not isinstance(group, list):
            r.fail(where, "expected a list of filters (each group is ANDed)")
        filters = tuple(
            read_legacy_filter(r, item, at(where, j)) for j, item in enumerate(group)
        )
        branches.append(FilterBranch("AND", filters))
    return FilterBranch("OR", (), tuple(branches))


def form_ids(value: object) -> list[str] | None:
    """The forms, when every group is one FormSubmission filter; else None."""
    if not isinstance(value, list) or not value:
        return None
    found = []
    for group in value:
        if not (isinstance(group, list) and len(group) == 1):
            return None
        item = group[0]
        if not isinstance(item, dict) or item.get("filterFamily") != "FormSubmission":
            return None
        found.append(str(item.get("form", "")))
    return found


def read_legacy_filter(r: Reader, value: object, place: str) -> Filter:
    data = r.obj(value, place)
    family = data.get("filterFamily")
    if family == "ListMembership":
        operator = "NOT_IN_LIST" if data.get("operator") == "NOT_IN_LIST" else "IN_LIST"
        return ListFilter(r.ident(data, "list", place), operator)
    if family == "PropertyValue":
        return _property(r, data, place)
    r.note(place, f"{family} filter", f"{family} filters are not simulated: {_NEVER}")
    return UnsupportedFilter(str(family))


def _property(r: Reader, data: JsonObject, place: str) -> Filter:
    name = r.text(data, "property", place)
    operator = r.text(data, "operator", place)
    kind = str(data.get("type", "string")).lower()
    if operator in _KNOWN:
        return PropertyFilter(name, _KNOWN[operator], "ALL_PROPERTY")
    if kind in ("datetime", "date") and operator in _DATE_OPERATORS:
        epoch = data.get("value")
        if isinstance(epoch, int | str) and str(epoch).lstrip("-").isdigit():
            point = TimePoint("EPOCH", epoch_ms=int(str(epoch)))
            return DateFilter(name, _DATE_OPERATORS[operator], "DATETIME", point)
    plain, enumerated = _OPERATORS.get(operator, (None, None))
    chosen = enumerated if kind == "enumeration" or plain is None else plain
    if chosen is None:
        r.note(
            place,
            "property filter",
            f"operator {operator} on a {kind} property is not simulated: {_NEVER}",
        )
        return UnsupportedFilter(f"PropertyValue {operator}")
    return _typed(name, chosen, kind, data.get("value"))


def _typed(name: str, operator: str, kind: str, value: object) -> PropertyFilter:
    text = "" if value is None else str(value)
    if kind == "number" and operator not in ("CONTAINS", "DOES_NOT_CONTAIN"):
        return PropertyFilter(name, operator, "NUMBER", (_number(text),))
    if kind == "bool":
        return PropertyFilter(name, operator, "BOOL", (text.lower() == "true",))
    if operator in ("IS_ANY_OF", "IS_NONE_OF", "IS_EXACTLY", "IS_NOT_EXACTLY"):
        values = tuple(part for part in text.split(";") if part)
        return PropertyFilter(name, operator, "ENUMERATION", values)
    if operator in ("CONTAINS_ALL", "DOES_NOT_CONTAIN_ALL"):
        values = tuple(part for part in text.split(";") if part)
        return PropertyFilter(name, operator, "ENUMERATION", values)
    return PropertyFilter(name, operator, "STRING", (text,))


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text
