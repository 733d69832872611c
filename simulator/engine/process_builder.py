"""Process Builder processes: record change processes at step 13 of a save.

A process (processType Workflow) keeps its object and trigger in
processMetadataValues; its criteria are decisions named ``myDecision``,
``myDecision2``…, each with one rule ``myRule_N`` whose conditions compare
``myVariable_current`` (the record as saved) with values, or with
``myVariable_old`` (the record before the save; null on create). The chain
of decisions runs as a flow interview from ``startElementReference``.

Processes run after workflow rules and before after-save flows (order of
execution, step 13, "in no guaranteed order" among themselves: revsim runs
them by API name). A process evaluates a record once per transaction unless
it allows re-evaluation, then "up to five more times" (help:
process_advanced_considerations).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from simulator.engine.interview import Interview
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.salesforce.model import Flow

if TYPE_CHECKING:
    from simulator.engine.salesforce import SalesforceRuntime

# A process that allows re-evaluation runs at most this many times for one
# record in one transaction: once, then up to five more.
MAX_PROCESS_EVALUATIONS = 6


class ProcessRunner:
    """Runs the active record change processes of an object after a save."""

    def __init__(self, runtime: SalesforceRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    def run(
        self, record: Record, prior: Mapping[str, object] | None, cause: Cause
    ) -> None:
        for process in self.runtime.triggers.flows("process", record.object):
            values = dict(record.fields)
            if not self.runtime.triggers.fires(process, values, prior):
                continue
            if not self._may_evaluate(process, record):
                continue
            self._evaluate(process, record, values, prior, cause)

    def _may_evaluate(self, process: Flow, record: Record) -> bool:
        """Once per record per transaction, or six times with re-evaluation."""
        transaction = self.runtime.transaction()
        key = (process.api_name, record.key)
        count = transaction.evaluations.get(key, 0)
        assert process.trigger is not None
        limit = MAX_PROCESS_EVALUATIONS if process.trigger.reevaluates else 1
        if count >= limit:
            self.sim.log(
                "salesforce",
                "skipped",
                record,
                f"process {process.label!r} already evaluated this record "
                f"{count} time{'s' if count > 1 else ''} in this transaction",
                Cause("process", process.label or process.api_name),
            )
            return False
        transaction.evaluations[key] = count + 1
        return True

    def _evaluate(
        self,
        process: Flow,
        record: Record,
        values: dict[str, object],
        prior: Mapping[str, object] | None,
        cause: Cause,
    ) -> None:
        trigger = process.trigger
        assert trigger is not None
        process_cause = Cause(
            "process", process.label or process.api_name, parent=cause
        )
        self.sim.hit(f"flow:{process.api_name}", "start")
        self.sim.enrolled(record, process.label or process.api_name, process_cause)
        old = dict(prior) if prior is not None else None
        interview = Interview(self.runtime, process, values, old, record, process_cause)
        interview.variables[trigger.record_variable or "myVariable_current"] = values
        interview.variables[trigger.prior_variable or "myVariable_old"] = old
        interview.run(process.start)
