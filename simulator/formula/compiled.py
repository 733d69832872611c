"""A compiled formula: its text, what it reads, and how it is evaluated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.errors import FormulaError
from simulator.formula.context import FormulaContext
from simulator.formula.parser import Where
from simulator.formula.values import EvaluationProblem

Evaluator = Callable[[FormulaContext], object]


@dataclass(frozen=True)
class Formula:
    """A compiled formula: evaluate it as often as you like, it does not change.

    `references` are the record's field paths it reads, `$Record` removed and
    `$Record__Prior` reads included; `variables` the flow resources and
    globals it reads ({!myVar}, $User.Id).
    """

    text: str
    references: frozenset[tuple[str, ...]]
    variables: frozenset[str]
    _run: Evaluator = field(repr=False, compare=False)
    blank_as_zero: bool = False
    file: str | None = None
    place: str | None = None
    line: int | None = None

    def evaluate(self, context: FormulaContext) -> object:
        """The formula's value on this record; a FormulaError if it has none."""
        try:
            return self._run(context)
        except EvaluationProblem as problem:
            where = Where(self.text, problem.line, problem.column)
            raise where.error(
                f"the formula cannot be evaluated: {problem.message}",
                file=self.file,
                place=self.place,
                line=self.line,
                fix=problem.fix,
            ) from None
        except FormulaError as error:
            if error.file is not None:
                raise
            raise FormulaError(
                f"{error.message}\n    in the formula: {self.text}",
                file=self.file,
                line=self.line,
                place=self.place,
                expected=error.expected,
                fix=error.fix,
            ) from None
