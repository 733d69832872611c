"""Salesforce: every insert and update runs the order of execution on save.

For one save (the steps of the order of execution in brackets): the new
values are loaded and the stage of an opportunity sets its probability [2];
before-save flows in trigger order change the record in memory [3]; system
validation and custom validation rules may refuse it [5]; the record is
saved [7]; workflow rules run, and their field updates save the record once
more, checked by system validation again, without running flows, processes
or validation rules again [11]; Process Builder processes run [13];
after-save flows run [14], and their writes to this or other records are
saves of their own, nested in the same transaction; scheduled paths and time
triggers are queued. If any part fails without a fault path, the whole
transaction is rolled back, as the platform does. At commit the "run
asynchronously" paths run and the connector hears which mapped fields
changed [20].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from simulator.engine.faults import FlowFault, SaveRefused
from simulator.engine.flow_elements import FlowElements
from simulator.engine.flow_trigger import FlowTriggers
from simulator.engine.formula_context import FormulaCache, RecordContext
from simulator.engine.lead_conversion import LeadConverter
from simulator.engine.opportunity_stages import STAGE_FIELD, derive_stage_fields
from simulator.engine.process_builder import ProcessRunner
from simulator.engine.records import Record
from simulator.engine.system_validation import check_system_validation
from simulator.engine.trace import Cause
from simulator.engine.transaction import Transaction
from simulator.engine.workflow_rules import WorkflowRuleRunner
from simulator.salesforce.model import ValidationRule

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "salesforce"
T = TypeVar("T")

# The default Lead Status of a new org (LeadStatus, IsDefault=true).
_DEFAULT_PICKLIST_VALUES = {("Lead", "Status"): "Open - Not Contacted"}


__all__ = ["SalesforceRuntime", "SaveRefused"]


class SalesforceRuntime:
    """Everything that happens on the Salesforce side of a run."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.formulas = FormulaCache()
        self.triggers = FlowTriggers(self)
        self.rules = WorkflowRuleRunner(self)
        self.processes = ProcessRunner(self)
        self.elements = FlowElements(self)
        self.converter = LeadConverter(self)
        # Lead conversion without "Require Validation for Converted Leads"
        # saves without custom validation rules.
        self.validation_rules_on = True
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
        for after in transaction.after_commit:
            after()  # step 20: "run asynchronously" paths, each its own transaction
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
        self._stage(object_name, values, prior, changes, causes, cause)

        entered = len(self.sim.trace.enrolments), len(self.sim.trace.interviews)
        staged = values.get(STAGE_FIELD)
        for flow in self.triggers.flows("before", object_name):
            if self.triggers.fires(flow, values, prior):
                self.triggers.run_before(flow, values, prior, record, cause, causes)
        if values.get(STAGE_FIELD) != staged:
            self._stage(object_name, values, prior, changes, causes, cause)

        check_system_validation(self.sim.model, object_name, values)
        self._validate(object_name, values, prior, cause)
        record = self._write(record, object_name, values, causes, cause, alias)
        self._claim_enrolments(entered, record)

        saved = dict(record.fields)
        updated = self.rules.run(record, prior, cause)
        if updated:
            self._after_field_updates(record, saved, updated, cause)
        self.processes.run(record, prior, cause)
        for flow in self.triggers.flows("after", object_name):
            self.triggers.after_save(flow, record, prior, cause)
        return record

    def _stage(
        self,
        object_name: str,
        values: dict[str, object],
        prior: Mapping[str, object] | None,
        written: Mapping[str, object],
        causes: dict[str, Cause],
        cause: Cause,
    ) -> None:
        """An opportunity's stage sets its probability, forecast category and
        closed and won flags (opportunity_stages)."""
        if object_name != "Opportunity":
            return
        picklist = self.sim.model.picklists.get(("Opportunity", STAGE_FIELD))
        keep = self.sim.settings.stage_change_probability == "keep_manual"
        stage_cause = Cause("system", f"stage {values.get(STAGE_FIELD)}", parent=cause)
        for name in derive_stage_fields(
            values, prior, written, picklist, keep_manual_probability=keep
        ):
            causes[name] = stage_cause

    def _after_field_updates(
        self,
        record: Record,
        saved: Mapping[str, object],
        updated: set[str],
        cause: Cause,
    ) -> None:
        """Workflow field updates save the record once more (step 11).

        The stage fields follow a new StageName, and system validation runs
        again; "custom validation rules, flows, duplicate rules, processes,
        and escalation rules are not run again". Apex before and after update
        triggers would run once more; revsim runs no Apex.
        """
        if STAGE_FIELD in updated and record.object == "Opportunity":
            values = dict(record.fields)
            causes: dict[str, Cause] = {}
            self._stage(record.object, values, saved, {}, causes, cause)
            for name, stage_cause in causes.items():
                self.set(record, name, values[name], stage_cause)
        check_system_validation(self.sim.model, record.object, record.fields)
        self.sim.log(
            LANE,
            "re-saved",
            record,
            f"workflow field updates ({', '.join(sorted(updated))}) saved the "
            "record again: system validation ran again; flows, processes and "
            "validation rules do not run again (Apex triggers would)",
            cause,
        )

    def _claim_enrolments(self, since: tuple[int, int], record: Record) -> None:
        """Before-save flows of an insert ran before the record existed: name it."""
        enrolments = self.sim.trace.enrolments
        for index in range(since[0], len(enrolments)):
            when, key, name = enrolments[index]
            if not key:
                enrolments[index] = (when, record.key, name)
        interviews = self.sim.trace.interviews
        for index in range(since[1], len(interviews)):
            if interviews[index].record is None:
                interviews[index] = replace(interviews[index], record=record.key)

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
        if not self.validation_rules_on:
            return
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
            record.origins.update(
                (name, causes[name])
                for name in clean
                if name in causes and causes[name] is not cause
            )
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

    def transaction(self) -> Transaction:
        """The open transaction; every Salesforce write happens inside one."""
        return self._open()

    def _open(self) -> Transaction:
        if self._transaction is None:
            raise RuntimeError("a Salesforce write happened outside a transaction")
        return self._transaction

    # Deletes

    def delete(self, record: Record, cause: Cause) -> None:
        """Delete a record: before-delete flows, then the delete itself.

        Flows configured to run before a record is deleted see it as $Record;
        workflow rules and after-save flows do not run on a delete (shared
        reference salesforce.md (c), "Deletes").
        """
        for flow in self.triggers.flows("before_delete", record.object):
            self.triggers.before_delete(flow, record, cause)
        transaction = self._open()
        self.sim.records.delete(record)
        transaction.deleted.append(record)
        transaction.touch(record, set())
        self.sim.log(LANE, "deleted", record, f"{record.label()} deleted", cause)
