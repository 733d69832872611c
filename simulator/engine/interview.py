"""A flow interview: one run of a flow's elements for one record, in memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from simulator.engine.faults import FlowFault, SaveRefused
from simulator.engine.flow_operators import apply_operator, sort_key, sort_records
from simulator.engine.formula_context import RecordContext, follow
from simulator.engine.trace import Cause, FinishedInterview
from simulator.salesforce.conditions import compare, evaluate_logic
from simulator.salesforce.model import (
    ActionCall,
    Assignment,
    AssignmentItem,
    CollectionFilter,
    CollectionSort,
    Condition,
    Conditions,
    CustomError,
    Decision,
    Flow,
    FlowNode,
    FlowValue,
    Literal,
    Loop,
    RecordCreate,
    RecordDelete,
    RecordLookup,
    RecordUpdate,
    Reference,
    Subflow,
    Transform,
    Unsupported,
)

if TYPE_CHECKING:
    from simulator.engine.records import Record
    from simulator.engine.salesforce import SalesforceRuntime

Values = dict[str, object]
_MERGE_FIELD = re.compile(r"\{!([^}]+)\}")
_GLOBAL_CONSTANTS: dict[str, object] = {
    "$GlobalConstant.True": True,
    "$GlobalConstant.False": False,
    "$GlobalConstant.EmptyString": "",
    "$GlobalConstant.Null": None,
}


__all__ = ["FlowFault", "Interview", "apply_operator"]

# Operators whose left side is a question about the interview, not a value.
_INTERVIEW_OPERATORS = ("WasVisited", "HasError", "WasSelected")
# Element kinds whose result a later element reads by the element's name.
_DATA = RecordUpdate | RecordCreate | RecordLookup | RecordDelete


class Interview:
    """Runs a flow's elements from one node, for one triggering record.

    ``values`` is ``$Record``: in a before-save flow it is the record being
    saved, so writing to it changes what is saved; in an after-save flow it
    is a copy, and only an Update Records element saves it.
    """

    def __init__(
        self,
        runtime: SalesforceRuntime,
        flow: Flow,
        values: Values,
        prior: Values | None,
        record: Record | None,
        cause: Cause,
        on_write: Callable[[str, Cause], None] | None = None,
        before_save: bool = False,
    ) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self.flow = flow
        self.values = values
        self.prior = prior
        self.record = record
        self.cause = cause
        self._on_write = on_write
        self.before_save = before_save
        self.variables: dict[str, object] = {}
        self.visited: set[str] = set()
        self.failed: set[str] = set()
        self._loops: dict[str, list[object]] = {}

    @property
    def definition(self) -> str:
        return f"flow:{self.flow.api_name}"

    def run(self, start: str | None) -> None:
        name = start
        for _ in range(self.sim.settings.max_steps):
            if name is None:
                self._finish()
                return
            node = self.flow.nodes.get(name)
            if node is None:
                raise FlowFault(
                    f"flow {self.flow.api_name!r} connects to {name!r}, "
                    "which is not one of its elements",
                    file=self.flow.file,
                )
            self.visited.add(name)
            self.sim.hit(self.definition, name)
            name = self._step(node)
        self.sim.finding(
            "flow_cycle",
            self.record,
            f"flow {self.flow.api_name!r} ran {self.sim.settings.max_steps} elements "
            "in one interview: its Go-To connectors form a cycle",
            self.cause,
        )

    def _finish(self) -> None:
        """Keep what the interview ended with, for flow test assertions."""
        if not self.sim.settings.trace_changes:
            return
        self.sim.trace.interviews.append(
            FinishedInterview(
                self.sim.now,
                self.record.key if self.record is not None else None,
                self.flow.api_name,
                {**self.variables, "$Record": dict(self.values)},
                frozenset(self.visited),
            )
        )

    def _step(self, node: FlowNode) -> str | None:
        cause = Cause(
            "flow",
            self.flow.label or self.flow.api_name,
            node.name,
            parent=self.cause.parent,
        )
        if isinstance(node, Decision):
            return self._decide(node)
        if isinstance(node, Assignment):
            for item in node.items:
                self._assign(item, cause)
            return node.next
        if isinstance(node, _DATA):
            return self._data(node, cause)
        if isinstance(node, ActionCall):
            return self._call(node, cause)
        if isinstance(node, Loop):
            return self._loop(node)
        if isinstance(node, CollectionFilter):
            self.variables[node.name] = self._filter(node)
        elif isinstance(node, CollectionSort):
            self.variables[node.name] = self._sort(node)
        elif isinstance(node, Transform):
            self.variables[node.name] = self._transform(node)
        elif isinstance(node, Subflow):
            self.runtime.elements.run_subflow(self, node, cause)
        elif isinstance(node, CustomError):
            self._custom_error(node, cause)
        elif isinstance(node, Unsupported):
            self._stub(node, cause)
        return node.next

    def _data(self, node: _DATA, cause: Cause) -> str | None:
        try:
            if isinstance(node, RecordUpdate):
                self.runtime.elements.update_records(self, node, cause)
            elif isinstance(node, RecordCreate):
                self.runtime.elements.create_record(self, node, cause)
            elif isinstance(node, RecordDelete):
                self.runtime.elements.delete_records(self, node, cause)
            else:
                self._lookup(node, cause)
        except FlowFault as fault:
            return self._fault(node.name, node.fault, fault)
        return node.next

    def _call(self, node: ActionCall, cause: Cause) -> str | None:
        try:
            self.runtime.elements.run_action(self, node, cause)
        except FlowFault as fault:
            return self._fault(node.name, node.fault, fault)
        return node.next

    def _fault(self, name: str, path: str | None, fault: FlowFault) -> str | None:
        """Take the fault connector, or let the fault end the transaction."""
        if path is None:
            raise fault
        self.failed.add(name)
        self.variables["$Flow.FaultMessage"] = fault.message
        return path

    # Decisions

    def _decide(self, node: Decision) -> str | None:
        """The first outcome whose conditions hold; each outcome's name then
        reads as whether it was taken (META-FLOW, FlowRule)."""
        for rule in node.rules:
            self.variables[rule.name] = False
        for rule in node.rules:
            if self.holds(rule.conditions) and not (
                rule.requires_change
                and self.prior is not None
                and self.holds(rule.conditions, use_prior=True)
            ):
                self.variables[rule.name] = True
                self._outcome(node, rule.name, rule.label)
                return rule.next
        self._outcome(node, "default", node.default_label)
        return node.next

    def _outcome(self, node: Decision, key: str, label: str) -> None:
        self.sim.hit(self.definition, f"{node.name}/{key}")
        self.sim.log(
            "salesforce",
            "decision",
            self.record,
            f"{node.label or node.name}: {label}",
            Cause("flow", self.flow.label, node.name, parent=self.cause.parent),
        )

    def holds(self, conditions: Conditions, use_prior: bool = False) -> bool:
        results = [self._condition(c, use_prior) for c in conditions.items]
        return evaluate_logic(conditions.logic, results)

    def _condition(self, condition: Condition, use_prior: bool) -> bool:
        left = condition.left
        if condition.operator in _INTERVIEW_OPERATORS:
            answer = {
                "WasVisited": left in self.visited,
                "HasError": left in self.failed,
                "WasSelected": False,  # a choice of a screen; screens never run
            }[condition.operator]
            return compare(condition.operator, answer, self.value(condition.right))
        if use_prior and left.startswith("$Record."):
            left = "$Record__Prior." + left[len("$Record.") :]
        prior_ref = (
            "$Record__Prior." + left[8:] if left.startswith("$Record.") else None
        )
        prior = (
            self.resolve(prior_ref) if prior_ref and self.prior is not None else None
        )
        return compare(
            condition.operator,
            self.resolve(left),
            self.value(condition.right),
            prior=prior,
            is_new=self.prior is None,
        )

    # Assignments

    def _assign(self, item: AssignmentItem, cause: Cause) -> None:
        current = self.resolve(item.target)
        resource = self.flow.resources.get(item.target)
        if current is None and resource is not None and resource.is_collection:
            current = []
        value = self.value(item.value)
        if isinstance(value, dict) and item.operator == "Add":
            value = dict(value)  # a record added to a collection is a copy
        self.write(item.target, apply_operator(item.operator, current, value), cause)

    def write(self, target: str, value: object, cause: Cause) -> None:
        if target.startswith("$Record."):
            field = target[len("$Record.") :]
            self.values[field] = value
            if self._on_write is not None:
                self._on_write(field, cause)
            return
        head, _, field = target.partition(".")
        holder = self.variables.get(head)
        resource = self.flow.resources.get(head)
        if field and holder is None and _is_record(resource):
            holder = self.variables[head] = {}
        if field and isinstance(holder, dict):
            holder[field] = value
        else:
            self.variables[target] = value

    # Values

    def value(self, value: FlowValue | None) -> object:
        if value is None:
            return None
        if isinstance(value, Literal):
            return value.value
        return self.resolve(value.path)

    def resolve(self, reference: str) -> object:
        if reference in _GLOBAL_CONSTANTS:
            return _GLOBAL_CONSTANTS[reference]
        if reference == "$Record":
            return self.values
        if reference.startswith("$Record."):
            return follow(
                self.sim.records, self.values, tuple(reference[8:].split("."))
            )
        if reference.startswith("$Record__Prior."):
            if self.prior is None:
                return None
            return follow(
                self.sim.records, self.prior, tuple(reference[15:].split("."))
            )
        if reference.startswith("$Flow."):
            return self._flow_global(reference)
        return self._resource(reference)

    def _flow_global(self, reference: str) -> object:
        if reference == "$Flow.CurrentDate":
            return self.sim.now.date()
        if reference in ("$Flow.CurrentDateTime", "$Flow.InterviewStartTime"):
            return self.sim.now
        return self.variables.get(reference)

    def _resource(self, reference: str) -> object:
        head, _, rest = reference.partition(".")
        if head in self.variables or head not in self.flow.resources:
            holder = self.variables.get(head)
            if rest and isinstance(holder, dict):
                return follow(self.sim.records, holder, tuple(rest.split(".")))
            if reference in self.variables or not rest:
                return self.variables.get(reference)
            return None
        resource = self.flow.resources[head]
        if resource.kind == "formula" and resource.expression is not None:
            return self._formula(resource.expression, head)
        if resource.kind == "textTemplate" and resource.expression is not None:
            return self.merge(resource.expression)
        value = self.value(resource.value)
        if resource.kind == "variable":
            self.variables[head] = value
        return value

    def _formula(self, expression: str, name: str) -> object:
        formula = self.runtime.formulas.get(
            expression, file=self.flow.file, place=f"formulas[{name}]"
        )
        context = RecordContext(
            self.sim.records,
            self.values,
            self.prior,
            self.sim.now,
            variables=self.resolve,
        )
        return formula.evaluate(context)

    def merge(self, text: str) -> str:
        """Fill ``{!reference}`` merge fields in a text template."""

        def one(match: re.Match[str]) -> str:
            value = self.resolve(match.group(1).strip())
            return "" if value is None else str(value)

        return _MERGE_FIELD.sub(one, text)

    # Reads

    def _lookup(self, node: RecordLookup, cause: Cause) -> None:
        found = self.runtime.elements.query(self, node.object, node.filters)
        if node.sort_field:
            found.sort(
                key=lambda r: sort_key(r.fields.get(node.sort_field or "")),
                reverse=(node.sort_order or "").lower() == "desc",
            )
        copies = [dict(r.fields, Id=r.id) for r in found]
        target = node.output_reference or node.name
        if node.first_only:
            self.variables[target] = copies[0] if copies else None
        else:
            self.variables[target] = copies
        # outputAssignments copy fields of the first record found into variables
        # (META-FLOW FlowRecordLookup); with none found the variables are kept.
        for item in node.output_assignments if copies else ():
            field = item.value.path if isinstance(item.value, Reference) else ""
            self.write(item.target, copies[0].get(field), cause)

    def _stub(self, node: Unsupported, cause: Cause) -> None:
        self.runtime.elements.stub(self, node.kind, node.name, cause)

    # Loops and collections

    def _loop(self, node: Loop) -> str | None:
        """One pass of a loop: the next item to the body, or out when done."""
        if node.name not in self._loops:
            held = self.resolve(node.collection)
            items = list(held) if isinstance(held, list | tuple) else []
            self._loops[node.name] = items[::-1] if node.descending else items
        remaining = self._loops[node.name]
        if not remaining or node.body is None:
            del self._loops[node.name]
            self.sim.hit(self.definition, f"{node.name}/done")
            return node.next
        item = remaining.pop(0)
        # The loop variable holds a copy: changing it leaves the collection be.
        current = dict(item) if isinstance(item, dict) else item
        self.variables[node.name] = current
        if node.variable:
            self.variables[node.variable] = current
        self.sim.hit(self.definition, f"{node.name}/item")
        return node.body

    def _filter(self, node: CollectionFilter) -> list[object]:
        held = self.resolve(node.collection)
        kept = []
        for item in held if isinstance(held, list) else []:
            self.variables[node.item] = item
            if node.formula:
                if self._formula(node.formula, node.name) is True:
                    kept.append(item)
            elif node.conditions is None or self.holds(node.conditions):
                kept.append(item)
        self.variables.pop(node.item, None)
        return kept

    def _sort(self, node: CollectionSort) -> list[object]:
        held = self.resolve(node.collection)
        items = held if isinstance(held, list) else []
        rows = [row for row in items if isinstance(row, dict)]
        ordered: list[object] = list(sort_records(rows, node.keys))
        return ordered[: node.limit] if node.limit is not None else ordered

    def _transform(self, node: Transform) -> object:
        row = {value.field: self.value(value.value) for value in node.values}
        return [row] if node.is_collection else row

    def _custom_error(self, node: CustomError, cause: Cause) -> None:
        """A custom error refuses the save, as a validation rule does."""
        self.sim.hit(self.definition, f"{node.name}/error")
        raise SaveRefused(
            f"custom error {node.name!r} of flow {self.flow.api_name!r} "
            f"blocked the save: {node.message}",
            file=self.flow.file,
        )

    def object_of(self, reference: str) -> str | None:
        """The object a record resource or element output holds."""
        node = self.flow.nodes.get(reference)
        if isinstance(node, Transform):
            return node.object_type
        if isinstance(node, RecordLookup):
            return node.object
        resource = self.flow.resources.get(reference.partition(".")[0])
        return resource.object_type if resource is not None else None


def _is_record(resource: object) -> bool:
    """A single record variable (dataType SObject), which holds fields."""
    data_type = getattr(resource, "data_type", None) or ""
    return data_type.lower() == "sobject" and not getattr(
        resource, "is_collection", False
    )
