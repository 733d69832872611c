"""Dates in HubSpot filters: property values read as moments, time points resolved.

HubSpot keeps a datetime property as milliseconds since the epoch and a date
property as midnight UTC of its day. A scenario may also write a date, a
datetime or ISO text; all of them read as one moment here. Time points
relative to now (INDEXED NOW, TODAY…) are resolved on the virtual clock, in
the account's time zone unless the point names its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from simulator.hubspot.model import DateFilter, TimePoint

WEEKDAYS = (
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
)
MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)
History = Mapping[str, list[tuple[datetime, object]]]


@dataclass(frozen=True, slots=True)
class FilterContext:
    """What a filter may need beyond the record's values: the clock and history.

    ``history`` is the record's Record.history: every value each property held.
    """

    now: datetime
    zone: tzinfo = UTC
    history: History = field(default_factory=dict)


def instant(value: object) -> datetime | None:
    """A property value as a moment; None when it is not a date."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC)
    if isinstance(value, str):
        return _parse_text(value.strip())
    return None


def _parse_text(text: str) -> datetime | None:
    if text.lstrip("-").isdigit():
        return datetime.fromtimestamp(int(text) / 1000, UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def zone_named(name: str | None, default: tzinfo) -> tzinfo:
    """The time zone an id names (``America/New_York``); ``default`` for none."""
    if not name:
        return default
    if name.upper() in ("UTC", "Z", "ETC/UTC"):
        return UTC
    return ZoneInfo(name)


def resolve(
    point: TimePoint, context: FilterContext, properties: Mapping[str, object]
) -> datetime | None:
    """The moment a time point stands for now; None when it cannot be known."""
    zone = zone_named(point.zone, context.zone)
    if point.kind == "EPOCH":
        return datetime.fromtimestamp(point.epoch_ms / 1000, UTC)
    if point.kind == "PROPERTY_REFERENCED":
        return instant(properties.get(point.property))
    if point.kind == "DATE":
        parts = dict(point.fields)
        return datetime(
            parts.get("year", 1970),
            parts.get("month", 1),
            parts.get("day", 1),
            parts.get("hour", 0),
            parts.get("minute", 0),
            parts.get("second", 0),
            parts.get("millisecond", 0) * 1000,
            tzinfo=zone,
        )
    return _indexed(point, context.now.astimezone(zone))


def _indexed(point: TimePoint, now: datetime) -> datetime:
    """NOW, TODAY, WEEK, MONTH, QUARTER or YEAR, then the offset."""
    base = now if point.reference == "NOW" else _period_start(point, now)
    parts = dict(point.fields)
    if point.reference != "NOW":
        base = base.replace(
            hour=parts.get("hour", 0),
            minute=parts.get("minute", 0),
            second=parts.get("second", 0),
        )
    return shift(base, dict(point.offset))


def _period_start(point: TimePoint, now: datetime) -> datetime:
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if point.reference == "WEEK":
        wanted = WEEKDAYS.index(str(point.reference_day or "MONDAY"))
        return day + timedelta(days=wanted - day.weekday())
    if point.reference == "MONTH":
        return day.replace(day=int(point.reference_day or 1))
    if point.reference == "QUARTER":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if point.reference == "YEAR":
        return day.replace(month=1, day=1)
    return day  # TODAY


def shift(moment: datetime, offset: Mapping[str, int]) -> datetime:
    """Move a local moment by calendar units, as an INDEXED offset does."""
    months = offset.get("years", 0) * 12 + offset.get("quarters", 0) * 3
    months += offset.get("months", 0)
    if months:
        moment = add_months(moment, months)
    span = timedelta(
        weeks=offset.get("weeks", 0),
        days=offset.get("days", 0),
        hours=offset.get("hours", 0),
        minutes=offset.get("minutes", 0),
        seconds=offset.get("seconds", 0),
        milliseconds=offset.get("milliseconds", 0),
    )
    # Add wall-clock time, so "in 1 day" stays at the same hour across DST.
    local = moment.replace(tzinfo=None) + span
    return local.replace(tzinfo=moment.tzinfo)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def date_matches(
    item: DateFilter,
    value: object,
    properties: Mapping[str, object],
    context: FilterContext | None,
) -> bool:
    """Whether a date value passes a date filter, now.

    A blank value passes only with includeObjectsWithNoValueSet; a value that
    is not a date, or a point that cannot be resolved, fails.
    """
    moment = instant(value)
    if moment is None:
        return item.include_no_value and value in (None, "")
    if context is None:
        context = FilterContext(now=moment)  # only absolute points resolve right
    lower = resolve(item.lower, context, properties)
    upper = resolve(item.upper, context, properties) if item.upper else None
    if lower is None or (item.upper is not None and upper is None):
        return False
    if item.operator in ("IS_BETWEEN", "IS_NOT_BETWEEN"):
        assert upper is not None
        inside = _above(moment, lower, item.lower_inclusive) and _above(
            upper, moment, item.upper_inclusive
        )
        return inside if item.operator == "IS_BETWEEN" else not inside
    if item.operator == "IS_AFTER":
        return _above(moment, lower, item.lower_inclusive)
    if item.operator == "IS_BEFORE":
        return _above(lower, moment, item.lower_inclusive)
    same_day = _day(moment, context.zone) == _day(lower, context.zone)
    return same_day if item.operator == "IS_EQUAL_TO" else not same_day


def _above(high: datetime, low: datetime, inclusive: bool) -> bool:
    return high >= low if inclusive else high > low


def _day(moment: datetime, zone: tzinfo) -> date:
    # A date property is midnight UTC of its day; other moments are read in
    # the account's time zone.
    utc = moment.astimezone(UTC)
    if utc.time() == time(0):
        return utc.date()
    return moment.astimezone(zone).date()
