"""Durations as people write them in YAML: ``30s``, ``15m``, ``2h``, ``3d``, ``1w``."""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")

DURATION_HELP = "a number and a unit, such as 30s, 15m, 2h, 3d or 1w"


def parse_duration(text: str) -> timedelta:
    """Read a duration; raise ValueError with the accepted forms when it is not one."""
    match = _PATTERN.match(str(text))
    if match is None:
        raise ValueError(f"{text!r} is not a duration: write {DURATION_HELP}")
    amount, unit = match.groups()
    return timedelta(**{_UNITS[unit]: float(amount)})


def format_duration(span: timedelta) -> str:
    """The shortest exact form of a duration, as parse_duration reads it."""
    seconds = int(span.total_seconds())
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def format_offset(span: timedelta) -> str:
    """Virtual time since the scenario's start, as ``+1d 02:00``."""
    sign = "-" if span < timedelta(0) else "+"
    seconds = int(abs(span).total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = f"{sign}{days}d {hours:02}:{minutes:02}"
    return text + f":{seconds:02}" if seconds else text
