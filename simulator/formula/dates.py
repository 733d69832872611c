"""Date and Date/Time values: the arithmetic operators use and the date functions."""

from __future__ import annotations

import calendar
import datetime
import re

from simulator.formula.signature import Signature, collector
from simulator.formula.values import EvaluationProblem, Number, is_datetime

FUNCTIONS: list[Signature] = []
_function = collector(FUNCTIONS)

# DATEVALUE and DATETIMEVALUE read "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS",
# the formats TEXT() writes; the API's ISO form with "T" and "Z" is read too.
_DATE_TEXT = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_TEXT = re.compile(r"[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?\s*$")


def add_days(value: datetime.date, days: Number) -> datetime.date:
    """Date + number adds whole days; Date/Time + number keeps the fraction.

    A fraction added to a Date is dropped towards zero (Date + 1.9 is the next
    day); for a Date/Time it is part of a day, so 0.5 is twelve hours.
    """
    try:
        if is_datetime(value):
            return value + datetime.timedelta(days=days)
        return value + datetime.timedelta(days=int(days))
    except OverflowError:
        raise EvaluationProblem(
            f"{value.isoformat()} + {days} days is outside the calendar"
        ) from None


def days_between(later: datetime.date, earlier: datetime.date) -> Number:
    """Date - Date is whole days; Date/Time - Date/Time may have a fraction."""
    if is_datetime(later):
        return (later - earlier).total_seconds() / 86400
    return (later - earlier).days


def add_months(value: datetime.date, months: int) -> datetime.date:
    """ADDMONTHS: the same day of the month, or the last day if that is past it.

    "If the specified date is the last day of the month, the resulting date is
    the last day of the resulting month" (customize_functions_addmonths), so
    Feb 28, 2023 + 1 month is Mar 31, and Jan 31 + 1 month is Feb 28 or 29.
    """
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise EvaluationProblem("ADDMONTHS goes past the year 9999 or before 1")
    last = calendar.monthrange(year, month + 1)[1]
    was_last = value.day == calendar.monthrange(value.year, value.month)[1]
    return value.replace(
        year=year, month=month + 1, day=last if was_last else min(value.day, last)
    )


@_function("ADDMONTHS", "temporal", "number")
def _addmonths(value: datetime.date, months: Number) -> datetime.date:
    return add_months(value, int(months))


@_function("DATE", "number", "number", "number")
def _date(year: Number, month: Number, day: Number) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise EvaluationProblem(
            f"DATE({year}, {month}, {day}) is not a day of the calendar"
        ) from None


@_function("DATEVALUE", "any")
def _datevalue(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        # A Date/Time is read in GMT, as Salesforce does for DATEVALUE; a
        # naive one is taken to be GMT already, never the machine's zone.
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return _date_from_text(value, "DATEVALUE")
    raise EvaluationProblem(f"DATEVALUE needs Text or Date/Time, got {value!r}")


@_function("DATETIMEVALUE", "any")
def _datetimevalue(value: object) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time(), datetime.UTC)
    if isinstance(value, str):
        return _datetime_from_text(value)
    raise EvaluationProblem(f"DATETIMEVALUE needs Text or Date, got {value!r}")


@_function("YEAR", "date")
def _year(value: datetime.date) -> int:
    return value.year


@_function("MONTH", "date")
def _month(value: datetime.date) -> int:
    return value.month


@_function("DAY", "date")
def _day(value: datetime.date) -> int:
    return value.day


@_function("WEEKDAY", "date")
def _weekday(value: datetime.date) -> int:
    # Salesforce counts Sunday as 1 and Saturday as 7.
    return value.isoweekday() % 7 + 1


def _date_from_text(text: str, function: str) -> datetime.date:
    match = _DATE_TEXT.match(text)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    except ValueError:
        raise EvaluationProblem(
            f"{function} cannot read {text!r} as a date",
            fix="write dates as YYYY-MM-DD",
        ) from None


def _datetime_from_text(text: str) -> datetime.datetime:
    day = _date_from_text(text, "DATETIMEVALUE")
    rest = text.strip()[10:]
    if not rest:
        return datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    match = _TIME_TEXT.match(rest)
    try:
        if match is None:
            raise ValueError
        hour, minute, second = (int(part or 0) for part in match.groups())
        moment = datetime.time(hour, minute, second, tzinfo=datetime.UTC)
    except ValueError:
        raise EvaluationProblem(
            f"DATETIMEVALUE cannot read {text!r} as a date and time",
            fix="write it as YYYY-MM-DD HH:MM:SS, in GMT",
        ) from None
    return datetime.datetime.combine(day, moment)
