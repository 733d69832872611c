"""Parse formula text into a tree; turn lark's errors into ones a user can act on."""

from __future__ import annotations

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from simulator.errors import FormulaError
from simulator.formula.grammar import MergeFieldProblem, formula_parser

# What each terminal of the grammar is called in an error message.
_READABLE = {
    "NUMBER": "a number",
    "STRING": "a text literal",
    "CONSTANT": "TRUE/FALSE/NULL",
    "FUNC": "a function call",
    "REF": "a field",
    "MERGE_REF": "a field",
    "MINUS": "'-'",
    "BANG": "'!'",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "$END": "the end of the formula",
}
# The order entries are listed in: values first, then punctuation.
_ORDER = [
    "an operator",
    "a field",
    "a number",
    "a text literal",
    "TRUE/FALSE/NULL",
    "a function call",
    "'('",
    "'-'",
    "'!'",
    "','",
    "')'",
    "the end of the formula",
]
_OPERATORS = {"OR_OP", "AND_OP", "EQ_OP", "REL_OP", "ADD_OP", "MUL_OP", "POW_OP"}
_ALWAYS_ACCEPTED = {"MERGE_OPEN", "MERGE_CLOSE"}


def parse(
    text: str,
    *,
    file: str | None = None,
    place: str | None = None,
    line: int | None = None,
) -> Tree[Token]:
    """The parse tree of `text`; a FormulaError that points into it if it has none."""
    try:
        return formula_parser().parse(text)
    except MergeFieldProblem as problem:
        where = Where(text, problem.token.line, problem.token.column)
        raise where.error(
            str(problem),
            file=file,
            place=place,
            line=line,
            expected="flow references written as {!name} or {!$Record.Field}",
            fix="balance each '{!' with one '}'",
        ) from None
    except UnexpectedInput as problem:
        raise _syntax_error(text, problem, file, place, line) from None


class Where:
    """A position in the formula text, able to show itself under a caret."""

    def __init__(self, text: str, line: int | None, column: int | None) -> None:
        self.text = text
        self.line = line or 1
        self.column = column or 1

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column} of the formula"

    def excerpt(self, around: int = 2) -> str:
        """The formula near the position, a caret under it; short ones whole."""
        lines = self.text.splitlines() or [""]
        at = min(self.line, len(lines))
        before = lines[max(at - 1 - around, 0) : at]
        after = lines[at : at + around]
        caret = " " * (self.column - 1) + "^"
        return "\n".join(f"    {line}" for line in [*before, caret, *after])

    def error(
        self,
        message: str,
        *,
        file: str | None,
        place: str | None,
        line: int | None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> FormulaError:
        """A FormulaError about this position; `line` is where the formula starts."""
        return FormulaError(
            f"{message} at {self}\n{self.excerpt()}",
            file=file,
            line=None if line is None else line + self.line - 1,
            place=place,
            expected=expected,
            fix=fix,
        )


def end_of(text: str) -> Where:
    """The position just after the last character of `text`."""
    lines = text.splitlines() or [""]
    return Where(text, len(lines), len(lines[-1]) + 1)


def _syntax_error(
    text: str,
    problem: UnexpectedInput,
    file: str | None,
    place: str | None,
    line: int | None,
) -> FormulaError:
    if isinstance(problem, UnexpectedCharacters):
        where = Where(text, problem.line, problem.column)
        found = f"unexpected character {problem.char!r}"
        expected = readable_expected(problem.allowed or set())
        fix = "remove the character, or put it inside a quoted text literal"
    elif isinstance(problem, UnexpectedToken) and problem.token.type != "$END":
        where = Where(text, problem.line, problem.column)
        found = f"unexpected {problem.token.value!r}"
        expected = readable_expected(_accepted(problem))
        fix = "check for a missing operator, comma or parenthesis before it"
    else:
        where = end_of(text)
        found = "the formula ends too early"
        expected = readable_expected(_accepted(problem))
        fix = "finish the last expression and close every '('"
    return where.error(
        f"syntax error: {found}",
        file=file,
        place=place,
        line=line,
        expected=expected,
        fix=fix,
    )


def _accepted(problem: UnexpectedInput) -> set[str]:
    """The terminals that could really come next.

    An LALR state's `expected` set can hold lookaheads that a reduction would
    reject (`a b` would list ',' and ')' at the top level); the interactive
    parser tries each one, so its answer is exact.
    """
    interactive = getattr(problem, "interactive_parser", None)
    if interactive is not None:
        return set(interactive.accepts())
    return set(getattr(problem, "expected", None) or ())


def readable_expected(terminals: set[str] | frozenset[str]) -> str:
    """Lark's expected terminal names as words, operators folded into one entry."""
    names = set(terminals) - _ALWAYS_ACCEPTED
    found = {_READABLE.get(name, name) for name in names - _OPERATORS}
    if names & _OPERATORS:
        found.add("an operator")
    words = sorted(found, key=lambda w: (_ORDER.index(w) if w in _ORDER else 99, w))
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
