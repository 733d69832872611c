"""HubSpot filter branches evaluated against a record's properties and lists."""

from __future__ import annotations

import operator as op
from collections.abc import Callable, Collection, Iterator, Mapping

from simulator.hubspot.dates import FilterContext, date_matches
from simulator.hubspot.model import (
    DateFilter,
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

# Evaluated over every value the property has held (Record.history): "ever"
# passes when one of them passes the plain operator, "never" when none does.
# https://legacydocs.hubspot.com/docs/methods/lists/contact-lists-overview
# ("Historical versions of all these operators are available").
HISTORY_OPERATORS: Mapping[str, str] = {
    "HAS_EVER_BEEN_EQUAL_TO": "IS_EQUAL_TO",
    "HAS_NEVER_BEEN_EQUAL_TO": "IS_EQUAL_TO",
    "HAS_EVER_CONTAINED": "CONTAINS",
    "HAS_NEVER_CONTAINED": "CONTAINS",
    "HAS_EVER_BEEN_ANY_OF": "IS_ANY_OF",
    "HAS_NEVER_BEEN_ANY_OF": "IS_ANY_OF",
    "HAS_EVER_BEEN_EXACTLY": "IS_EXACTLY",
    "HAS_NEVER_BEEN_EXACTLY": "IS_EXACTLY",
    "HAS_EVER_CONTAINED_ALL": "CONTAINS_ALL",
    "HAS_NEVER_CONTAINED_ALL": "CONTAINS_ALL",
}
# Which history operators each operation type takes.
HISTORY_BY_TYPE: Mapping[str, frozenset[str]] = {
    kind: frozenset(
        name for name, plain in HISTORY_OPERATORS.items() if plain in OPERATORS[kind]
    )
    for kind in ("BOOL", "NUMBER", "STRING", "MULTISTRING", "ENUMERATION")
}
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
    context: FilterContext | None = None,
) -> bool:
    """Whether a record passes ``branch``: its filters and nested branches together.

    AND: all hold; OR: any holds; NOT_ALL: not all hold; NOT_ANY: none holds.
    Other kinds (ASSOCIATION, UNIFIED_EVENTS…) are not evaluated and never pass;
    the importer lists them as not simulated. ``context`` gives the clock for
    dates relative to now and the history for "has ever been" operators;
    without it a date relative to now fails and history is the current value.
    """
    results = _parts(branch, properties, lists, case_sensitive, context)
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
    context: FilterContext | None,
) -> Iterator[bool]:
    # A generator, so all() and any() stop at the first deciding part.
    for item in branch.filters:
        yield filter_matches(
            item, properties, lists, case_sensitive=case_sensitive, context=context
        )
    for nested in branch.branches:
        yield matches(
            nested, properties, lists, case_sensitive=case_sensitive, context=context
        )


def filter_matches(
    item: Filter,
    properties: Mapping[str, object],
    lists: Collection[str],
    *,
    case_sensitive: bool = False,
    context: FilterContext | None = None,
) -> bool:
    """Whether one filter holds; an UnsupportedFilter never does."""
    if isinstance(item, ListFilter):
        member = item.list_id in lists
        return member if item.operator == "IN_LIST" else not member
    if isinstance(item, DateFilter):
        value = properties.get(item.property)
        return date_matches(item, value, properties, context)
    if isinstance(item, PropertyFilter):
        value = properties.get(item.property)
        if item.operator in HISTORY_OPERATORS:
            held = _held(item.property, value, context)
            return history_matches(item, held, case_sensitive=case_sensitive)
        return property_matches(item, value, case_sensitive=case_sensitive)
    return False


def _held(name: str, value: object, context: FilterContext | None) -> list[object]:
    """Every value a property has held, the current one included."""
    if context is None or name not in context.history:
        return [value]
    return [held for _, held in context.history[name]] + [value]


def history_matches(
    item: PropertyFilter, held: list[object], *, case_sensitive: bool = False
) -> bool:
    """HAS_EVER_… passes when one value held passes the plain operator;
    HAS_NEVER_… when none does. A property that never held a value passes
    only with includeObjectsWithNoValueSet, as a blank value does."""
    values = [value for value in held if not _is_blank(value)]
    if not values:
        return item.include_no_value
    plain = PropertyFilter(
        item.property,
        HISTORY_OPERATORS[item.operator],
        item.operation_type,
        item.values,
    )
    ever = any(
        property_matches(plain, value, case_sensitive=case_sensitive)
        for value in values
    )
    return ever if item.operator.startswith("HAS_EVER") else not ever


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
        filter_matches(f, properties, (), case_sensitive=case_sensitive)
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
