"""How a function is declared: its name, the kinds of its arguments, its body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from simulator.formula.values import (
    TypeProblem,
    as_text,
    describe,
    is_date,
    is_datetime,
    is_number,
    truth,
)

Kind = Literal["any", "text", "number", "date", "temporal", "boolean"]
Check = Callable[[object], object]

# Arguments of these kinds make the whole call null when they are null, the
# way arithmetic does under "Treat blank fields as blanks".
NULL_PROPAGATING: frozenset[Kind] = frozenset({"number", "date", "temporal"})


@dataclass(frozen=True)
class Signature:
    """A function: `params` are required kinds, the last `optional` may be left out."""

    name: str
    params: tuple[Kind, ...]
    body: Callable[..., object]
    optional: int = 0
    variadic: Kind | None = None

    @property
    def min_args(self) -> int:
        return len(self.params) - self.optional

    @property
    def max_args(self) -> int | None:
        return None if self.variadic else len(self.params)

    def kind(self, index: int) -> Kind:
        if index < len(self.params):
            return self.params[index]
        return self.variadic or "any"

    def arity(self) -> str:
        """How many arguments it takes, in words: "2 or 3 arguments"."""
        low, high = self.min_args, self.max_args
        noun = "argument" if (high or low) == 1 and high is not None else "arguments"
        if high is None:
            return f"{low} or more {noun}"
        if low == high:
            return f"{low} {noun}" if low else "no arguments"
        between = " or " if high == low + 1 else " to "
        return f"{low}{between}{high} {noun}"


def collector(
    into: list[Signature],
) -> Callable[..., Callable[[Callable[..., object]], Callable[..., object]]]:
    """A decorator that declares a function and appends its Signature to `into`."""

    def declare(
        name: str,
        *params: Kind,
        optional: int = 0,
        variadic: Kind | None = None,
    ) -> Callable[[Callable[..., object]], Callable[..., object]]:
        def register(body: Callable[..., object]) -> Callable[..., object]:
            into.append(Signature(name, params, body, optional, variadic))
            return body

        return register

    return declare


def check_for(kind: Kind, where: str, blank_as_zero: bool) -> Check | None:
    """What an argument of `kind` goes through before the body sees it.

    None means the value is passed as it is. A null Number becomes 0 when
    blanks are treated as zeroes; otherwise it stays null and the call is null.
    """
    if kind == "any":
        return None
    if kind == "text":
        return lambda value: as_text(value, where)
    if kind == "boolean":
        return lambda value: truth(value, where)
    if kind == "number":
        return _number_check(where, blank_as_zero)
    return _date_check(where, allow_datetime=kind == "temporal")


def _number_check(where: str, blank_as_zero: bool) -> Check:
    blank = 0 if blank_as_zero else None

    def check(value: object) -> object:
        if value is None:
            return blank
        if is_number(value):
            return value
        fix = "convert it with VALUE()" if isinstance(value, str) else None
        raise TypeProblem(f"{where} needs a Number, got {describe(value)}", fix=fix)

    return check


def _date_check(where: str, *, allow_datetime: bool) -> Check:
    def check(value: object) -> object:
        if value is None or is_date(value):
            return value
        if is_datetime(value):
            if allow_datetime:
                return value
            raise TypeProblem(
                f"{where} needs a Date, got {describe(value)}",
                fix="convert it with DATEVALUE()",
            )
        raise TypeProblem(f"{where} needs a Date, got {describe(value)}")

    return check
