"""Which record-triggered flows a save starts, and their scheduled paths."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from simulator.engine.formula_context import RecordContext, follow
from simulator.engine.interview import Interview
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.salesforce.conditions import compare, evaluate_logic
from simulator.salesforce.model import Flow, FlowValue, Literal, ScheduledPath

if TYPE_CHECKING:
    from simulator.engine.salesforce import SalesforceRuntime
    from simulator.engine.simulation import _Queued

LANE = "salesforce"


class FlowTriggers:
    """Record-triggered flows by object and timing, in their documented run order."""

    def __init__(self, runtime: SalesforceRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self._by_timing: dict[tuple[str, str], list[Flow]] = {}
        for flow in sim_flows(runtime):
            assert flow.trigger is not None
            key = (flow.trigger.timing, flow.trigger.object)
            self._by_timing.setdefault(key, []).append(flow)
        for flows in self._by_timing.values():
            flows.sort(key=run_order)
        self._pending: dict[tuple[str, str], list[Pending]] = {}

    def flows(self, timing: str, object_name: str) -> list[Flow]:
        return self._by_timing.get((timing, object_name), [])

    # Entry conditions

    def fires(
        self,
        flow: Flow,
        values: Mapping[str, object],
        prior: Mapping[str, object] | None,
    ) -> bool:
        """Does this save start the flow? Honours "only when updated to meet"."""
        trigger = flow.trigger
        assert trigger is not None
        kind = trigger.record_trigger_type
        if kind == "Delete" or (kind == "Create" and prior is not None):
            return False
        if kind == "Update" and prior is None:
            return False
        if not self.meets(flow, values, prior):
            return False
        if trigger.requires_change and prior is not None:
            return not self.meets(flow, prior, None)
        return True

    def meets(
        self,
        flow: Flow,
        values: Mapping[str, object],
        prior: Mapping[str, object] | None,
    ) -> bool:
        trigger = flow.trigger
        assert trigger is not None
        if trigger.filter_formula:
            formula = self.runtime.formulas.get(
                trigger.filter_formula, file=flow.file, place="start.filterFormula"
            )
            context = RecordContext(self.sim.records, values, prior, self.sim.now)
            return formula.evaluate(context) is True
        if trigger.filters is None or not trigger.filters.items:
            return True
        results = [
            compare(
                c.operator,
                self._field(values, c.left),
                self._right(values, c.right),
                prior=self._field(prior, c.left) if prior is not None else None,
                is_new=prior is None,
            )
            for c in trigger.filters.items
        ]
        return evaluate_logic(trigger.filters.logic, results)

    def _field(self, values: Mapping[str, object] | None, name: str) -> object:
        if values is None:
            return None
        path = name.removeprefix("$Record.")
        return follow(self.sim.records, values, tuple(path.split(".")))

    def _right(self, values: Mapping[str, object], value: FlowValue | None) -> object:
        if value is None or isinstance(value, Literal):
            return None if value is None else value.value
        return self._field(values, value.path)

    # Running

    def run_before(
        self,
        flow: Flow,
        values: dict[str, object],
        prior: dict[str, object] | None,
        record: Record | None,
        cause: Cause,
        causes: dict[str, Cause],
    ) -> None:
        flow_cause = self._enter(flow, record, cause)
        interview = Interview(
            self.runtime,
            flow,
            values,
            prior,
            record,
            flow_cause,
            on_write=causes.__setitem__,
            before_save=True,
        )
        interview.run(flow.start)

    def before_delete(self, flow: Flow, record: Record, cause: Cause) -> None:
        """A flow that runs before a record is deleted sees it as $Record."""
        values = dict(record.fields)
        if not self.meets(flow, values, None):
            return
        flow_cause = self._enter(flow, record, cause)
        interview = Interview(
            self.runtime, flow, values, None, record, flow_cause, before_save=True
        )
        interview.run(flow.start)

    def after_save(
        self, flow: Flow, record: Record, prior: dict[str, object] | None, cause: Cause
    ) -> None:
        values = dict(record.fields)
        if prior is not None:
            if self.meets(flow, values, prior):
                self._reschedule(flow, record, prior, cause)
            else:
                self._drop_paths(flow, record, cause)
        if not self.fires(flow, values, prior):
            return
        flow_cause = self._enter(flow, record, cause)
        interview = Interview(self.runtime, flow, values, prior, record, flow_cause)
        interview.run(flow.start)
        assert flow.trigger is not None
        for path in flow.trigger.scheduled_paths:
            if path.path_type == "AsyncAfterCommit":
                self._after_commit(flow, path, record, flow_cause)
            else:
                self._schedule(flow, path, record, flow_cause)

    def _enter(self, flow: Flow, record: Record | None, cause: Cause) -> Cause:
        flow_cause = Cause("flow", flow.label or flow.api_name, parent=cause)
        self.sim.hit(f"flow:{flow.api_name}", "start")
        if record is not None:
            self.sim.enrolled(record, flow.label or flow.api_name, flow_cause)
        else:
            self.sim.trace.enrolments.append(
                (self.sim.now, "", flow.label or flow.api_name)
            )
        return flow_cause

    # Scheduled paths

    def _schedule(
        self, flow: Flow, path: ScheduledPath, record: Record, cause: Cause
    ) -> None:
        due = self._due(path, record)
        if due is None:
            self.sim.log(
                LANE,
                "scheduled",
                record,
                f"scheduled path {path.label!r} not queued: "
                f"{path.record_field} is blank",
                cause,
            )
            return
        item = self.runtime.queue(
            max(due, self.sim.now),
            f"{flow.api_name}: scheduled path {path.name}",
            lambda: self._run_path(flow, path, record.key, cause),
        )
        pending = self._pending.setdefault((flow.api_name, record.key), [])
        pending.append(Pending(path, item, cause))  # type: ignore[arg-type]
        self.sim.log(
            LANE,
            "scheduled",
            record,
            f"scheduled path {path.label!r} queued for {due:%Y-%m-%d %H:%M}",
            cause,
        )

    def _after_commit(
        self, flow: Flow, path: ScheduledPath, record: Record, cause: Cause
    ) -> None:
        """The "run asynchronously" path runs right after the transaction commits
        (order of execution, step 20), in a transaction of its own."""
        self.runtime.transaction().after_commit.append(
            lambda: self._run_path(flow, path, record.key, cause)
        )
        self.sim.log(
            LANE,
            "scheduled",
            record,
            f"path {path.label!r} runs asynchronously after the commit",
            cause,
        )

    def _due(self, path: ScheduledPath, record: Record) -> datetime | None:
        if path.time_source == "RecordField" and path.record_field:
            base = as_datetime(record.fields.get(path.record_field))
        else:
            base = self.sim.now
        if base is None:
            return None
        return add_offset(base, path.offset_number, path.offset_unit)

    def _run_path(
        self, flow: Flow, path: ScheduledPath, key: str, cause: Cause
    ) -> None:
        pending = self._pending.get((flow.api_name, key), [])
        self._pending[(flow.api_name, key)] = [
            p for p in pending if p.item.time > self.sim.now and not p.item.cancelled
        ]
        record = self.sim.records.get(key)
        if record.deleted:
            return  # "If a user deletes the record ... the schedule is never processed"
        self.sim.hit(f"flow:{flow.api_name}", f"path:{path.name}")
        path_cause = Cause(
            "flow",
            flow.label or flow.api_name,
            f"scheduled path {path.label}",
            parent=cause.parent,
        )
        interview = Interview(
            self.runtime, flow, dict(record.fields), None, record, path_cause
        )
        self.runtime.in_transaction(path_cause, lambda: interview.run(path.next))

    def _reschedule(
        self, flow: Flow, record: Record, prior: dict[str, object], cause: Cause
    ) -> None:
        """A change of a path's time-source field moves its pending run
        (help: flow_concepts_trigger_scheduled_path)."""
        pending = self._pending.get((flow.api_name, record.key), [])
        for index, entry in enumerate(pending):
            path, item = entry.path, entry.item
            field = path.record_field
            if item.cancelled or path.time_source != "RecordField" or not field:
                continue
            if record.fields.get(field) == prior.get(field):
                continue
            item.cancelled = True
            due = self._due(path, record)
            if due is None:
                self.sim.log(
                    LANE,
                    "unscheduled",
                    record,
                    f"pending {item.label} dropped: {field} is now blank",
                    cause,
                )
                continue
            moved = self.runtime.queue(
                max(due, self.sim.now),
                item.label,
                functools.partial(self._run_path, flow, path, record.key, entry.cause),
            )
            pending[index] = Pending(path, moved, entry.cause)  # type: ignore[arg-type]
            self.sim.log(
                LANE,
                "rescheduled",
                record,
                f"{item.label} moved to {due:%Y-%m-%d %H:%M}: {field} changed",
                cause,
            )

    def _drop_paths(self, flow: Flow, record: Record, cause: Cause) -> None:
        """An update that fails the entry conditions removes pending scheduled paths."""
        for entry in self._pending.pop((flow.api_name, record.key), []):
            item = entry.item
            if not item.cancelled:
                item.cancelled = True
                self.sim.log(
                    LANE,
                    "unscheduled",
                    record,
                    f"pending {item.label} dropped: the record no longer "
                    "meets the flow's entry conditions",
                    cause,
                )


@dataclass(slots=True)
class Pending:
    """A scheduled path queued for one record, and the cause that queued it."""

    path: ScheduledPath
    item: _Queued
    cause: Cause


def run_order(flow: Flow) -> tuple[int, int, str]:
    """Where a flow runs among the flows of its object and timing.

    Trigger orders 1–1,000 run first, then flows without one, then 1,001–2,000;
    ties run by API name (help: flow_task_trigger_run_order). Flows without an
    order run by activation date, which metadata lacks: API name stands in.
    """
    order = flow.trigger_order
    if order is None:
        return (1, 0, flow.api_name)
    return (0 if order <= 1000 else 2, order, flow.api_name)


def sim_flows(runtime: SalesforceRuntime) -> list[Flow]:
    """The active flows a save or a delete starts, and the processes."""
    return [
        flow
        for flow in runtime.sim.model.flows
        if flow.is_active
        and flow.trigger is not None
        and (flow.is_record_triggered or flow.trigger.timing == "before_delete")
    ]


def as_datetime(value: object) -> datetime | None:
    """A date field is read as midnight UTC of that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, str):
        try:
            return as_datetime(datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def add_offset(base: datetime, number: int, unit: str) -> datetime:
    unit = unit.lower()
    if unit == "months":
        return add_months(base, number)
    hours = {"minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168}.get(unit, 24)
    return base + timedelta(hours=number * hours)


def add_months(base: datetime, months: int) -> datetime:
    """Months keep the day of the month, clamped to the month's last day."""
    month_index = base.month - 1 + months
    year, month = base.year + month_index // 12, month_index % 12 + 1
    day = min(base.day, calendar.monthrange(year, month)[1])
    return base.replace(year=year, month=month, day=day)
