"""Algebraic laws of the formula language, checked on generated inputs."""

from __future__ import annotations

import calendar
import contextlib
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.errors import FormulaError
from simulator.formula import FUNCTION_NAMES, MappingContext, compile_formula, library

integers = st.integers(min_value=-(10**6), max_value=10**6)
dates = st.dates(
    min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31)
)
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


def value_of(text: str, **variables: object) -> object:
    return compile_formula(text).evaluate(MappingContext(variables=variables))


def integer_expressions() -> st.SearchStrategy[str]:
    """Integer expressions with + - * and parentheses, written the same way in
    Python and in formulas, so Python's precedence is the oracle."""
    literal = integers.map(lambda n: f"({n})" if n < 0 else str(n))
    return st.recursive(
        literal,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(" ".join),
            inner.map(lambda e: f"({e})"),
            inner.map(lambda e: f"-{e}"),
        ),
        max_leaves=8,
    )


def formula_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{escaped}'"


@given(integer_expressions())
def test_integer_arithmetic_matches_python(expression: str) -> None:
    assert value_of(expression) == eval(expression)


@given(integers, integers)
def test_integer_comparisons_match_python(left: int, right: int) -> None:
    assert value_of("{!a} < {!b}", a=left, b=right) is (left < right)
    assert value_of("{!a} >= {!b}", a=left, b=right) is (left >= right)
    assert value_of("{!a} = {!b}", a=left, b=right) is (left == right)


@given(st.booleans())
def test_not_not_is_the_identity(flag: bool) -> None:
    assert value_of("NOT(NOT({!x}))", x=flag) is flag
    assert value_of("!!{!x}", x=flag) is flag


@given(st.booleans(), st.booleans())
def test_de_morgan_holds_for_and_and_or(a: bool, b: bool) -> None:
    assert value_of("NOT(AND({!a}, {!b}))", a=a, b=b) == value_of(
        "OR(NOT({!a}), !{!b})", a=a, b=b
    )
    assert value_of("{!a} && {!b} || {!a}", a=a, b=b) is a


@given(texts)
def test_text_literals_read_back_what_was_escaped(text: str) -> None:
    assert compile_formula(formula_literal(text)).evaluate(MappingContext()) == text


@given(texts.filter(bool), texts.filter(bool))
def test_text_equality_is_python_equality(left: str, right: str) -> None:
    assert value_of("{!a} = {!b}", a=left, b=right) is (left == right)


@given(st.none() | texts, st.none() | texts)
def test_ampersand_is_concatenation_with_null_as_empty(
    left: str | None, right: str | None
) -> None:
    assert value_of("{!a} & {!b}", a=left, b=right) == (left or "") + (right or "")


@given(texts, st.integers(min_value=0, max_value=25))
def test_left_and_mid_split_text_without_loss(text: str, count: int) -> None:
    rebuilt = "LEFT({!t}, {!n}) & MID({!t}, {!n} + 1, LEN({!t}))"
    assert value_of(rebuilt, t=text, n=count) == text


@given(integers)
def test_value_reads_back_what_text_writes(number: int) -> None:
    assert value_of("VALUE(TEXT({!n}))", n=number) == number


@given(st.floats(min_value=-1e6, max_value=1e6), st.integers(0, 4))
def test_round_is_symmetric_around_zero(number: float, digits: int) -> None:
    plus = value_of("ROUND({!x}, {!d})", x=number, d=digits)
    minus = value_of("ROUND(-{!x}, {!d})", x=number, d=digits)
    assert minus == -plus  # type: ignore[operator]


@given(dates, st.integers(min_value=-3000, max_value=3000))
def test_adding_days_to_a_date_and_subtracting_dates_undo_each_other(
    day: datetime.date, days: int
) -> None:
    assert value_of("({!d} + {!n}) - {!d}", d=day, n=days) == days
    assert value_of("{!d} + {!n} - {!n}", d=day, n=days) == day


@given(dates, st.integers(min_value=-120, max_value=120))
def test_addmonths_keeps_the_day_or_lands_on_the_month_end(
    day: datetime.date, months: int
) -> None:
    result = value_of("ADDMONTHS({!d}, {!n})", d=day, n=months)
    assert isinstance(result, datetime.date)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    month_end = calendar.monthrange(result.year, result.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        assert result.day == month_end
    else:
        assert result.day == min(day.day, month_end)


@given(integers)
def test_blank_numbers_are_zero_when_treated_as_zeroes(number: int) -> None:
    formula = compile_formula("Amount + {!n}", blank_as_zero=True)
    context = MappingContext(current={"Amount": None}, variables={"n": number})
    assert formula.evaluate(context) == number


FIELD_VALUES = {
    "N": 7,
    "F": -2.5,
    "Z": 0,
    "T": "Acme",
    "E": "",
    "B": True,
    "D": datetime.date(2024, 1, 31),
    "DT": datetime.datetime(2024, 1, 31, 12, tzinfo=datetime.UTC),
    "X": None,
}
OPERATORS = ["+", "-", "*", "/", "^", "&", "=", "<>", "<", ">=", "&&", "||"]


def any_expressions() -> st.SearchStrategy[str]:
    """Formulas of every function and operator over values of every type."""
    atoms = st.sampled_from(
        [*FIELD_VALUES, "1", "0.5", "'12'", "'x'", "TRUE", "NULL", "TODAY()"]
    )

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        calls = st.sampled_from(FUNCTION_NAMES).flatmap(
            lambda name: call_of(name, inner)
        )
        binary = st.tuples(inner, st.sampled_from(OPERATORS), inner).map(" ".join)
        unary = st.tuples(st.sampled_from(["-", "!"]), inner).map("".join)
        return calls | binary | unary | inner.map(lambda e: f"({e})")

    return st.recursive(atoms, extend, max_leaves=6)


def call_of(name: str, arguments: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A call of `name` with a number of arguments it accepts."""
    signature = library.lookup(name)
    assert signature is not None
    high = signature.max_args if signature.max_args is not None else 5
    return st.lists(arguments, min_size=signature.min_args, max_size=high).map(
        lambda args: f"{name}({', '.join(args)})"
    )


@settings(max_examples=400)
@given(any_expressions(), st.booleans(), st.booleans())
def test_any_formula_gives_a_value_or_a_formula_error(
    text: str, blank_as_zero: bool, is_new: bool
) -> None:
    context = MappingContext(current=FIELD_VALUES, prior_values={"N": 1}, is_new=is_new)
    with contextlib.suppress(FormulaError):
        compile_formula(text, blank_as_zero=blank_as_zero).evaluate(context)
