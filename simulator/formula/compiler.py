"""Compile a formula's parse tree, once, into nested Python closures.

Each node of the tree becomes one closure that takes the context and returns
a value; an operator's closure calls its operands' closures. Everything that
can be decided from the text alone is decided here, once: which operator,
which function and how its arguments are checked, which fields are read.
Evaluating a formula then runs only the closures, with no tree to walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NoReturn, cast

from lark import Token, Tree

from simulator.formula import library
from simulator.formula.compiled import Formula
from simulator.formula.context import FormulaContext
from simulator.formula.operators import binary_operator, negate
from simulator.formula.parser import Where, parse
from simulator.formula.references import Scope, resolve
from simulator.formula.signature import NULL_PROPAGATING, Signature, check_for
from simulator.formula.special_forms import all_of, any_of
from simulator.formula.values import EvaluationProblem, TypeProblem, truth

Evaluator = Callable[[FormulaContext], object]
Node = Tree[Token] | Token


class _NeedsRecord(Exception):
    """Raised by the probe context: the value depends on the record."""


class _ProbeContext:
    """A context with no record: a field, a variable or the clock is unknown
    until a run."""

    def __getattr__(self, name: str) -> object:
        raise _NeedsRecord(name)


_PROBE = cast(FormulaContext, _ProbeContext())

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "'": "'", '"': '"'}


def compile_formula(
    text: str,
    *,
    file: str | None = None,
    place: str | None = None,
    blank_as_zero: bool = False,
    line: int | None = None,
) -> Formula:
    """Parse and compile `text`; FormulaError names the position if it is wrong.

    `file` and `place` say where the formula came from, `line` the line of
    `file` it starts on. blank_as_zero is Salesforce's "Treat blank fields as
    zeroes"; the default, "as blanks", is how validation rules and flow
    formulas behave.
    """
    tree = parse(text, file=file, place=place, line=line)
    compiler = _Compiler(text, file, place, line, blank_as_zero)
    run = compiler.build(tree.children[0])
    return Formula(
        text=text,
        references=frozenset(compiler.references),
        variables=frozenset(compiler.variables),
        blank_as_zero=blank_as_zero,
        file=file,
        place=place,
        line=line,
        _run=run,
    )


class _Compiler:
    """Turns the nodes of one parse tree into closures; implements Builder."""

    def __init__(
        self,
        text: str,
        file: str | None,
        place: str | None,
        line: int | None,
        blank_as_zero: bool,
    ) -> None:
        self.text, self.file, self.place, self.line = text, file, place, line
        self.blank_as_zero = blank_as_zero
        self.references: set[tuple[str, ...]] = set()
        self.variables: set[str] = set()

    def build(self, node: Node) -> Evaluator:
        assert isinstance(node, Tree), node
        builder: Callable[[Sequence[Node]], Evaluator] = getattr(
            self, f"_build_{node.data}"
        )
        return builder(node.children)

    def fail(
        self,
        node: Node,
        message: str,
        *,
        expected: str | None = None,
        fix: str | None = None,
        at: tuple[int | None, int | None] | None = None,
    ) -> NoReturn:
        """Raise a FormulaError at ``node``, or at ``at`` (line, column)."""
        token = _first_token(node)
        line, column = at or (token.line, token.column)
        where = Where(self.text, line, column)
        raise where.error(
            message,
            file=self.file,
            place=self.place,
            line=self.line,
            expected=expected,
            fix=fix,
        )

    def check_types(self, evaluator: Evaluator, node: Node) -> None:
        """Fail now if ``evaluator`` reads no record and still gets a value of the
        wrong type, as Salesforce refuses such a formula when it is saved.

        Other problems of constant values (a division by zero, say) are left to
        the run: Salesforce reports those only when the formula is evaluated.
        """
        try:
            evaluator(_PROBE)
        except _NeedsRecord:
            pass
        except TypeProblem as problem:
            at = (problem.line, problem.column) if problem.column else None
            self.fail(node, problem.message, fix=problem.fix, at=at)
        except EvaluationProblem:
            pass

    # Literals

    def _build_number(self, children: Sequence[Node]) -> Evaluator:
        text = str(children[0])
        value = float(text) if "." in text else int(text)
        return lambda context: value

    def _build_string(self, children: Sequence[Node]) -> Evaluator:
        value = self._unescape(children[0])
        return lambda context: value

    def _build_constant(self, children: Sequence[Node]) -> Evaluator:
        value = {"true": True, "false": False, "null": None}[str(children[0]).lower()]
        return lambda context: value

    def _unescape(self, token: Node) -> str:
        def replace(match: re.Match[str]) -> str:
            escaped = match.group(1)
            if escaped not in _ESCAPES:
                self.fail(
                    token,
                    f"unknown escape '\\{escaped}' in a text literal",
                    expected="one of \\n \\r \\t \\\\ \\' \\\"",
                    fix="write a backslash as '\\\\'",
                )
            return _ESCAPES[escaped]

        return re.sub(r"\\(.)", replace, str(token)[1:-1], flags=re.DOTALL)

    # References

    def _build_ref(self, children: Sequence[Node]) -> Evaluator:
        return self._reference(children[0], merge_field=False)

    def _build_merge_ref(self, children: Sequence[Node]) -> Evaluator:
        return self._reference(children[0], merge_field=True)

    def _reference(self, token: Node, *, merge_field: bool) -> Evaluator:
        reference = resolve(str(token), merge_field=merge_field)
        if reference.scope is Scope.VARIABLE:
            self.variables.add(reference.name)
        elif not reference.path:
            self.fail(
                token,
                f"{reference.name} alone is not a value",
                expected="a field of the record",
                fix=f"name a field: {reference.name}.Name",
            )
        else:
            self.references.add(reference.path)
        return reference.reader()

    def field_path(self, node: Node, function: str) -> tuple[str, ...]:
        """The record field `node` names, for ISCHANGED and PRIORVALUE."""
        if isinstance(node, Tree) and node.data in ("ref", "merge_ref"):
            name = str(node.children[0])
            reference = resolve(name, merge_field=node.data == "merge_ref")
            if reference.scope is Scope.FIELD and reference.path:
                self.references.add(reference.path)
                return reference.path
        self.fail(
            node,
            f"{function} takes a field of the record being saved",
            expected="a field name such as StageName or {!$Record.StageName}",
            fix=f"write {function}(StageName), or {function}({{!$Record.StageName}})",
        )

    # Operators

    def _build_arithmetic(self, children: Sequence[Node]) -> Evaluator:
        return self._binary(children)

    def _build_compare(self, children: Sequence[Node]) -> Evaluator:
        return self._binary(children)

    def _binary(self, children: Sequence[Node]) -> Evaluator:
        left_node, symbol, right_node = children
        assert isinstance(symbol, Token)
        left, right = self.build(left_node), self.build(right_node)
        function = binary_operator(str(symbol), self.blank_as_zero)
        line, column = symbol.line, symbol.column

        def run(context: FormulaContext) -> object:
            try:
                return function(left(context), right(context))
            except EvaluationProblem as problem:
                problem.locate(line, column)
                raise

        self.check_types(run, symbol)
        return run

    def _build_and_(self, children: Sequence[Node]) -> Evaluator:
        return _located(
            all_of([self.build(children[0]), self.build(children[2])], "'&&'"),
            children[1],
        )

    def _build_or_(self, children: Sequence[Node]) -> Evaluator:
        return _located(
            any_of([self.build(children[0]), self.build(children[2])], "'||'"),
            children[1],
        )

    def _build_negate(self, children: Sequence[Node]) -> Evaluator:
        operand, function = self.build(children[1]), negate(self.blank_as_zero)
        return _located(lambda context: function(operand(context)), children[0])

    def _build_not_(self, children: Sequence[Node]) -> Evaluator:
        operand = self.build(children[1])
        return _located(lambda context: not truth(operand(context), "'!'"), children[0])

    # Function calls

    def _build_call(self, children: Sequence[Node]) -> Evaluator:
        name, *args = children
        assert isinstance(name, Token)
        signature = self._signature(name, len(args))
        if library.is_special(signature):
            form = cast(Evaluator, signature.body(self, name, args))
            return _located(form, name)
        return self._eager_call(signature, name, args)

    def _signature(self, name: Token, count: int) -> Signature:
        signature = library.lookup(str(name))
        if signature is None:
            self.fail(
                name,
                f"unknown function {name}",
                expected="one of the functions revsim simulates",
                fix=library.suggestion(str(name)),
            )
        key = signature.name
        too_many = signature.max_args is not None and count > signature.max_args
        if count < signature.min_args or too_many:
            self.fail(
                name,
                f"{key} takes {signature.arity()}, got {count}",
                expected=f"{key} with {signature.arity()}",
                fix="add or remove arguments; check for a misplaced ')'",
            )
        return signature

    def _eager_call(
        self, signature: Signature, name: Token, args: Sequence[Node]
    ) -> Evaluator:
        steps = []
        for index, arg in enumerate(args):
            kind = signature.kind(index)
            where = f"argument {index + 1} of {signature.name}"
            check = check_for(kind, where, self.blank_as_zero)
            evaluate = self.build(arg)
            if check is not None:
                self.check_types(_checked(evaluate, check), arg)
            steps.append((evaluate, check, kind in NULL_PROPAGATING))
        body, line, column = signature.body, name.line, name.column

        def run(context: FormulaContext) -> object:
            try:
                values = []
                for evaluate, check, propagates in steps:
                    value = evaluate(context)
                    if check is not None:
                        value = check(value)
                    if propagates and value is None:
                        return None
                    values.append(value)
                return body(*values)
            except EvaluationProblem as problem:
                problem.locate(line, column)
                raise

        return run


def _checked(evaluate: Evaluator, check: Callable[[object], object]) -> Evaluator:
    return lambda context: check(evaluate(context))


def _located(evaluator: Evaluator, node: Node) -> Evaluator:
    """`evaluator`, blaming `node`'s position for problems not placed deeper."""
    token = _first_token(node)
    line, column = token.line, token.column

    def run(context: FormulaContext) -> object:
        try:
            return evaluator(context)
        except EvaluationProblem as problem:
            problem.locate(line, column)
            raise

    return run


def _first_token(node: Node) -> Token:
    if isinstance(node, Token):
        return node
    return next(iter(node.scan_values(lambda value: isinstance(value, Token))))
