"""Functions the compiler builds by hand: lazy ones, and ones that read the save.

IF, CASE, AND, OR, BLANKVALUE and NULLVALUE evaluate only the arguments they
need, so `IF(ISBLANK(x), 0, VALUE(x))` never calls VALUE on a blank. ISCHANGED
and PRIORVALUE take a field, not a value, and read it before and after the
save. ISNEW, TODAY and NOW read the context itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NoReturn, Protocol

from lark import Token, Tree

from simulator.formula.context import FormulaContext
from simulator.formula.operators import binary_operator
from simulator.formula.signature import Signature, collector
from simulator.formula.values import is_blank, same_value, truth

Evaluator = Callable[[FormulaContext], object]
Node = Tree[Token] | Token

SPECIAL_FORMS: list[Signature] = []
_form = collector(SPECIAL_FORMS)


class Builder(Protocol):
    """What a special form needs from the compiler."""

    blank_as_zero: bool

    def build(self, node: Node) -> Evaluator: ...

    def field_path(self, node: Node, function: str) -> tuple[str, ...]: ...

    def check_types(self, evaluator: Evaluator, node: Node) -> None: ...

    def fail(
        self,
        node: Node,
        message: str,
        *,
        expected: str | None = None,
        fix: str | None = None,
    ) -> NoReturn: ...


@_form("IF", "any", "any", "any")
def _if(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    condition, then, otherwise = (builder.build(arg) for arg in args)

    def holds(context: FormulaContext) -> bool:
        return truth(condition(context), "IF's condition")

    builder.check_types(holds, args[0])

    def run(context: FormulaContext) -> object:
        if holds(context):
            return then(context)
        return otherwise(context)

    return run


@_form("CASE", "any", "any", "any", "any", variadic="any")
def _case(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    if len(args) % 2:
        builder.fail(
            name,
            f"CASE needs a value to return when nothing matches, got {len(args)} "
            "arguments",
            expected="an even number of arguments",
            fix="add a last argument: CASE(expression, value1, result1, …, else)",
        )
    subject, *rest = (builder.build(arg) for arg in args)
    pairs = list(zip(rest[:-1:2], rest[1::2], strict=True))
    otherwise = rest[-1]
    equal = binary_operator("=", builder.blank_as_zero)

    def run(context: FormulaContext) -> object:
        value = subject(context)
        for candidate, result in pairs:
            if equal(value, candidate(context)):
                return result(context)
        return otherwise(context)

    return run


@_form("AND", "boolean", variadic="boolean")
def _and(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    return all_of([builder.build(arg) for arg in args], "AND")


@_form("OR", "boolean", variadic="boolean")
def _or(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    return any_of([builder.build(arg) for arg in args], "OR")


def all_of(parts: Sequence[Evaluator], where: str) -> Evaluator:
    """AND and &&: true when every part is, stopping at the first false one."""

    def run(context: FormulaContext) -> bool:
        return all(truth(part(context), where) for part in parts)

    return run


def any_of(parts: Sequence[Evaluator], where: str) -> Evaluator:
    """OR and ||: true when one part is, stopping at the first true one."""

    def run(context: FormulaContext) -> bool:
        return any(truth(part(context), where) for part in parts)

    return run


@_form("BLANKVALUE", "any", "any")
def _blankvalue(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    value, substitute = (builder.build(arg) for arg in args)

    def run(context: FormulaContext) -> object:
        result = value(context)
        return substitute(context) if is_blank(result) else result

    return run


@_form("NULLVALUE", "any", "any")
def _nullvalue(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    # Like ISNULL, only a true null is replaced; "" stays "" (see ISNULL).
    value, substitute = (builder.build(arg) for arg in args)

    def run(context: FormulaContext) -> object:
        result = value(context)
        return substitute(context) if result is None else result

    return run


@_form("ISCHANGED", "any")
def _ischanged(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    path = builder.field_path(args[0], "ISCHANGED")

    def run(context: FormulaContext) -> bool:
        # Always false on create (customize_functions_ischanged).
        if context.is_new:
            return False
        return not same_value(context.prior(path), context.value(path))

    return run


@_form("PRIORVALUE", "any")
def _priorvalue(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    path = builder.field_path(args[0], "PRIORVALUE")

    def run(context: FormulaContext) -> object:
        # On create PRIORVALUE is the current value, not null
        # (customize_functions_priorvalue).
        if context.is_new:
            return context.value(path)
        return context.prior(path)

    return run


@_form("ISNEW")
def _isnew(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    return lambda context: context.is_new


@_form("TODAY")
def _today(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    # The date in UTC; Salesforce uses the running user's time zone.
    return lambda context: context.now.date()


@_form("NOW")
def _now(builder: Builder, name: Token, args: Sequence[Node]) -> Evaluator:
    return lambda context: context.now
