"""What a name in a formula reads: a record field, its prior value, a flow resource."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from simulator.formula.context import FormulaContext

Evaluator = Callable[[FormulaContext], object]


class Scope(enum.Enum):
    """Where a reference reads from."""

    FIELD = "field"
    PRIOR = "prior"
    VARIABLE = "variable"


@dataclass(frozen=True)
class Reference:
    """A name as written, and the record path or resource it stands for."""

    name: str
    scope: Scope
    path: tuple[str, ...] = ()

    def reader(self) -> Evaluator:
        """A closure that reads the reference from a context."""
        path, name = self.path, self.name
        if self.scope is Scope.FIELD:
            return lambda context: context.value(path)
        if self.scope is Scope.PRIOR:
            # $Record__Prior is null on create: there is no prior version.
            return lambda context: None if context.is_new else context.prior(path)
        return lambda context: context.variable(name)


def resolve(name: str, *, merge_field: bool) -> Reference:
    """What `name` reads; `merge_field` when it was written inside `{!…}`.

    `$Record.X` and a plain `X` are the same field (flows write the first,
    validation and workflow rules the second). `$Record__Prior.X` is X before
    the save. Any other `$Global.X`, and any other name inside `{!…}`, is a
    flow resource or global the context provides. `$Record` alone resolves to
    an empty path, which the compiler refuses.
    """
    head, *rest = name.split(".")
    scope = head.lower()
    if scope == "$record":
        return Reference(name, Scope.FIELD, tuple(rest))
    if scope == "$record__prior":
        return Reference(name, Scope.PRIOR, tuple(rest))
    if merge_field or head.startswith("$"):
        return Reference(name, Scope.VARIABLE)
    return Reference(name, Scope.FIELD, (head, *rest))
