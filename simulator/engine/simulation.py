"""The virtual clock, the one event queue, and the record changes of every platform."""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from simulator.engine.records import Record, RecordStore
from simulator.engine.settings import EngineSettings
from simulator.engine.trace import Action, Cause, Finding, Trace, TraceEntry
from simulator.model import AutomationModel
from simulator.scenario.model import Stub, show


class RunStopped(Exception):
    """The run cannot go on: an event budget was spent, most likely in a loop."""


@dataclass(order=True, slots=True)
class _Queued:
    time: datetime
    order: int
    label: str = field(compare=False)
    handler: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class Simulation:
    """One run of one journey through the whole model."""

    def __init__(
        self,
        model: AutomationModel,
        start: datetime,
        settings: EngineSettings | None = None,
    ) -> None:
        from simulator.engine.connector import ConnectorRuntime
        from simulator.engine.hubspot import HubSpotRuntime
        from simulator.engine.salesforce import SalesforceRuntime

        self.model = model
        self.settings = settings or EngineSettings()
        self.start = start
        self.now = start
        self.records = RecordStore()
        self.trace = Trace()
        self.coverage: Counter[tuple[str, str]] = Counter()
        self.events_handled = 0
        # The scenario's seed (A/B test branches draw from it) and its stubs
        # for actions revsim does not simulate; schedule_journey sets both.
        self.seed = 0
        self.stubs: tuple[Stub, ...] = ()
        self._queue: list[_Queued] = []
        self._order = itertools.count()
        self.hubspot = HubSpotRuntime(self)
        self.salesforce = SalesforceRuntime(self)
        self.connector = ConnectorRuntime(self)

    # The queue

    def schedule(
        self, at: datetime, label: str, handler: Callable[[], None]
    ) -> _Queued:
        """Run ``handler`` at ``at``; events at one time run in the order queued."""
        item = _Queued(max(at, self.now), next(self._order), label, handler)
        heapq.heappush(self._queue, item)
        return item

    def run(self, until: datetime) -> None:
        """Handle queued events in time order until none are left or time is up."""
        while self._queue and self._queue[0].time <= until:
            item = heapq.heappop(self._queue)
            if item.cancelled:
                continue
            self.now = item.time
            self.events_handled += 1
            if self.events_handled > self.settings.max_events:
                self.finding(
                    "event_budget",
                    None,
                    f"stopped after {self.settings.max_events} events: "
                    "automation keeps triggering itself",
                    Cause("system", "event budget"),
                )
                raise RunStopped(item.label)
            item.handler()
        self.now = max(self.now, until)

    def pending(self) -> int:
        return sum(not item.cancelled for item in self._queue)

    # What happened

    def hit(self, definition: str, element: str) -> None:
        self.coverage[(definition, element)] += 1

    def log(
        self,
        lane: str,
        kind: str,
        record: Record | None,
        message: str,
        cause: Cause,
        position: int | None = None,
    ) -> None:
        """Trace an entry; at ``position`` in the trace when it tells of work
        that began before the entries logged since (a sync whose save ran the
        other platform's automation)."""
        if not self.settings.trace_changes:
            return
        key = record.key if record is not None else None
        entry = TraceEntry(self.now, lane, kind, key, message, cause)
        if position is None:
            self.trace.add(entry)
        else:
            self.trace.entries.insert(position, entry)

    def action(self, kind: str, name: str, record: Record, cause: Cause) -> None:
        self.trace.actions.append(Action(self.now, kind, name, record.key, cause))
        self.log(record.system, "action", record, f"{kind} {name!r}", cause)
        if kind == "task" and record.system == "hubspot":
            self.connector.hubspot_task_created(record, name, cause)

    def finding(
        self, kind: str, record: Record | None, message: str, cause: Cause
    ) -> None:
        key = record.key if record is not None else None
        self.trace.findings.append(Finding(self.now, kind, key, message, cause))
        lane = record.system if record is not None else "connector"
        self.log(lane, "finding", record, message, cause)

    def enrolled(self, record: Record, definition: str, cause: Cause) -> None:
        self.trace.enrolments.append((self.now, record.key, definition))
        self.log(record.system, "enrolled", record, f"entered {definition!r}", cause)

    # Records

    def create(
        self,
        system: str,
        object_name: str,
        fields: Mapping[str, object],
        cause: Cause,
        alias: str | None = None,
    ) -> Record:
        record = self.records.new(system, object_name, fields, self.now, alias)
        # The trace shows the record beside the message: say what it is.
        self.log(system, "created", record, f"new {object_name}", cause)
        return record

    def set_field(self, record: Record, name: str, value: object, cause: Cause) -> bool:
        """Change one field; False (and nothing traced) when the value is the same."""
        old = record.fields.get(name)
        if _same(old, value):
            return False
        record.fields[name] = value
        record.history.setdefault(name, [(record.created_at, None)]).append(
            (self.now, value)
        )
        if self.settings.trace_changes:
            self.trace.add(
                TraceEntry(
                    self.now,
                    record.system,
                    "changed",
                    record.key,
                    f"{name}: {show(old)} → {show(value)}",
                    cause,
                    field=name,
                    old=old,
                    new=value,
                )
            )
        return True

    def after(self, span: timedelta) -> datetime:
        return self.now + span


def _same(old: object, new: object) -> bool:
    """Blank text and no value are the same on both platforms."""
    if old in (None, "") and new in (None, ""):
        return True
    return (old == new and type(old) is type(new)) or _numbers_equal(old, new)


def _numbers_equal(old: object, new: object) -> bool:
    numbers = (int, float)
    both_numbers = isinstance(old, numbers) and isinstance(new, numbers)
    either_bool = isinstance(old, bool) or isinstance(new, bool)
    return both_numbers and not either_bool and old == new
