"""A workflow's own settings: execution windows, pause dates, unenrolment elsewhere.

Shapes as the v4 OpenAPI spec gives them (ApiTimeWindow, ApiBlockedDate,
ApiUnEnrollmentSetting); what they do is in
https://knowledge.hubspot.com/workflows/manage-workflow-settings.
"""

from __future__ import annotations

from simulator.hubspot.dates import MONTHS, WEEKDAYS
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import BlockedDate, TimeWindow, Unenrolment


def read_timing(
    r: Reader, data: JsonObject
) -> tuple[tuple[TimeWindow, ...], tuple[BlockedDate, ...]]:
    """timeWindows and blockedDates; both empty means actions run any time."""
    windows = tuple(
        _window(r, item, at("timeWindows", i))
        for i, item in enumerate(r.array(data, "timeWindows", ""))
    )
    blocked = tuple(
        _blocked(r, item, at("blockedDates", i))
        for i, item in enumerate(r.array(data, "blockedDates", ""))
    )
    return windows, blocked


def _window(r: Reader, value: object, place: str) -> TimeWindow:
    data = r.obj(value, place)
    day = r.choice(data, "day", place, WEEKDAYS)
    start = _minutes(r, data.get("startTime"), at(place, "startTime"), 0)
    end = _minutes(r, data.get("endTime"), at(place, "endTime"), 1440)
    if end <= start:
        r.fail(
            place,
            "the window ends before it starts",
            expected="an endTime later than the startTime",
        )
    return TimeWindow(day, start, end)


def _minutes(r: Reader, value: object, place: str, default: int) -> int:
    """An ApiTimeOfDay as minutes after midnight."""
    if value is None:
        return default
    data = r.obj(value, place)
    hour, minute = data.get("hour", 0), data.get("minute", 0)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (hour, minute)):
        r.fail(place, "expected hour and minute as whole numbers")
    assert isinstance(hour, int) and isinstance(minute, int)
    if not (0 <= hour <= 24 and 0 <= minute < 60) or hour * 60 + minute > 1440:
        r.fail(place, f"{hour:02}:{minute:02} is not a time of day")
    return hour * 60 + minute


def _blocked(r: Reader, value: object, place: str) -> BlockedDate:
    data = r.obj(value, place)
    month = MONTHS.index(r.choice(data, "month", place, MONTHS)) + 1
    day = data.get("dayOfMonth")
    year = data.get("year")
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 31:
        r.fail(at(place, "dayOfMonth"), f"expected a day of the month, found {day!r}")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        r.fail(at(place, "year"), f"expected a year, found {year!r}")
    return BlockedDate(month, day, year if isinstance(year, int) else None)


def read_unenrolment(r: Reader, data: JsonObject) -> Unenrolment | None:
    """unEnrollmentSetting: leave ALL other workflows, or the SELECTIVE flowIds."""
    value = data.get("unEnrollmentSetting")
    if value is None:
        return None
    setting = r.obj(value, "unEnrollmentSetting")
    kind = r.choice(setting, "type", "unEnrollmentSetting", ("ALL", "SELECTIVE"))
    ids = tuple(
        str(item) for item in r.array(setting, "flowIds", "unEnrollmentSetting")
    )
    return Unenrolment(kind, ids)
