"""How conditions compare record values: blanks, text, numbers, dates, booleans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

_BOOL_WORDS = {"true": True, "false": False}


def is_null(value: object) -> bool:
    """No value. Flows treat null text and empty text alike (FLOW-OPS-COND)."""
    return value is None or value == ""


def is_blank(value: object) -> bool:
    """No value, or text of whitespace only (IsBlank, META-FLOW)."""
    return value is None or (isinstance(value, str) and not value.strip())


def same_value(left: object, right: object, *, fold_case: bool = True) -> bool:
    """Equal as a condition sees it: two blanks are equal, one blank is not."""
    if is_null(left) or is_null(right):
        return is_null(left) and is_null(right)
    first, second = comparable(left, right, fold_case=fold_case)
    return bool(first == second)


def order(left: object, right: object) -> int | None:
    """-1, 0 or 1 like a three-way compare; None when either side is null."""
    if is_null(left) or is_null(right):
        return None
    first, second = comparable(left, right)
    if first == second:
        return 0
    return -1 if first < second else 1


def folded_text(value: object) -> str:
    """Text for a case-insensitive comparison."""
    return as_text(value).casefold()


def as_text(value: object) -> str:
    """A value as the platform would print it in text: ``true``, ``50``, ISO dates."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def comparable(
    left: object, right: object, *, fold_case: bool = True
) -> tuple[Any, Any]:
    """Two non-null values brought to one type, the type of the more specific side.

    A Number field compared with the text "50" compares as numbers; when the
    text does not read as the other side's type, both compare as text. The
    result is typed ``Any`` because the pair shares a type the checker cannot
    name.
    """
    for applies, convert in _CONVERSIONS:
        if applies(left) or applies(right):
            first, second = convert(left), convert(right)
            if first is not None and second is not None:
                return first, second
            break
    if fold_case:
        return folded_text(left), folded_text(right)
    return as_text(left), as_text(right)


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _BOOL_WORDS.get(value.strip().lower())
    return None


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_datetime(value: object) -> bool:
    return isinstance(value, dt.datetime)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date)


def is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def as_decimal(value: object) -> Decimal | None:
    """A number, or text that reads as one; floats go through their shortest repr."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def as_datetime(value: object) -> dt.datetime | None:
    """An aware datetime in UTC; a bare date counts as its midnight UTC."""
    if isinstance(value, dt.datetime):
        return _in_utc(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            return _in_utc(dt.datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def as_date(value: object) -> dt.date | None:
    """A date; a datetime counts as its UTC day; text as ISO or M/D/YYYY."""
    if isinstance(value, dt.datetime):
        return _in_utc(value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _parse_date(value.strip())
    return None


def _parse_date(text: str) -> dt.date | None:
    # Workflow criteria hold dates as the setup UI shows them (M/D/YYYY).
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    moment = as_datetime(text)
    return moment.date() if moment is not None else None


def _in_utc(value: dt.datetime) -> dt.datetime:
    # Metadata datetimes are UTC; a value without an offset is read as UTC.
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


# Most specific first: a bool is an int in Python, a datetime is a date.
_CONVERSIONS: tuple[
    tuple[Callable[[object], bool], Callable[[object], object | None]], ...
] = (
    (_is_bool, _as_bool),
    (is_number, as_decimal),
    (_is_datetime, as_datetime),
    (_is_date, as_date),
)
