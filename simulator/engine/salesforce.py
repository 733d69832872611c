"""Salesforce: every insert and update runs the order of execution on save.

For one save: before-save flows in trigger order change the record in
memory; validation rules may refuse it; the record is saved; workflow rules
run (their field updates are written at once); after-save flows run, and
their writes to this or other records are saves of their own, nested in the
same transaction; scheduled paths and time triggers are queued. If any part
fails without a fault path, the whole transaction is rolled back, as the
platform does. At commit the connector hears which mapped fields changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from simulator.engine.flow_trigger import FlowTriggers
from simulator.engine.formula_context import FormulaCache, RecordContext
from simulator.engine.interview import FlowFault, Interview
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.engine.transaction import Transaction
from simulator.engine.workflow_rules import WorkflowRuleRunner
from simulator.salesforce.conditions import compare, evaluate_logic
from simulator.salesforce.model import (
    ActionCall,
    Conditions,
    RecordCreate,
    RecordUpdate,
    ValidationRule,
)

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "salesforce"
T = TypeVar("T")

# The default Lead Status of a new org (LeadStatus, IsDefault=true).
_DEFAULT_PICKLIST_VALUES = {("Lead", "Status"): "Open - Not Contacted"}


class SaveRefused(FlowFault):
    """A validation rule or the platform refused a save."""


class SalesforceRuntime:
    """Everything that happens on the Salesforce side of a run."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.formulas = FormulaCache()
        self.triggers = FlowTriggers(self)
        self.rules = WorkflowRuleRunner(self)
        self._validation: dict[str, list[ValidationRule]] = {}
        for rule in sim.model.validation_rules:
            if rule.active:
                self._validation.setdefault(rule.object, []).append(rule)
        self._transaction: Transaction | None = None
        self._depth = 0

    # Saves coming in

    def insert(
        self,
        object_name: str,
        fields: Mapping[str, object],
        cause: Cause,
        alias: str | None = None,
    ) -> Record | None:
        """Insert a record; None when the save was refused."""
        return self.in_transaction(
            cause, lambda: self.save(None, object_name, fields, cause, alias)
        )

    def update(
        self, record: Record, changes: Mapping[str, object], cause: Cause
    ) -> bool:
        """Update a record; False when the save was refused."""
        saved = self.in_transaction(
            cause, lambda: self.save(record, record.object, changes, cause)
        )
        return saved is not None

    def in_transaction(self, cause: Cause, work: Callable[[], T]) -> T | None:
        """Run ``work`` in the open transaction, or in a new one that commits."""
        if self._transaction is not None:
            return work()
        self._transaction = Transaction(actions_before=len(self.sim.trace.actions))
        try:
            result = work()
        except FlowFault as fault:
            self._rollback(fault, cause)
            return None
        transaction, self._transaction = self._transaction, None
        for key, names in transaction.touched.items():
            record = self.sim.records.get(key)
            self.sim.connector.salesforce_changed(record, names, cause)
        return result

    def _rollback(self, fault: FlowFault, cause: Cause) -> None:
        transaction, self._transaction = self._transaction, None
        assert transaction is not None
        transaction.rollback(self.sim)
        kind = "validation_failed" if isinstance(fault, SaveRefused) else "flow_fault"
        self.sim.finding(kind, None, f"save rolled back: {fault.message}", cause)

    # The save order

    def save(
        self,
        record: Record | None,
        object_name: str,
        changes: Mapping[str, object],
        cause: Cause,
        alias: str | None = None,
    ) -> Record:
        self._depth += 1
        try:
            if self._depth > self.sim.settings.max_save_depth:
                raise FlowFault(
                    f"maximum trigger depth exceeded saving {object_name}: "
                    "automation keeps updating records in one transaction"
                )
            return self._save(record, object_name, changes, cause, alias)
        finally:
            self._depth -= 1

    def _save(
        self,
        record: Record | None,
        object_name: str,
        changes: Mapping[str, object],
        cause: Cause,
        alias: str | None,
    ) -> Record:
        prior = dict(record.fields) if record is not None else None
        values = dict(prior or {})
        values.update(changes)
        if record is None:
            self._defaults(object_name, values)
        causes = dict.fromkeys(changes, cause)

        entered = len(self.sim.trace.enrolments)
        for flow in self.triggers.flows("before", object_name):
            if self.triggers.fires(flow, values, prior):
                self.triggers.run_before(flow, values, prior, record, cause, causes)

        self._validate(object_name, values, prior, cause)
        record = self._write(record, object_name, values, causes, cause, alias)
        self._claim_enrolments(entered, record)

        self.rules.run(record, prior, cause)
        for flow in self.triggers.flows("after", object_name):
            self.triggers.after_save(flow, record, prior, cause)
        return record

    def _claim_enrolments(self, since: int, record: Record) -> None:
        """Before-save flows of an insert ran before the record existed: name it."""
        enrolments = self.sim.trace.enrolments
        for index in range(since, len(enrolments)):
            when, key, name = enrolments[index]
            if not key:
                enrolments[index] = (when, record.key, name)

    def _defaults(self, object_name: str, values: dict[str, object]) -> None:
        values.setdefault("CreatedDate", self.sim.now)
        for (obj, field), default in _DEFAULT_PICKLIST_VALUES.items():
            picklist = self.sim.model.picklists.get((obj, field))
            if obj == object_name and values.get(field) in (None, ""):
                values[field] = (
                    picklist.default if picklist and picklist.default else default
                )

    def _validate(
        self,
        object_name: str,
        values: Mapping[str, object],
        prior: Mapping[str, object] | None,
        cause: Cause,
    ) -> None:
        context = RecordContext(self.sim.records, values, prior, self.sim.now)
        for rule in self._validation.get(object_name, ()):
            formula = self.formulas.get(
                rule.formula, file=rule.file, place="errorConditionFormula"
            )
            self.sim.hit(f"validation:{rule.object}.{rule.name}", "evaluated")
            if formula.evaluate(context) is True:
                self.sim.hit(f"validation:{rule.object}.{rule.name}", "blocked")
                raise SaveRefused(
                    f"validation rule {rule.object}.{rule.name} blocked the save: "
                    f"{rule.message}",
                    file=rule.file,
                )

    def _write(
        self,
        record: Record | None,
        object_name: str,
        values: dict[str, object],
        causes: Mapping[str, Cause],
        cause: Cause,
        alias: str | None,
    ) -> Record:
        transaction = self._open()
        values.pop("LastModifiedDate", None)
        if record is None:
            clean = {k: v for k, v in values.items() if v not in (None, "")}
            record = self.sim.create(LANE, object_name, clean, cause, alias)
            record.fields["Id"] = record.id
            record.fields["LastModifiedDate"] = self.sim.now
            transaction.created.append(record)
            transaction.touch(record, set(clean))
            return record
        changed = {
            name
            for name, value in values.items()
            if self.set(record, name, value, causes.get(name, cause))
        }
        transaction.touch(record, changed)
        self._stamp(record)
        return record

    def _stamp(self, record: Record) -> None:
        """Every save sets LastModifiedDate; it is kept out of the trace as noise."""
        transaction = self._open()
        transaction.remember(record, "LastModifiedDate")
        record.fields["LastModifiedDate"] = self.sim.now

    def set(self, record: Record, name: str, value: object, cause: Cause) -> bool:
        """Write one field inside the open transaction."""
        transaction = self._open()
        transaction.remember(record, name)
        if self.sim.set_field(record, name, value, cause):
            transaction.touch(record, {name})
            return True
        transaction.changes.pop()
        return False

    def queue(self, at: datetime, label: str, handler: Callable[[], None]) -> object:
        item = self.sim.schedule(at, label, handler)
        self._open().queued.append(item)
        return item

    def _open(self) -> Transaction:
        if self._transaction is None:
            raise RuntimeError("a Salesforce write happened outside a transaction")
        return self._transaction

    # What flow elements do to other records

    def run_action(self, interview: Interview, node: ActionCall, cause: Cause) -> None:
        record = interview.record
        if record is None:
            return
        if node.action_type == "emailSimple":
            subject = next(
                (
                    interview.value(i.value)
                    for i in node.inputs
                    if i.field == "emailSubject"
                ),
                None,
            )
            self.sim.action(
                "email", str(subject or node.label or node.name), record, cause
            )
        elif node.action_type == "emailAlert":
            self.sim.action("alert", node.action_name, record, cause)
        else:
            self.sim.action(
                "stub", f"{node.action_type} {node.action_name}", record, cause
            )

    def create_record(
        self, interview: Interview, node: RecordCreate, cause: Cause
    ) -> None:
        if node.input_reference:
            source = interview.resolve(node.input_reference)
            fields = dict(source) if isinstance(source, dict) else {}
        else:
            fields = {v.field: interview.value(v.value) for v in node.values}
        created = self.save(None, node.object or "", fields, cause)
        if created.object == "Task":
            self._task_action(created, interview.record, cause)
        if node.assign_id_to:
            interview.write(node.assign_id_to, created.id, cause)
        interview.variables[node.name] = created.id

    def _task_action(self, task: Record, fallback: Record | None, cause: Cause) -> None:
        owner = None
        for field in ("WhoId", "WhatId"):
            owner = owner or self.sim.records.by_id(LANE, task.fields.get(field))
        target = owner or fallback
        if target is not None:
            self.sim.action("task", str(task.fields.get("Subject", "")), target, cause)

    def update_records(
        self, interview: Interview, node: RecordUpdate, cause: Cause
    ) -> None:
        assignments = {v.field: interview.value(v.value) for v in node.values}
        if node.input_reference == "$Record":
            # "Update the triggering record only if it meets these conditions":
            # the filters select the records to update (META-FLOW FlowRecordUpdate).
            if self.matches(interview, interview.values, node.filters):
                self._update_triggering(interview, assignments, cause)
        elif node.input_reference:
            self._update_variable(interview, node.input_reference, assignments, cause)
        else:
            for target in self.query(interview, node.object or "", node.filters):
                self.save(target, target.object, assignments, cause)

    def _update_triggering(
        self, interview: Interview, assignments: Mapping[str, object], cause: Cause
    ) -> None:
        for field, value in assignments.items():
            interview.write(f"$Record.{field}", value, cause)
        record = interview.record
        if record is None or interview.before_save:
            return  # a before-save flow's $Record is what is about to be saved
        changes = {
            k: v for k, v in interview.values.items() if record.fields.get(k) != v
        }
        if changes:
            self.save(record, record.object, changes, cause)

    def _update_variable(
        self,
        interview: Interview,
        reference: str,
        assignments: Mapping[str, object],
        cause: Cause,
    ) -> None:
        held = interview.resolve(reference)
        rows = held if isinstance(held, list) else [held]
        for row in rows:
            if not isinstance(row, dict):
                continue
            target = self.sim.records.by_id(LANE, row.get("Id"))
            if target is None:
                raise FlowFault(f"{reference} holds no saved record to update")
            changes = {
                k: v
                for k, v in {**row, **assignments}.items()
                if target.fields.get(k) != v
            }
            self.save(target, target.object, changes, cause)

    def query(
        self, interview: Interview, object_name: str, filters: Conditions | None
    ) -> list[Record]:
        return [
            record
            for record in self.sim.records.of(LANE, object_name)
            if self.matches(interview, record.fields, filters)
        ]

    def matches(
        self,
        interview: Interview,
        fields: Mapping[str, object],
        filters: Conditions | None,
    ) -> bool:
        """Do a record's field values meet an element's record filters?"""
        if filters is None or not filters.items:
            return True
        return evaluate_logic(
            filters.logic,
            [
                compare(c.operator, fields.get(c.left), interview.value(c.right))
                for c in filters.items
            ],
        )
