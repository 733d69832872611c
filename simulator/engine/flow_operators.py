"""Assignment operators and collection sorting, as Flow Builder defines them.

The operators are FlowAssignmentOperator of the Metadata API (META-FLOW) with
the meanings of the help page "Flow Operators in Assignment Elements"
(FLOW-OPS-ASSIGN): Add appends to text and collections and adds days to a
date; the Remove… operators and AddAtStart work on collections; AssignCount
counts a collection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from simulator.engine.faults import FlowFault
from simulator.salesforce.comparison import same_value

Items = list[object]


def apply_operator(operator: str, current: object, value: object) -> object:
    """The new value of an assignment's target."""
    if operator == "Assign":
        return value
    if operator == "Add":
        return _add(current, value)
    if operator == "Subtract":
        return _add(current, _negate(value))
    if operator == "AssignCount":
        return (
            len(value) if isinstance(value, list | tuple) else 0 if value is None else 1
        )
    if operator == "AddItem":
        items = [i for i in str(current or "").split(";") if i]
        return ";".join([*items, str(value)])
    collection_operator = _COLLECTION_OPERATORS.get(operator)
    if collection_operator is not None:
        return collection_operator(_items(current), value)
    raise FlowFault(f"assignment operator {operator!r} is not simulated")


def _items(current: object) -> Items:
    if current is None:
        return []
    if isinstance(current, list):
        return list(current)
    return [current]


def _add(current: object, value: object) -> object:
    if isinstance(current, list):
        added = value if isinstance(value, list) else [value]
        return [*current, *added]
    if isinstance(current, str) or isinstance(value, str):
        return f"{current or ''}{value or ''}"
    if isinstance(current, datetime | date) and isinstance(value, int | float):
        return current + timedelta(days=value)
    if isinstance(current, int | float) or isinstance(value, int | float):
        total = (current or 0) + (value or 0)  # type: ignore[operator]
        return total
    return value if current is None else current


def _negate(value: object) -> object:
    return -value if isinstance(value, int | float) else value


def _as_list(value: object) -> Items:
    return list(value) if isinstance(value, list | tuple) else [value]


def _index(items: Items, value: object) -> int | None:
    for index, item in enumerate(items):
        if _same(item, value):
            return index
    return None


def _same(item: object, value: object) -> bool:
    if isinstance(item, dict) or isinstance(value, dict):
        return item is value or (
            isinstance(item, dict)
            and isinstance(value, dict)
            and item.get("Id") is not None
            and item.get("Id") == value.get("Id")
        )
    return same_value(item, value, fold_case=False)


def _add_at_start(items: Items, value: object) -> Items:
    return [*_as_list(value), *items]


def _remove_first(items: Items, value: object) -> Items:
    index = _index(items, value)
    return items if index is None else items[:index] + items[index + 1 :]


def _remove_all(items: Items, value: object) -> Items:
    removed = _as_list(value)
    return [item for item in items if not any(_same(item, r) for r in removed)]


def _remove_after_first(items: Items, value: object) -> Items:
    index = _index(items, value)
    return items if index is None else items[: index + 1]


def _remove_before_first(items: Items, value: object) -> Items:
    index = _index(items, value)
    return items if index is None else items[index:]


def _remove_position(items: Items, value: object) -> Items:
    # Positions count from 1 (FLOW-OPS-ASSIGN).
    if not isinstance(value, int | float) or not 1 <= int(value) <= len(items):
        return items
    position = int(value) - 1
    return items[:position] + items[position + 1 :]


def _remove_uncommon(items: Items, value: object) -> Items:
    kept = _as_list(value)
    return [item for item in items if any(_same(item, k) for k in kept)]


_COLLECTION_OPERATORS: dict[str, Callable[[Items, object], Items]] = {
    "AddAtStart": _add_at_start,
    "RemoveFirst": _remove_first,
    "RemoveAll": _remove_all,
    "RemoveAfterFirst": _remove_after_first,
    "RemoveBeforeFirst": _remove_before_first,
    "RemovePosition": _remove_position,
    "RemoveUncommon": _remove_uncommon,
}


def sort_key(value: object) -> tuple[int, float, str]:
    """Blanks first, then numbers by size, then everything else as text."""
    if value is None or value == "":
        return (0, 0.0, "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (1, float(value), "")
    if isinstance(value, datetime | date):
        return (2, 0.0, value.isoformat())
    return (2, 0.0, str(value))


def sort_records(
    rows: list[dict[str, object]], keys: tuple[tuple[str, bool, bool], ...]
) -> list[dict[str, object]]:
    """Sort by each (field, descending, blanks first), the first key first."""
    ordered = list(rows)
    for field, descending, blanks_first in reversed(keys):
        filled = [row for row in ordered if row.get(field) not in (None, "")]
        blank = [row for row in ordered if row.get(field) in (None, "")]
        filled.sort(key=lambda row: sort_key(row.get(field)), reverse=descending)
        ordered = blank + filled if blanks_first else filled + blank
    return ordered
