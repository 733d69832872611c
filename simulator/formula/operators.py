"""The binary operators, with Salesforce's rules for types and blank values.

Each operator is a plain function of two values. `binary_operator` picks one
by symbol when the formula is compiled, wrapped for "Treat blank fields as
zeroes" when asked, so evaluation never looks the symbol up again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from simulator.formula.dates import add_days, days_between
from simulator.formula.values import (
    EvaluationProblem,
    Number,
    TypeProblem,
    as_text,
    describe,
    is_date,
    is_datetime,
    is_number,
    same_value,
    type_name,
)

Operator = Callable[[object, object], object]


def binary_operator(symbol: str, blank_as_zero: bool) -> Operator:
    """The function behind `symbol`; with blank_as_zero, nulls become 0 or ""."""
    function = _OPERATORS[symbol]
    return _zero_blanks(function) if blank_as_zero else function


def _zero_blanks(function: Operator) -> Operator:
    # "Treat blank fields as zeroes": a blank number is 0, a blank text "".
    # Values carry no declared type, so a null takes the type of the other
    # side; a null Date stays null, as Salesforce has no zero date.
    def run(left: object, right: object) -> object:
        if left is None:
            left = _zero_like(right)
        if right is None:
            right = _zero_like(left)
        return function(left, right)

    return run


def _zero_like(other: object) -> object:
    if isinstance(other, str):
        return ""
    if other is None or is_number(other):
        return 0
    return None


def _mismatch(symbol: str, left: object, right: object) -> TypeProblem:
    texts = isinstance(left, str) or isinstance(right, str)
    fix = "convert with TEXT() or VALUE() so both sides are the same type"
    return TypeProblem(
        f"'{symbol}' cannot combine {describe(left)} and {describe(right)}",
        fix=fix if texts else None,
    )


def _temporal(value: object) -> bool:
    return is_date(value) or is_datetime(value)


def _add(left: object, right: object) -> object:
    if is_number(left) and is_number(right):
        return left + right  # type: ignore[operator]
    # + joins text as & does; a null beside text is "" since text is never null.
    if isinstance(left, str) or isinstance(right, str):
        if left is None or right is None or type(left) is type(right):
            return as_text(left, "+") + as_text(right, "+")
    elif left is None or right is None:
        return None
    elif _temporal(left) and is_number(right):
        return add_days(left, right)  # type: ignore[arg-type]
    elif is_number(left) and _temporal(right):
        return add_days(right, left)  # type: ignore[arg-type]
    raise _mismatch("+", left, right)


def _subtract(left: object, right: object) -> object:
    if is_number(left) and is_number(right):
        return left - right  # type: ignore[operator]
    if left is None or right is None:
        return None
    if _temporal(left) and is_number(right):
        return add_days(left, -right)  # type: ignore[arg-type, operator]
    if _temporal(left) and type_name(left) == type_name(right):
        return days_between(left, right)  # type: ignore[arg-type]
    raise _mismatch("-", left, right)


def _numeric(symbol: str, function: Callable[[Number, Number], object]) -> Operator:
    def run(left: object, right: object) -> object:
        if left is None or right is None:
            return None
        if is_number(left) and is_number(right):
            return function(left, right)  # type: ignore[arg-type]
        raise _mismatch(symbol, left, right)

    return run


def _divide(left: Number, right: Number) -> Number:
    if right == 0:
        raise EvaluationProblem("division by zero", fix="guard the divisor with IF()")
    if isinstance(left, int) and isinstance(right, int) and left % right == 0:
        return left // right
    return left / right


def _power(base: Number, exponent: Number) -> Number:
    if base == 0 and exponent < 0:
        raise EvaluationProblem("0 raised to a negative power")
    try:
        result = base**exponent
    except OverflowError:
        raise EvaluationProblem(f"{base} ^ {exponent} is too large") from None
    if isinstance(result, complex):
        raise EvaluationProblem(f"{base} ^ {exponent} is not a real number")
    return result if isinstance(result, int) else float(result)


def _concatenate(left: object, right: object) -> str:
    return as_text(left, "'&'") + as_text(right, "'&'")


def _equal(left: object, right: object) -> bool:
    # A blank equals only a blank, so `Email <> NULL` reads as "Email is not
    # blank" (NPSP's acknowledgment rule relies on it) and `Amount = 5` is
    # false on a blank Amount. Text compares case-sensitively.
    both = left is not None and right is not None
    numbers = is_number(left) and is_number(right)
    if both and not numbers and type_name(left) != type_name(right):
        raise _mismatch("=", left, right)
    return same_value(left, right)


def _not_equal(left: object, right: object) -> bool:
    return not _equal(left, right)


def _ordering(symbol: str, function: Callable[[Any, Any], bool]) -> Operator:
    # Any ordering with a null is false: `CloseDate < TODAY()` does not hold
    # on a blank CloseDate, and neither does `CloseDate >= TODAY()`.
    def run(left: object, right: object) -> bool:
        if left is None or right is None:
            return False
        if not (is_number(left) and is_number(right)) and (
            type_name(left) != type_name(right) or isinstance(left, bool)
        ):
            raise _mismatch(symbol, left, right)
        return function(left, right)

    return run


_OPERATORS: dict[str, Operator] = {
    "+": _add,
    "-": _subtract,
    "*": _numeric("*", lambda left, right: left * right),
    "/": _numeric("/", _divide),
    "^": _numeric("^", _power),
    "&": _concatenate,
    "=": _equal,
    "==": _equal,
    "<>": _not_equal,
    "!=": _not_equal,
    "<": _ordering("<", operator.lt),
    ">": _ordering(">", operator.gt),
    "<=": _ordering("<=", operator.le),
    ">=": _ordering(">=", operator.ge),
}


def negate(blank_as_zero: bool) -> Callable[[object], object]:
    """Unary minus: a null stays null, or is 0 when blanks are zeroes."""

    def run(value: object) -> object:
        if value is None:
            return 0 if blank_as_zero else None
        if is_number(value):
            return -value  # type: ignore[operator]
        raise TypeProblem(f"'-' needs a Number, got {describe(value)}")

    return run
