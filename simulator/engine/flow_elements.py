"""What flow elements do outside the interview: records, actions and subflows.

Create, Update and Delete Records write other records, each write a save (or
a delete) of its own that runs that record's order of execution, nested in
the same transaction (META-FLOW; order of execution, step 13: "when a
process or flow executes a DML operation, the affected record goes through
the save procedure"). Get Records reads them. Email actions are recorded;
a subflow that is in the model runs inline; every other action is a stub,
whose outcome the scenario may set (simulator/engine/stubs.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from simulator.engine.faults import FlowFault
from simulator.engine.interview import Interview
from simulator.engine.records import Record
from simulator.engine.stubs import find_stub
from simulator.engine.trace import Cause
from simulator.salesforce.conditions import compare, evaluate_logic
from simulator.salesforce.model import (
    ActionCall,
    ActionOutput,
    Conditions,
    Flow,
    RecordCreate,
    RecordDelete,
    RecordUpdate,
    Subflow,
)

if TYPE_CHECKING:
    from simulator.engine.salesforce import SalesforceRuntime

LANE = "salesforce"
# How deep subflows may call subflows before revsim calls it a loop.
MAX_SUBFLOW_DEPTH = 10


class FlowElements:
    """The effects of flow elements on the run, for one Salesforce runtime."""

    def __init__(self, runtime: SalesforceRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self._flows = {flow.api_name: flow for flow in self.sim.model.flows}
        self._subflow_depth = 0

    # Actions

    def run_action(self, interview: Interview, node: ActionCall, cause: Cause) -> None:
        if node.action_type == "flow" and node.action_name in self._flows:
            inputs = {i.field: interview.value(i.value) for i in node.inputs}
            ran = self._run_flow(interview, node.action_name, inputs, cause)
            self._outputs(interview, node.name, node.outputs, node.store_outputs, ran)
            return
        record = interview.record
        if node.action_type == "emailSimple":
            subject = next(
                (
                    interview.value(i.value)
                    for i in node.inputs
                    if i.field == "emailSubject"
                ),
                None,
            )
            if record is not None:
                self.sim.action(
                    "email", str(subject or node.label or node.name), record, cause
                )
        elif node.action_type == "emailAlert":
            if record is not None:
                self.sim.action("alert", node.action_name, record, cause)
        else:
            outputs = self.stub(interview, node.action_type, node.action_name, cause)
            self._outputs(
                interview, node.name, node.outputs, node.store_outputs, outputs
            )

    def stub(
        self, interview: Interview, kind: str, name: str, cause: Cause
    ) -> Mapping[str, object]:
        """Record a stub; apply the scenario's outcome for it; its outputs."""
        record = interview.record
        if record is not None:
            self.sim.action("stub", f"{kind} {name}", record, cause)
        flow = interview.flow
        stub = find_stub(
            getattr(self.sim, "stubs", ()), kind, name, (flow.api_name, flow.label)
        )
        if stub is None:
            return {}
        for field, value in stub.set.items():
            interview.write(f"$Record.{field}", value, cause)
        if stub.set and record is not None and not interview.before_save:
            changes = {k: v for k, v in stub.set.items() if record.fields.get(k) != v}
            if changes:
                self.runtime.save(record, record.object, changes, cause)
        return stub.outputs

    def _outputs(
        self,
        interview: Interview,
        element: str,
        outputs: tuple[ActionOutput, ...],
        automatic: bool,
        values: Mapping[str, object],
    ) -> None:
        for output in outputs:
            interview.write(output.target, values.get(output.name), interview.cause)
        if automatic:
            interview.variables[element] = dict(values)

    # Subflows

    def run_subflow(self, interview: Interview, node: Subflow, cause: Cause) -> None:
        inputs = {i.field: interview.value(i.value) for i in node.inputs}
        outputs: Mapping[str, object]
        if node.flow_name not in self._flows:
            outputs = self.stub(interview, "subflow", node.flow_name, cause)
        else:
            outputs = self._run_flow(interview, node.flow_name, inputs, cause)
        self._outputs(interview, node.name, node.outputs, node.store_outputs, outputs)

    def _run_flow(
        self,
        caller: Interview,
        name: str,
        inputs: Mapping[str, object],
        cause: Cause,
    ) -> dict[str, object]:
        """Run the flow ``name`` inline; the values of its output variables."""
        flow = self._flows[name]
        if self._subflow_depth >= MAX_SUBFLOW_DEPTH:
            raise FlowFault(
                f"subflow {name!r} is nested more than {MAX_SUBFLOW_DEPTH} deep: "
                "the flows call each other in a loop"
            )
        self.sim.hit(f"flow:{flow.api_name}", "start")
        sub_cause = Cause("flow", flow.label or flow.api_name, parent=cause)
        sub = Interview(self.runtime, flow, {}, None, caller.record, sub_cause)
        sub.variables.update(inputs)
        self._subflow_depth += 1
        try:
            sub.run(flow.start)
        finally:
            self._subflow_depth -= 1
        return _outputs_of(flow, sub)

    # Records

    def create_record(
        self, interview: Interview, node: RecordCreate, cause: Cause
    ) -> None:
        if node.input_reference:
            source = interview.resolve(node.input_reference)
            object_name = node.object or interview.object_of(node.input_reference)
        else:
            source = {v.field: interview.value(v.value) for v in node.values}
            object_name = node.object
        if not object_name:
            raise FlowFault(f"{node.name}: cannot tell which object to create")
        rows = source if isinstance(source, list) else [source]
        created = [
            self._create(interview, object_name, dict(row), cause)
            for row in rows
            if isinstance(row, dict)
        ]
        ids: object = [record.id for record in created]
        if not isinstance(source, list):
            ids = created[0].id if created else None
        if node.assign_id_to:
            interview.write(node.assign_id_to, ids, cause)
        interview.variables[node.name] = ids

    def _create(
        self,
        interview: Interview,
        object_name: str,
        fields: dict[str, object],
        cause: Cause,
    ) -> Record:
        fields.pop("Id", None)
        created = self.runtime.save(None, object_name, fields, cause)
        if created.object == "Task":
            self._task_action(created, interview.record, cause)
        return created

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
                self.runtime.save(target, target.object, assignments, cause)

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
            self.runtime.save(record, record.object, changes, cause)

    def _update_variable(
        self,
        interview: Interview,
        reference: str,
        assignments: Mapping[str, object],
        cause: Cause,
    ) -> None:
        for row, target in self._held_records(interview, reference):
            changes = {
                k: v
                for k, v in {**row, **assignments}.items()
                if target.fields.get(k) != v
            }
            self.runtime.save(target, target.object, changes, cause)

    def delete_records(
        self, interview: Interview, node: RecordDelete, cause: Cause
    ) -> None:
        if node.input_reference:
            targets = [
                t for _, t in self._held_records(interview, node.input_reference)
            ]
        else:
            targets = self.query(interview, node.object or "", node.filters)
        for target in targets:
            self.runtime.delete(target, cause)

    def _held_records(
        self, interview: Interview, reference: str
    ) -> list[tuple[dict[str, object], Record]]:
        """The saved records a record or collection variable holds."""
        held = interview.resolve(reference)
        rows = held if isinstance(held, list) else [held]
        found = []
        for row in rows:
            if not isinstance(row, dict):
                continue
            target = self.sim.records.by_id(LANE, row.get("Id"))
            if target is None:
                raise FlowFault(f"{reference} holds no saved record")
            found.append((row, target))
        return found

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


def _outputs_of(flow: Flow, interview: Interview) -> dict[str, object]:
    """A finished subflow's variables by name; the caller reads its outputs."""
    names = [
        resource.name
        for resource in flow.resources.values()
        if resource.kind == "variable"
    ]
    return {name: interview.resolve(name) for name in names}
