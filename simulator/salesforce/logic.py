"""Condition logic: ``and``, ``or`` and custom logic like ``1 AND (2 OR NOT 3)``."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import DefinitionError

# Custom logic numbers the conditions from 1 in document order (META-FLOW,
# conditionLogic and filterLogic; META-WF, booleanFilter). It is parsed here by a
# small recursive descent, never evaluated as Python. As in Flow Builder, AND and
# OR may not be mixed on one level without parentheses, and keywords are read in
# any case (real files hold ``(1 and 2) or (3 and 4)``).
_TOKEN = re.compile(r"\s*(?:(\d+)|(AND|OR|NOT)\b|([()])|(\S))", re.IGNORECASE)

_EXPECTED = "and, or, or custom logic over condition numbers, e.g. 1 AND (2 OR NOT 3)"


class LogicSyntaxError(ValueError):
    """Custom logic that does not parse; ``column`` counts from 1."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True, slots=True)
class Number:
    index: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: LogicNode


@dataclass(frozen=True, slots=True)
class Join:
    keyword: str  # AND | OR
    operands: tuple[LogicNode, ...]


LogicNode = Number | Not | Join


def evaluate_logic(logic: str, results: Sequence[bool]) -> bool:
    """Combine condition results, ``results[0]`` being condition 1.

    A rule with no conditions is true, whatever its logic (META-FLOW).
    """
    if not results:
        return True
    simple = logic.strip().lower()
    if simple == "and":
        return all(results)
    if simple == "or":
        return any(results)
    try:
        return _evaluate(parse_logic(logic), results)
    except (LogicSyntaxError, IndexError) as error:
        raise DefinitionError(
            f"cannot evaluate condition logic {logic!r}: {error}",
            expected=_EXPECTED,
        ) from None


def check_logic(
    logic: str,
    count: int,
    file: str | Path,
    place: str,
    *,
    line: int | None = None,
) -> None:
    """Raise DefinitionError unless ``logic`` parses and names only 1..count."""
    if logic.strip().lower() in ("and", "or"):
        return
    try:
        numbers = _numbers(parse_logic(logic))
    except LogicSyntaxError as error:
        raise DefinitionError(
            f"condition logic {logic!r} does not parse: {error} "
            f"(column {error.column})",
            file=file,
            line=line,
            place=place,
            expected=_EXPECTED,
        ) from None
    unknown = sorted(n for n in numbers if not 1 <= n <= count)
    if unknown:
        raise DefinitionError(
            f"condition logic {logic!r} names condition {unknown[0]}, "
            f"but there are {count}",
            file=file,
            line=line,
            place=place,
            expected=f"numbers from 1 to {count}",
            fix="renumber the logic, or add the missing condition",
        )


@functools.lru_cache(maxsize=512)
def parse_logic(logic: str) -> LogicNode:
    """The tree of a custom logic string; LogicSyntaxError if it is malformed."""
    parser = _Parser(_tokens(logic))
    tree = parser.expression()
    if parser.peek() is not None:
        raise LogicSyntaxError(f"unexpected {parser.peek_text()!r}", parser.column())
    return tree


def _tokens(logic: str) -> list[tuple[str, str, int]]:
    """(kind, text, column) triples; kind is number, keyword, paren."""
    found: list[tuple[str, str, int]] = []
    for match in _TOKEN.finditer(logic):
        number, keyword, paren, other = match.groups()
        column = match.start(match.lastindex or 0) + 1
        if other is not None:
            raise LogicSyntaxError(f"unexpected {other!r}", column)
        if number is not None:
            found.append(("number", number, column))
        elif keyword is not None:
            found.append(("keyword", keyword.upper(), column))
        else:
            found.append(("paren", paren, column))
    if not found:
        raise LogicSyntaxError("the logic is empty", 1)
    return found


class _Parser:
    """expression := term (OR term)*; term := factor (AND factor)*;
    factor := NOT factor | ( expression ) | number."""

    def __init__(self, tokens: list[tuple[str, str, int]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> str | None:
        if self.position >= len(self.tokens):
            return None
        return self.tokens[self.position][1]

    def peek_text(self) -> str:
        return self.peek() or "end of logic"

    def column(self) -> int:
        if self.position >= len(self.tokens):
            _, text, column = self.tokens[-1]
            return column + len(text)
        return self.tokens[self.position][2]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> LogicNode:
        start = self.column()
        node, mixed = self.term()
        terms = [node]
        while self.peek() == "OR":
            self.take()
            node, joined = self.term()
            terms.append(node)
            mixed = mixed or joined
        if len(terms) == 1:
            return terms[0]
        if mixed:
            raise LogicSyntaxError("AND and OR are mixed without parentheses", start)
        return Join("OR", tuple(terms))

    def term(self) -> tuple[LogicNode, bool]:
        """Factors joined by AND, and whether AND joined them on this level."""
        factors = [self.factor()]
        while self.peek() == "AND":
            self.take()
            factors.append(self.factor())
        if len(factors) == 1:
            return _unwrap(factors[0]), False
        return Join("AND", tuple(_unwrap(factor) for factor in factors)), True

    def factor(self) -> LogicNode | _Parenthesised:
        if self.peek() is None:
            raise LogicSyntaxError("the logic ends too early", self.column())
        kind, text, column = self.take()
        if text == "NOT":
            return Not(_unwrap(self.factor()))
        if text == "(":
            inner = self.expression()
            if self.peek() != ")":
                raise LogicSyntaxError(
                    f"expected ')' before {self.peek_text()!r}", self.column()
                )
            self.take()
            return _Parenthesised(inner)
        if kind == "number":
            return Number(int(text))
        raise LogicSyntaxError(f"unexpected {text!r}", column)


@dataclass(frozen=True, slots=True)
class _Parenthesised:
    """Marks a group while parsing, so that ``(1 AND 2) OR 3`` is not a mix."""

    inner: LogicNode


def _unwrap(node: LogicNode | _Parenthesised) -> LogicNode:
    return node.inner if isinstance(node, _Parenthesised) else node


def _evaluate(node: LogicNode, results: Sequence[bool]) -> bool:
    if isinstance(node, Number):
        if node.index < 1:
            raise IndexError(f"there is no condition {node.index}")
        try:
            return results[node.index - 1]
        except IndexError:
            raise IndexError(f"there is no condition {node.index}") from None
    if isinstance(node, Not):
        return not _evaluate(node.operand, results)
    values = (_evaluate(operand, results) for operand in node.operands)
    return all(values) if node.keyword == "AND" else any(values)


def _numbers(node: LogicNode) -> set[int]:
    if isinstance(node, Number):
        return {node.index}
    if isinstance(node, Not):
        return _numbers(node.operand)
    return set().union(*(_numbers(operand) for operand in node.operands))
