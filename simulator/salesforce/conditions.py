"""Flow condition operators, as Decision outcomes and record filters apply them."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable, Collection, Sized
from pathlib import Path
from typing import Final

from simulator.errors import DefinitionError
from simulator.salesforce.comparison import (
    as_text,
    folded_text,
    is_blank,
    is_null,
    order,
    same_value,
)
from simulator.salesforce.criteria import CRITERIA_OPERATIONS, criteria_matches
from simulator.salesforce.logic import check_logic, evaluate_logic

__all__ = [
    "CRITERIA_OPERATIONS",
    "MISSING",
    "OPERATORS",
    "check_logic",
    "check_operator",
    "compare",
    "criteria_matches",
    "evaluate_logic",
]


class _Missing(enum.Enum):
    MISSING = "MISSING"

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing.MISSING
"""No prior value was given: not the same as a prior value of null."""

Test = Callable[[object, object], bool]


def _answer(right: object) -> bool:
    """The boolean on the right of IsNull and its kin."""
    if isinstance(right, bool):
        return right
    if right is None:
        # Flow Builder always writes the boolean; without one, ask the plain question.
        return True
    if isinstance(right, str) and right.strip().lower() in ("true", "false"):
        return right.strip().lower() == "true"
    raise DefinitionError(
        f"the right side is {right!r}",
        expected="true or false on the right of IsNull, IsBlank, IsChanged, WasSet",
    )


def _text_test(test: Callable[[str, str], bool]) -> Test:
    def run(left: object, right: object) -> bool:
        # No documented answer for an empty right side; matching nothing keeps a
        # blank filter value from taking a branch.
        if is_null(left) or is_null(right):
            return False
        return test(folded_text(left), folded_text(right))

    return run


def _ordering(accept: Callable[[int], bool]) -> Test:
    def run(left: object, right: object) -> bool:
        outcome = order(left, right)
        return outcome is not None and accept(outcome)

    return run


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    return isinstance(value, Sized) and len(value) == 0


def _is_in(left: object, right: object) -> bool:
    if right is None:
        return False
    items: Collection[object] = (
        [right]
        if isinstance(right, str) or not isinstance(right, Collection)
        else right
    )
    return any(same_value(left, item) for item in items)


_TESTS: dict[str, Test] = {
    "EqualTo": same_value,
    "NotEqualTo": lambda left, right: not same_value(left, right),
    "GreaterThan": _ordering(lambda outcome: outcome > 0),
    "GreaterThanOrEqualTo": _ordering(lambda outcome: outcome >= 0),
    "LessThan": _ordering(lambda outcome: outcome < 0),
    "LessThanOrEqualTo": _ordering(lambda outcome: outcome <= 0),
    "Contains": _text_test(lambda left, right: right in left),
    "StartsWith": _text_test(str.startswith),
    "EndsWith": _text_test(str.endswith),
    "IsNull": lambda left, right: is_null(left) == _answer(right),
    "IsBlank": lambda left, right: is_blank(left) == _answer(right),
    "IsEmpty": lambda left, right: _is_empty(left) == _answer(right),
    "WasSet": lambda left, right: (not is_blank(left)) == _answer(right),
    "In": _is_in,
    "NotIn": lambda left, right: not _is_in(left, right),
    # The engine resolves the left side to the interview's answer: was the
    # element visited, the choice selected, did the element fail.
    "WasVisited": lambda left, right: bool(left) == _answer(right),
    "WasSelected": lambda left, right: bool(left) == _answer(right),
    "HasError": lambda left, right: bool(left) == _answer(right),
}

OPERATORS: Final = frozenset({*_TESTS, "IsChanged"})


def compare(
    operator: str,
    left: object,
    right: object,
    *,
    prior: object = MISSING,
    is_new: bool = False,
) -> bool:
    """Whether ``left operator right`` holds; ``prior`` is the value before the save.

    Both sides come resolved: ``left`` is the value of the left reference (or of
    the filtered field), ``right`` the value written on the right, None when
    null. The rules and their sources are in reference/salesforce.md,
    "Condition operators — exact semantics":

    - Text comparisons are case-insensitive, picklists included (FLOW-OPS-COND).
    - Null text and empty text are the same; any null operand makes an ordering
      comparison false.
    - A Number compared with text that reads as a number compares as numbers;
      dates and datetimes likewise with ISO text.
    - IsNull, IsBlank, IsEmpty, IsChanged, WasSet and the interview-state operators
      compare a yes/no answer with the boolean written on the right, so
      ``IsNull false`` means "has a value".
    """
    if operator == "IsChanged":
        return _is_changed(left, right, prior, is_new)
    test = _TESTS.get(operator)
    if test is None:
        raise _unknown_operator(operator)
    return test(left, right)


def _is_changed(left: object, right: object, prior: object, is_new: bool) -> bool:
    # IsChanged is always false on create: there is no prior record (FLOW-OPS-COND).
    if is_new:
        return not _answer(right)
    if prior is MISSING:
        raise ValueError("IsChanged needs the prior value: pass prior= or is_new=True")
    # A change of case is a change of the stored value, so compare exactly.
    changed = not same_value(left, prior, fold_case=False)
    return changed == _answer(right)


def check_operator(
    operator: str,
    *,
    file: str | Path,
    place: str,
    line: int | None = None,
) -> None:
    """Raise DefinitionError, at import, for an operator revsim does not know."""
    if operator in OPERATORS:
        return
    raise _unknown_operator(operator, file=file, place=place, line=line)


def _unknown_operator(
    operator: str,
    *,
    file: str | Path | None = None,
    place: str | None = None,
    line: int | None = None,
) -> DefinitionError:
    close = difflib.get_close_matches(operator, OPERATORS, n=1)
    if operator == "None":
        fix = "the condition is unfinished: choose an operator in Flow Builder"
    elif close:
        fix = f"did you mean {close[0]}?"
    else:
        fix = None
    return DefinitionError(
        f"unknown condition operator {as_text(operator)!r}",
        file=file,
        line=line,
        place=place,
        expected="one of " + ", ".join(sorted(OPERATORS)),
        fix=fix,
    )
