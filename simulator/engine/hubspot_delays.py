"""When a HubSpot delay ends, and when an execution window next lets an action run.

All of it is wall-clock time in the account's time zone
(https://knowledge.hubspot.com/workflows/manage-workflow-settings: "specify
when records can run workflow actions based on your account's timezone").

- A set delay ends its length later; with days of the week or a time of day
  it then waits for the next such day or time
  (https://knowledge.hubspot.com/workflows/use-date-delays).
- A delay until a date ends at that date (moved by its delta, at its time of
  day); a date that has passed lets the record go on at once (same page).
- Execution windows (timeWindows) and pause dates (blockedDates) move an
  action that would run outside them to the next opening; delays and
  branches are not moved, the action after them is (manage-workflow-settings).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from simulator.hubspot.dates import WEEKDAYS, instant
from simulator.hubspot.model import BlockedDate, Delay, DelayUntilDate, TimeWindow

# How far ahead to look for an opening before giving up (a year and a day).
_HORIZON_DAYS = 366


def delay_ends(now: datetime, delay: Delay, zone: tzinfo) -> datetime:
    """The end of a 0-1 delay: its length, then the next matching day and time."""
    end = now + timedelta(minutes=delay.minutes)
    if not delay.days_of_week and delay.time_of_day is None:
        return end
    return next_matching(end, delay.days_of_week, delay.time_of_day, zone)


def next_matching(
    moment: datetime,
    days: tuple[str, ...],
    time_of_day: tuple[int, int] | None,
    zone: tzinfo,
) -> datetime:
    """The first moment at or after ``moment`` on one of ``days`` (any day when
    empty) and at ``time_of_day`` (the start of the day when that day is
    later, the moment itself when it is today)."""
    local = moment.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if days and WEEKDAYS[day.weekday()] not in days:
            continue
        if time_of_day is not None:
            candidate = _at(day, time_of_day[0] * 60 + time_of_day[1], zone)
        else:
            candidate = local if offset == 0 else _at(day, 0, zone)
        if candidate >= local:
            return candidate.astimezone(UTC)
    return moment  # unreachable: within a week every weekday and time come


def date_delay_ends(
    now: datetime,
    delay: DelayUntilDate,
    properties: Mapping[str, object],
    zone: tzinfo,
) -> datetime | None:
    """The end of a 0-35 delay; None when the date property is blank.

    A moment already past ends the delay at once.
    """
    if delay.epoch_ms is not None:
        base: datetime | None = datetime.fromtimestamp(delay.epoch_ms / 1000, UTC)
    else:
        base = instant(properties.get(delay.property or ""))
    if base is None:
        return None
    end = base + timedelta(minutes=delay.offset_minutes)
    if delay.time_of_day is not None:
        hour, minute = delay.time_of_day
        # A date property is midnight UTC of its day: the day is the UTC one.
        day = (
            end.astimezone(UTC).date()
            if end.astimezone(UTC).time() == time(0)
            else end.astimezone(zone).date()
        )
        end = _at(day, hour * 60 + minute, zone)
    return max(end.astimezone(UTC), now)


def next_opening(
    moment: datetime,
    windows: tuple[TimeWindow, ...],
    blocked: tuple[BlockedDate, ...],
    zone: tzinfo,
    *,
    same_time: bool = False,
) -> datetime:
    """The first moment at or after ``moment`` when actions may run.

    Inside a window on a day that is not paused: ``moment`` itself. Later
    today: the window's start. On a later day: the earliest time of its
    window, or with ``same_time`` the same time of day if the window allows
    it (the 2017 "business days only" behaviour, docs/settings.md).
    """
    if not windows and not blocked:
        return moment
    local = moment.astimezone(zone)
    minute_of_day = local.hour * 60 + local.minute
    for offset in range(_HORIZON_DAYS):
        day = local.date() + timedelta(days=offset)
        if _paused(day, blocked):
            continue
        for start, end in _spans(day, windows):
            if offset == 0:
                if minute_of_day < end:
                    opening = _at(day, start, zone)
                    return max(local, opening).astimezone(UTC)
                continue
            if same_time and start <= minute_of_day < end:
                same = datetime.combine(day, local.time(), zone)
                return same.astimezone(UTC)
            if same_time and minute_of_day >= end:
                continue
            return _at(day, start, zone).astimezone(UTC)
    return moment  # no window ever opens: run as if there were none


def is_open(
    moment: datetime,
    windows: tuple[TimeWindow, ...],
    blocked: tuple[BlockedDate, ...],
    zone: tzinfo,
) -> bool:
    return next_opening(moment, windows, blocked, zone) <= moment


def _spans(day: date, windows: tuple[TimeWindow, ...]) -> list[tuple[int, int]]:
    """The day's windows as (start, end) minutes; no windows at all: the whole day."""
    if not windows:
        return [(0, 1440)]
    name = WEEKDAYS[day.weekday()]
    return sorted((w.start, w.end) for w in windows if w.day == name)


def _paused(day: date, blocked: tuple[BlockedDate, ...]) -> bool:
    return any(
        b.month == day.month and b.day == day.day and b.year in (None, day.year)
        for b in blocked
    )


def _at(day: date, minutes: int, zone: tzinfo) -> datetime:
    """Local wall-clock time on ``day``; 1440 minutes is the next midnight."""
    start = datetime.combine(day, time(0), zone)
    local = start.replace(tzinfo=None) + timedelta(minutes=minutes)
    return local.replace(tzinfo=zone)
