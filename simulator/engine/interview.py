"""A flow interview: one run of a flow's elements for one record, in memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from simulator.engine.formula_context import RecordContext, follow
from simulator.engine.trace import Cause
from simulator.errors import RevsimError
from simulator.salesforce.conditions import compare, evaluate_logic
from simulator.salesforce.model import (
    ActionCall,
    Assignment,
    AssignmentItem,
    Condition,
    Conditions,
    Decision,
    Flow,
    FlowNode,
    FlowValue,
    Literal,
    RecordCreate,
    RecordLookup,
    RecordUpdate,
    Reference,
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


class FlowFault(RevsimError):
    """An element failed (a save was refused); the fault path, if any, is taken."""


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

    @property
    def definition(self) -> str:
        return f"flow:{self.flow.api_name}"

    def run(self, start: str | None) -> None:
        name = start
        for _ in range(self.sim.settings.max_steps):
            if name is None:
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
        if isinstance(node, RecordUpdate | RecordCreate | RecordLookup):
            return self._data(node, cause)
        if isinstance(node, ActionCall):
            self.runtime.run_action(self, node, cause)
            return node.next
        if isinstance(node, Unsupported):
            self._stub(node, cause)
            return node.next
        return node.next

    def _data(
        self, node: RecordUpdate | RecordCreate | RecordLookup, cause: Cause
    ) -> str | None:
        try:
            if isinstance(node, RecordUpdate):
                self.runtime.update_records(self, node, cause)
            elif isinstance(node, RecordCreate):
                self.runtime.create_record(self, node, cause)
            else:
                self._lookup(node, cause)
        except FlowFault as fault:
            if node.fault is None:
                raise
            self.variables["$Flow.FaultMessage"] = fault.message
            return node.fault
        return node.next

    # Decisions

    def _decide(self, node: Decision) -> str | None:
        for rule in node.rules:
            if self.holds(rule.conditions) and not (
                rule.requires_change
                and self.prior is not None
                and self.holds(rule.conditions, use_prior=True)
            ):
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
        value = self.value(item.value)
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
                return holder.get(rest)
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
        found = self.runtime.query(self, node.object, node.filters)
        if node.sort_field:
            found.sort(
                key=lambda r: _sort_key(r.fields.get(node.sort_field or "")),
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
        if self.record is not None:
            self.sim.action("stub", f"{node.kind} {node.name}", self.record, cause)


def apply_operator(operator: str, current: object, value: object) -> object:
    """An assignment operator as Flow Builder defines it."""
    if operator == "Assign":
        return value
    if operator == "Add":
        return _add(current, value)
    if operator == "Subtract":
        return _add(current, _negate(value))
    if operator == "AssignCount":
        return (
            len(value) if isinstance(value, list | tuple) else 0 if value is None else 1
        )
    if operator == "AddItem":
        items = [i for i in str(current or "").split(";") if i]
        return ";".join([*items, str(value)])
    raise FlowFault(f"assignment operator {operator!r} is not simulated")


def _add(current: object, value: object) -> object:
    if isinstance(current, list):
        return [*current, value]
    if isinstance(current, str) or isinstance(value, str):
        return f"{current or ''}{value or ''}"
    if isinstance(current, datetime | date) and isinstance(value, int | float):
        return current + timedelta(days=value)
    if isinstance(current, int | float) or isinstance(value, int | float):
        total = (current or 0) + (value or 0)  # type: ignore[operator]
        return total
    return value if current is None else current


def _negate(value: object) -> object:
    return -value if isinstance(value, int | float) else value


def _sort_key(value: object) -> tuple[int, float, str]:
    """Blanks first, then numbers by size, then everything else as text."""
    if value is None:
        return (0, 0.0, "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (1, float(value), "")
    return (2, 0.0, str(value))
