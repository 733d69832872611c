"""A formula's view of one record at a past moment of a finished run.

A record keeps every value each field held, so an invariant can be read at
any moment after the run, and, given the record's ``state`` after one
change, between two changes of the same moment. ``Account.Type`` follows
the lookup as it stood then, and ``HubSpot.lifecyclestage`` (or
``Salesforce.Status``) reads the record's counterpart across the connector.
HubSpot keeps every property as text; here "50" reads as the number 50 and
"true" as a checkbox, so a formula can compare them as Salesforce fields.
"""

from __future__ import annotations

from datetime import datetime

from simulator.engine.formula_context import relationship_id_field
from simulator.engine.records import Record, RecordStore
from simulator.engine.trace import Trace
from simulator.errors import FormulaError

_SIDES = {"hubspot": "hubspot", "salesforce": "salesforce"}


class HistoryContext:
    """The values ``record`` and the records it points to held at ``moment``."""

    def __init__(
        self,
        records: RecordStore,
        record: Record,
        moment: datetime,
        overrides: dict[tuple[str, ...], object] | None = None,
        state: dict[str, object] | None = None,
    ) -> None:
        self._records = records
        self._record = record
        self._overrides = overrides or {}
        self._state = state
        self.now = moment
        self.is_new = moment <= record.created_at

    def value(self, path: tuple[str, ...]) -> object:
        if path in self._overrides:
            return self._overrides[path]
        holder = self.record_at(path[:-1])
        return None if holder is None else self.read(holder, path[-1])

    def record_at(self, steps: tuple[str, ...]) -> Record | None:
        """The record a path's lookups lead to, as they stood at the moment."""
        current: Record | None = self._record
        for step in steps:
            if current is None:
                return None
            current = self._follow(current, step)
        return current

    def prior(self, path: tuple[str, ...]) -> object:
        return None

    def variable(self, name: str) -> object:
        raise FormulaError(
            f"an invariant reads {name!r}, which is not a field of the record",
            fix="write the field's name, or Object.Field through a lookup",
        )

    def read(self, record: Record, name: str) -> object:
        """One field as it stood at the moment, HubSpot text read as typed."""
        if name == "Id":
            return record.id
        if record.created_at > self.now:
            return None
        if record is self._record and self._state is not None:
            value = self._state.get(name)
        elif name in record.history:
            value = record.value_at(name, self.now)
        else:
            value = record.fields.get(name)  # stamped outside the trace
        return _typed(value) if record.system == "hubspot" else value

    def _follow(self, record: Record, step: str) -> Record | None:
        side = _SIDES.get(step.lower())
        if side is not None:
            if record.system == side:
                return record
            twin = self._records.twin_of(record)
            return twin if twin is not None and twin.created_at <= self.now else None
        target = self.read(record, relationship_id_field(step))
        return self._records.by_id("salesforce", target)


def states(trace: Trace, record: Record) -> list[tuple[datetime, dict[str, object]]]:
    """The record's values when created and after each traced change, in order."""
    current = {name: taken[0][1] for name, taken in record.history.items() if taken}
    found = [(record.created_at, dict(current))]
    for entry in trace.entries:
        if entry.kind == "changed" and entry.record == record.key and entry.field:
            current[entry.field] = entry.new
            found.append((entry.time, dict(current)))
    return found


def _typed(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    try:
        number = float(text)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number
