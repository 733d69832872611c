"""How the report writes times, values, percents and the names of records."""

from __future__ import annotations

import re
from datetime import date

from simulator.engine.simulation import Simulation
from simulator.engine.trace import Cause

# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with what XML cannot hold replaced by U+FFFD, so none of it is lost."""
    return _NOT_XML.sub("\ufffd", text)


class RecordLabels:
    """A record's label by key: its alias, or its object and id."""

    def __init__(self, sim: Simulation) -> None:
        self._labels = {record.key: record.label() for record in sim.records}

    def __call__(self, key: str | None) -> str:
        if key is None:
            return ""
        if key in self._labels:
            return self._labels[key]
        # A record whose creation was rolled back is gone from the store,
        # but its key (system:object:id) still says what it was.
        parts = key.split(":")
        return f"{parts[1]} {parts[2]}" if len(parts) == 3 else key


def origin(cause: Cause) -> str:
    """The causes that led to this one, as ``a ← b``; blank for a first cause."""
    return " ← ".join(parent.describe() for parent in cause.chain()[1:])


def value_text(value: object) -> str:
    """A field value as a person reads it; a blank field is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def percent_text(percent: float | None) -> str:
    """One decimal, as the command line and the --fail-under gate round it,
    that never rounds to 0% or 100% unless it is."""
    if percent is None:
        return "n/a"
    shown = min(max(round(percent, 1), 0.1 if percent > 0 else 0.0), 100.0)
    if shown == 100.0 and percent < 100.0:
        shown = 99.9
    return f"{shown:g}%"
