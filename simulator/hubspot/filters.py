"""HubSpot filter branches evaluated against a record's properties and lists."""

from __future__ import annotations

import operator as op
from collections.abc import Callable, Collection, Iterator, Mapping

from simulator.hubspot.model import (
    EventTrigger,
    Filter,
    FilterBranch,
    ListFilter,
    PropertyFilter,
)

# The Lists filter grammar that v4 flows reuse:
# https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
# The spec leaves `operator` a free string, so this table is the contract: an
# operator outside it is refused when the workflow is imported.
_TEXT_OPERATORS = frozenset(
    {
        "IS_EQUAL_TO",
        "IS_NOT_EQUAL_TO",
        "CONTAINS",
        "DOES_NOT_CONTAIN",
        "STARTS_WITH",
        "ENDS_WITH",
    }
)
_NUMBER_OPERATORS = frozenset(
    {
        "IS_EQUAL_TO",
        "IS_NOT_EQUAL_TO",
        "IS_GREATER_THAN",
        "IS_GREATER_THAN_OR_EQUAL_TO",
        "IS_LESS_THAN",
        "IS_LESS_THAN_OR_EQUAL_TO",
    }
)
OPERATORS: Mapping[str, frozenset[str]] = {
    "BOOL": frozenset({"IS_EQUAL_TO", "IS_NOT_EQUAL_TO"}),
    "NUMBER": _NUMBER_OPERATORS,
    "STRING": _TEXT_OPERATORS,
    "MULTISTRING": _TEXT_OPERATORS,
    "ENUMERATION": frozenset(
        {
            "IS_ANY_OF",
            "IS_NONE_OF",
            "IS_EXACTLY",
            "IS_NOT_EXACTLY",
            "CONTAINS_ALL",
            "DOES_NOT_CONTAIN_ALL",
        }
    ),
    "ALL_PROPERTY": frozenset({"IS_KNOWN", "IS_UNKNOWN"}),
    "NUMBER_RANGED": frozenset({"IS_BETWEEN", "IS_NOT_BETWEEN"}),
}

# Evaluated over a property's value history, which a record here does not keep.
HISTORY_OPERATORS = frozenset(
    {
        "HAS_EVER_BEEN_EQUAL_TO",
        "HAS_NEVER_BEEN_EQUAL_TO",
        "HAS_EVER_CONTAINED",
        "HAS_NEVER_CONTAINED",
        "HAS_EVER_BEEN_ANY_OF",
        "HAS_NEVER_BEEN_ANY_OF",
        "HAS_EVER_BEEN_EXACTLY",
        "HAS_NEVER_BEEN_EXACTLY",
        "HAS_EVER_CONTAINED_ALL",
        "HAS_NEVER_CONTAINED_ALL",
    }
)
LIST_OPERATORS = frozenset({"IN_LIST", "NOT_IN_LIST"})
BRANCH_KINDS = frozenset({"AND", "OR", "NOT_ALL", "NOT_ANY"})

_NEGATED = {
    "IS_NOT_EQUAL_TO": "IS_EQUAL_TO",
    "DOES_NOT_CONTAIN": "CONTAINS",
    "IS_NONE_OF": "IS_ANY_OF",
    "IS_NOT_EXACTLY": "IS_EXACTLY",
    "DOES_NOT_CONTAIN_ALL": "CONTAINS_ALL",
    "IS_NOT_BETWEEN": "IS_BETWEEN",
}
_TEXT_TESTS: Mapping[str, Callable[[str, str], bool]] = {
    "IS_EQUAL_TO": op.eq,
    "CONTAINS": op.contains,
    "STARTS_WITH": str.startswith,
    "ENDS_WITH": str.endswith,
}
_NUMBER_TESTS: Mapping[str, Callable[[float, float], bool]] = {
    "IS_EQUAL_TO": op.eq,
    "IS_GREATER_THAN": op.gt,
    "IS_GREATER_THAN_OR_EQUAL_TO": op.ge,
    "IS_LESS_THAN": op.lt,
    "IS_LESS_THAN_OR_EQUAL_TO": op.le,
}


def matches(
    branch: FilterBranch,
    properties: Mapping[str, object],
    lists: Collection[str],
    *,
    case_sensitive: bool = False,
) -> bool:
    """Whether a record passes ``branch``: its filters and nested branches together.

    AND: all hold; OR: any holds; NOT_ALL: not all hold; NOT_ANY: none holds.
    Other kinds (ASSOCIATION, UNIFIED_EVENTS…) are not evaluated and never pass;
    the importer lists them as not simulated.
    """
    results = _parts(branch, properties, lists, case_sensitive)
    if branch.kind == "AND":
        return all(results)
    if branch.kind == "OR":
        return any(results)
    if branch.kind == "NOT_ALL":
        return not all(results)
    if branch.kind == "NOT_ANY":
        return not any(results)
    return False


def _parts(
    branch: FilterBranch,
    properties: Mapping[str, object],
    lists: Collection[str],
    case_sensitive: bool,
) -> Iterator[bool]:
    # A generator, so all() and any() stop at the first deciding part.
    for item in branch.filters:
        yield filter_matches(item, properties, lists, case_sensitive=case_sensitive)
    for nested in branch.branches:
        yield matches(nested, properties, lists, case_sensitive=case_sensitive)


def filter_matches(
    item: Filter,
    properties: Mapping[str, object],
    lists: Collection[str],
    *,
    case_sensitive: bool = False,
) -> bool:
    """Whether one filter holds; an UnsupportedFilter never does."""
    if isinstance(item, ListFilter):
        member = item.list_id in lists
        return member if item.operator == "IN_LIST" else not member
    if isinstance(item, PropertyFilter):
        value = properties.get(item.property)
        return property_matches(item, value, case_sensitive=case_sensitive)
    return False


def event_matches(
    trigger: EventTrigger,
    event: str,
    properties: Mapping[str, object],
    *,
    case_sensitive: bool = False,
) -> bool:
    """Whether ``event`` with these event properties fires ``trigger``.

    Only HAS_COMPLETED fires on an event; HAS_NOT_COMPLETED is about an event
    that never came, which the importer reports as not simulated.
    """
    if trigger.operator != "HAS_COMPLETED" or event != trigger.event:
        return False
    return all(
        property_matches(f, properties.get(f.property), case_sensitive=case_sensitive)
        for f in trigger.filters
    )


def property_matches(
    item: PropertyFilter, value: object, *, case_sensitive: bool = False
) -> bool:
    """Whether a property value passes a property filter.

    HubSpot stores every property value as a string, so "50" and 50 are the same
    number here. A blank value (missing, None, empty text) passes only IS_UNKNOWN
    or a filter with includeObjectsWithNoValueSet, per the list filters guide:
    https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
    """
    if _is_blank(value):
        return item.include_no_value or item.operator == "IS_UNKNOWN"
    if item.operation_type == "ALL_PROPERTY":
        return item.operator == "IS_KNOWN"
    positive = _NEGATED.get(item.operator, item.operator)
    result = _compare(item.operation_type, positive, value, item, case_sensitive)
    if result is None:
        return False
    return result if positive == item.operator else not result


def _compare(
    operation_type: str,
    operator: str,
    value: object,
    item: PropertyFilter,
    case_sensitive: bool,
) -> bool | None:
    """The positive form of a comparison; None when the value cannot be compared.

    A value that cannot be read (text where a number is expected) fails the
    filter and its negation alike.
    """
    if operation_type in ("STRING", "MULTISTRING"):
        return _text_test(operator, value, item.values, case_sensitive)
    if operation_type == "ENUMERATION":
        return _choice_test(operator, value, item.values, case_sensitive)
    if operation_type == "NUMBER":
        return _number_test(operator, value, item.values)
    if operation_type == "NUMBER_RANGED":
        return _range_test(value, item.values)
    if operation_type == "BOOL":
        return _bool_test(value, item.values)
    return None


def _text_test(
    operator: str, value: object, targets: tuple[object, ...], case_sensitive: bool
) -> bool:
    # Several values mean "any of them" (MULTISTRING); the negated operator
    # then means "none of them".
    test = _TEXT_TESTS[operator]
    text = _fold(value, case_sensitive)
    return any(test(text, _fold(target, case_sensitive)) for target in targets)


def _choice_test(
    operator: str, value: object, targets: tuple[object, ...], case_sensitive: bool
) -> bool:
    # A multiple-checkbox property holds its options joined by semicolons:
    # https://developers.hubspot.com/docs/faq/how-do-i-set-multiple-values-for-checkbox-properties
    chosen = {_fold(part, case_sensitive) for part in str(value).split(";") if part}
    wanted = {_fold(target, case_sensitive) for target in targets}
    if operator == "IS_ANY_OF":
        return bool(chosen & wanted)
    if operator == "IS_EXACTLY":
        return chosen == wanted
    return wanted <= chosen  # CONTAINS_ALL


def _number_test(
    operator: str, value: object, targets: tuple[object, ...]
) -> bool | None:
    number, target = _number(value), _number(targets[0]) if targets else None
    if number is None or target is None:
        return None
    return _NUMBER_TESTS[operator](number, target)


def _range_test(value: object, bounds: tuple[object, ...]) -> bool | None:
    number = _number(value)
    low, high = (
        (_number(bound) for bound in bounds) if len(bounds) == 2 else (None, None)
    )
    if number is None or low is None or high is None:
        return None
    return low <= number <= high


def _bool_test(value: object, targets: tuple[object, ...]) -> bool | None:
    actual, wanted = _boolean(value), _boolean(targets[0]) if targets else None
    if actual is None or wanted is None:
        return None
    return actual == wanted


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fold(value: object, case_sensitive: bool) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if case_sensitive else text.casefold()


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    return {"true": True, "false": False}.get(text)
