"""Salesforce workflow rules: criteria, immediate actions and the time-based queue."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from simulator.engine.flow_trigger import as_datetime
from simulator.engine.formula_context import RecordContext, follow
from simulator.engine.records import Record
from simulator.engine.stubs import find_stub
from simulator.engine.trace import Cause
from simulator.salesforce.conditions import criteria_matches, evaluate_logic
from simulator.salesforce.fields import typed_literal
from simulator.salesforce.model import (
    ActionRef,
    FieldUpdate,
    TimeTrigger,
    WorkflowFile,
    WorkflowRule,
)

if TYPE_CHECKING:
    from simulator.engine.salesforce import SalesforceRuntime
    from simulator.engine.simulation import _Queued

LANE = "salesforce"
# Field updates that re-evaluate workflow rules can cascade; the platform
# stops after this many extra rounds in one save.
MAX_REEVALUATIONS = 5


class WorkflowRuleRunner:
    """Evaluates each active rule of an object after the record is saved."""

    def __init__(self, runtime: SalesforceRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self._rules: dict[str, list[tuple[WorkflowRule, WorkflowFile]]] = {}
        for file in self.sim.model.workflow_files:
            for rule in file.rules:
                if rule.active:
                    self._rules.setdefault(rule.object, []).append((rule, file))
        self._pending: dict[tuple[str, str], list[QueuedAction]] = {}
        self._updated: set[str] = set()
        self._prior: Mapping[str, object] | None = None

    def run(
        self, record: Record, prior: Mapping[str, object] | None, cause: Cause
    ) -> set[str]:
        """Evaluate the object's rules; the fields their field updates changed."""
        fired: set[str] = set()
        self._updated = set()
        self._prior = prior
        for number in range(1 + MAX_REEVALUATIONS):
            if not self._round(record, prior, cause, fired, first=number == 0):
                break
        return self._updated

    def _round(
        self,
        record: Record,
        prior: Mapping[str, object] | None,
        cause: Cause,
        fired: set[str],
        *,
        first: bool = True,
    ) -> bool:
        """Evaluate every rule, then act; True if a re-evaluating update changed one.

        Every rule is evaluated on the record as the round found it, before any
        field update of the round is written (order of execution, step 11), and
        "only workflow rules that didn't fire before are retriggered" in a
        re-evaluation (help: workflow_field_updates_reevalute_wf).
        """
        firing: list[tuple[WorkflowRule, WorkflowFile]] = []
        for rule, file in self._rules.get(record.object, ()):
            meets = self.meets(rule, record.fields, prior)
            if not meets:
                self._drop(rule, record, cause)
            elif prior is not None and first:
                self._recalculate(rule, record, prior, cause)
            if rule.name not in fired and self._fires(
                rule, meets, record.fields, prior
            ):
                firing.append((rule, file))
                fired.add(rule.name)
        reevaluate = False
        for rule, file in firing:
            rule_cause = Cause("workflow_rule", rule.name, parent=cause)
            self.sim.hit(definition_key(rule), "rule")
            self.sim.enrolled(record, rule.name, rule_cause)
            for action in rule.actions:
                reevaluate |= self._act(action, file, record, rule_cause)
            for position, trigger in enumerate(rule.time_triggers):
                self._queue(rule, file, trigger, position, record, rule_cause)
        return reevaluate

    def meets(
        self,
        rule: WorkflowRule,
        values: Mapping[str, object],
        prior: Mapping[str, object] | None,
    ) -> bool:
        if rule.formula:
            formula = self.runtime.formulas.get(
                rule.formula, file=rule.file, place=f"rules[{rule.name}].formula"
            )
            context = RecordContext(self.sim.records, values, prior, self.sim.now)
            return formula.evaluate(context) is True
        results = [
            criteria_matches(
                item.operation,
                follow(self.sim.records, values, _path(item.field)),
                item.value,
            )
            for item in rule.criteria
        ]
        if not results:
            return False
        if rule.boolean_filter:
            return evaluate_logic(rule.boolean_filter, results)
        return all(results)

    def _fires(
        self,
        rule: WorkflowRule,
        meets: bool,
        values: Mapping[str, object],
        prior: Mapping[str, object] | None,
    ) -> bool:
        """The three evaluation criteria of a workflow rule."""
        if not meets:
            return False
        if rule.trigger_type == "onCreateOnly":
            return prior is None
        if rule.trigger_type == "onAllChanges" or prior is None:
            return True
        # "created, and any time it's edited to subsequently meet criteria"
        return not self.meets(rule, prior, None)

    # Actions

    def _act(
        self, action: ActionRef, file: WorkflowFile, record: Record, cause: Cause
    ) -> bool:
        element = f"{action.type} {action.name}"
        if action.type == "FieldUpdate" and action.name in file.field_updates:
            update = file.field_updates[action.name]
            update_cause = Cause(cause.kind, cause.name, element, cause.parent)
            value = self._value(update, file, record)
            if update.target_object:
                self._update_parent(record, update, value, update_cause)
                return False
            changed = self.runtime.set(record, update.field, value, update_cause)
            if changed:
                self._updated.add(update.field)
            return changed and update.reevaluate
        if action.type == "Alert":
            self.sim.action("alert", action.name, record, cause)
        elif action.type == "Task" and action.name in file.tasks:
            task = file.tasks[action.name]
            self._task(
                record,
                task.subject,
                task.status,
                task.priority,
                task.due_offset_days,
                cause,
            )
        else:
            self._stub(action, record, cause)
        return False

    def _stub(self, action: ActionRef, record: Record, cause: Cause) -> None:
        """An outbound message or another action revsim does not run; the
        scenario's stub may say which fields it writes."""
        self.sim.action("stub", f"{action.type} {action.name}", record, cause)
        stubs = getattr(self.sim, "stubs", ())
        stub = find_stub(stubs, action.type, action.name, (cause.name,))
        for field, value in stub.set.items() if stub is not None else ():
            if self.runtime.set(record, field, value, cause):
                self._updated.add(field)

    def _update_parent(
        self, record: Record, update: FieldUpdate, value: object, cause: Cause
    ) -> None:
        """A cross-object field update saves the parent through its own save
        order (order of execution, step 16)."""
        parent = self.sim.records.by_id(
            LANE, record.fields.get(update.target_object or "")
        )
        if parent is None:
            self.sim.log(
                LANE,
                "skipped",
                record,
                f"field update {update.name!r} names no parent through "
                f"{update.target_object}",
                cause,
            )
            return
        self.runtime.save(parent, parent.object, {update.field: value}, cause)

    def _task(
        self,
        record: Record,
        subject: str,
        status: str | None,
        priority: str | None,
        due_days: int | None,
        cause: Cause,
    ) -> None:
        fields: dict[str, object] = {
            "Subject": subject,
            "Status": status or "Not Started",
            "Priority": priority or "Normal",
            "OwnerId": record.fields.get("OwnerId"),
            "WhoId" if record.object in ("Lead", "Contact") else "WhatId": record.id,
        }
        if due_days is not None:
            fields["ActivityDate"] = (self.sim.now + timedelta(days=due_days)).date()
        self.runtime.save(None, "Task", fields, cause)
        self.sim.action("task", subject, record, cause)

    def _value(self, update: FieldUpdate, file: WorkflowFile, record: Record) -> object:
        if update.operation == "Null":
            return None
        if update.operation == "Formula" and update.formula:
            formula = self.runtime.formulas.get(
                update.formula, file=file.file, place=f"fieldUpdates[{update.name}]"
            )
            context = RecordContext(
                self.sim.records, record.fields, self._prior, self.sim.now
            )
            return formula.evaluate(context)
        if update.operation in ("NextValue", "PreviousValue"):
            return self._step_picklist(update, record)
        field_type = self.sim.model.field_types.get((record.object, update.field))
        return typed_literal(update.literal, field_type)

    def _step_picklist(self, update: FieldUpdate, record: Record) -> object:
        picklist = self.sim.model.picklists.get((record.object, update.field))
        current = record.fields.get(update.field)
        if picklist is None or current not in picklist.values:
            return current
        index = picklist.values.index(str(current))
        index += 1 if update.operation == "NextValue" else -1
        return picklist.values[min(max(index, 0), len(picklist.values) - 1)]

    # The time-based workflow queue

    def _queue(
        self,
        rule: WorkflowRule,
        file: WorkflowFile,
        trigger: TimeTrigger,
        position: int,
        record: Record,
        cause: Cause,
    ) -> None:
        due = self._due(trigger, record)
        if due is None:
            return
        label = f"{rule.name}: time trigger {position + 1}"
        item = self.runtime.queue(
            due,
            label,
            lambda: self._fire(rule, file, trigger, position, record.key, cause),
        )
        entry = QueuedAction(file, trigger, position, item, cause)  # type: ignore[arg-type]
        self._pending.setdefault((rule.name, record.key), []).append(entry)
        self.sim.log(
            LANE, "scheduled", record, f"{label} queued for {due:%Y-%m-%d %H:%M}", cause
        )

    def _due(self, trigger: TimeTrigger, record: Record) -> datetime | None:
        if trigger.offset_field:
            base = as_datetime(record.fields.get(_path(trigger.offset_field)[-1]))
        else:
            base = self.sim.now
        if base is None:
            return None
        hours = trigger.unit.lower() == "hours"
        unit = timedelta(hours=1) if hours else timedelta(days=1)
        return base + trigger.length * unit

    def _recalculate(
        self,
        rule: WorkflowRule,
        record: Record,
        prior: Mapping[str, object],
        cause: Cause,
    ) -> None:
        """A change of the date a time trigger counts from moves its queued
        actions (help: workflow_time_action_considerations)."""
        pending = self._pending.get((rule.name, record.key), [])
        for index, entry in enumerate(pending):
            field = entry.trigger.offset_field
            if entry.item.cancelled or not field or entry.item.time <= self.sim.now:
                continue
            name = _path(field)[-1]
            if record.fields.get(name) == prior.get(name):
                continue
            entry.item.cancelled = True
            due = self._due(entry.trigger, record)
            if due is None:
                continue
            item = self.runtime.queue(
                due,
                entry.item.label,
                functools.partial(
                    self._fire,
                    rule,
                    entry.file,
                    entry.trigger,
                    entry.position,
                    record.key,
                    entry.cause,
                ),
            )
            pending[index] = QueuedAction(
                entry.file,
                entry.trigger,
                entry.position,
                item,  # type: ignore[arg-type]
                entry.cause,
            )
            self.sim.log(
                LANE,
                "rescheduled",
                record,
                f"{entry.item.label} moved to {due:%Y-%m-%d %H:%M}: {name} changed",
                cause,
            )

    def _fire(
        self,
        rule: WorkflowRule,
        file: WorkflowFile,
        trigger: TimeTrigger,
        position: int,
        key: str,
        cause: Cause,
    ) -> None:
        record = self.sim.records.get(key)
        if record.deleted:
            return
        self.sim.hit(definition_key(rule), f"time trigger {position + 1}")
        fired = Cause(
            "workflow_rule", rule.name, f"time trigger {position + 1}", cause.parent
        )

        def act() -> None:
            self._prior, self._updated = None, set()
            for action in trigger.actions:
                self._act(action, file, record, fired)

        self.runtime.in_transaction(fired, act)

    def _drop(self, rule: WorkflowRule, record: Record, cause: Cause) -> None:
        """An edit that makes the criteria false removes queued time-based actions."""
        for entry in self._pending.pop((rule.name, record.key), []):
            item = entry.item
            if not item.cancelled and item.time > self.sim.now:
                item.cancelled = True
                self.sim.log(
                    LANE,
                    "unscheduled",
                    record,
                    f"{item.label} removed from the queue: the rule's "
                    "criteria are no longer met",
                    cause,
                )


@dataclass(slots=True)
class QueuedAction:
    """A time trigger's actions in the time-based workflow queue for a record."""

    file: WorkflowFile
    trigger: TimeTrigger
    position: int
    item: _Queued
    cause: Cause


def definition_key(rule: WorkflowRule) -> str:
    return f"workflow_rule:{rule.object}.{rule.name}"


def _path(field: str) -> tuple[str, ...]:
    """Criteria fields are written ``Object.Field``; drop the object."""
    parts = tuple(field.split("."))
    return parts[1:] if len(parts) > 1 else parts
