"""Errors a formula author can cause: what they say, where they point, what to do."""

from __future__ import annotations

import datetime

import pytest

from simulator.errors import FormulaError
from simulator.formula import MappingContext, compile_formula


def compile_error(text: str) -> FormulaError:
    with pytest.raises(FormulaError) as caught:
        compile_formula(text, file="Lead.object", place="validation rule Check")
    return caught.value


def evaluation_error(text: str, **current: object) -> FormulaError:
    formula = compile_formula(text, file="Deal.flow", place="formula Total")
    with pytest.raises(FormulaError) as caught:
        formula.evaluate(MappingContext(current=current))
    return caught.value


# At compile time


def test_unknown_function_is_named_with_close_matches() -> None:
    error = compile_error("ISBLANC(Email)")
    assert error.message.startswith("unknown function ISBLANC at line 1, column 1")
    assert error.fix == "did you mean ISBLANK?"
    assert (error.file, error.place) == ("Lead.object", "validation rule Check")


def test_unknown_function_without_close_match_lists_the_functions() -> None:
    error = compile_error("XYZZY(1)")
    assert error.fix is not None and "ADDMONTHS" in error.fix and "VALUE" in error.fix


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("IF(TRUE, 1)", "IF takes 3 arguments, got 2"),
        ("LEN()", "LEN takes 1 argument, got 0"),
        ("FIND('a')", "FIND takes 2 or 3 arguments, got 1"),
        ("MAX()", "MAX takes 1 or more arguments, got 0"),
        ("TODAY(1)", "TODAY takes no arguments, got 1"),
        ("CASE(a, 1, 2)", "CASE takes 4 or more arguments, got 3"),
    ],
)
def test_wrong_argument_count_is_an_error_at_compile_time(
    text: str, message: str
) -> None:
    assert compile_error(text).message.startswith(message)


def test_case_without_an_else_value_is_an_error() -> None:
    error = compile_error("CASE(a, 1, 'x', 2, 'y')")
    assert "CASE needs a value to return when nothing matches" in error.message


@pytest.mark.parametrize("text", ["ISCHANGED(1)", "PRIORVALUE({!myVar})"])
def test_ischanged_and_priorvalue_need_a_record_field(text: str) -> None:
    assert "takes a field of the record being saved" in compile_error(text).message


# At evaluation time


def test_value_of_non_numeric_text_is_an_error_naming_the_formula() -> None:
    error = evaluation_error("VALUE(Code__c) + 1", Code__c="abc")
    assert "VALUE cannot read 'abc' as a number" in error.message
    assert "VALUE(Code__c) + 1" in error.message
    assert (error.file, error.place) == ("Deal.flow", "formula Total")
    assert error.fix is not None and "ISNUMBER" in error.fix


def test_adding_text_to_a_number_is_a_type_error_at_the_operator() -> None:
    error = evaluation_error("1 + (Code + 1)", Code="a")
    assert "'+' cannot combine Text 'a' and Number 1" in error.message
    assert "at line 1, column 11" in error.message
    assert "    1 + (Code + 1)\n              ^" in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 / 0", "division by zero"),
        ("MOD(1, 0)", "MOD by zero"),
        ("IF(Answer, 1, 2)", "IF's condition needs TRUE or FALSE, got Text 'yes'"),
        ("Code & 1", "needs Text, got Number 1"),
        ("Name = 1", "'=' cannot combine Text 'Acme' and Number 1"),
        ("Flag > FALSE", "'>' cannot combine Checkbox TRUE and Checkbox FALSE"),
        ("LEN(Amount)", "argument 1 of LEN needs Text, got Number 5"),
        ("LEFT(Name, Code)", "argument 2 of LEFT needs a Number, got Text 'x'"),
        ("DATE(2023, 2, 29)", "DATE(2023, 2, 29) is not a day of the calendar"),
        ("DATEVALUE('tomorrow')", "DATEVALUE cannot read 'tomorrow' as a date"),
        ("TEXT(TRUE)", "TEXT does not take a Checkbox"),
    ],
)
def test_evaluation_errors_say_what_went_wrong(text: str, message: str) -> None:
    values = {"Name": "Acme", "Answer": "yes", "Flag": True, "Amount": 5}
    code = 1 if text.startswith("Code &") else "x"
    assert message in evaluation_error(text, Code=code, **values).message


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("LEN(5) > 3", "argument 1 of LEN needs Text, got Number 5", 5),
        ("ISPICKVAL(StageName, 5)", "argument 2 of ISPICKVAL needs Text", 22),
        ("LEFT(Name, 'x') = 'a'", "argument 2 of LEFT needs a Number", 12),
        ("NOT('yes')", "argument 1 of NOT needs TRUE or FALSE, got Text 'yes'", 5),
        ("IF('yes', 1, 2) > 0", "IF's condition needs TRUE or FALSE", 4),
        ("1 + 'a' > 2", "'+' cannot combine Number 1 and Text 'a'", 3),
        ("Amount > 5 && TRUE > FALSE", "'>' cannot combine Checkbox TRUE", 20),
    ],
)
def test_a_constant_of_the_wrong_type_is_an_error_before_any_run(
    text: str, message: str, column: int
) -> None:
    """Salesforce checks a formula's types when it is saved ("Incorrect
    parameter type for function"), so a constant of the wrong type is refused
    when the model is loaded, not on the first record that reaches it."""
    error = compile_error(text)
    assert message in error.message
    assert f"at line 1, column {column}" in error.message


def test_a_value_problem_in_constants_waits_for_the_run() -> None:
    """A division by zero or a day that does not exist is an error only when
    the formula is evaluated, as on the platform; a guarded one never is."""
    guarded = compile_formula("IF(ISBLANK(Amount), 0, 1 / 0) > 1")
    assert guarded.evaluate(MappingContext(current={"Amount": None})) is False

    error = evaluation_error("DATE(2023, 2, 29) > CloseDate", CloseDate=None)
    assert "DATE(2023, 2, 29) is not a day of the calendar" in error.message


def test_a_date_function_given_a_datetime_suggests_datevalue() -> None:
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    error = evaluation_error("YEAR(Created)", Created=now)
    assert error.fix == "convert it with DATEVALUE()"


def test_subtracting_a_datetime_from_a_date_is_an_error() -> None:
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    error = evaluation_error("D - T", D=datetime.date(2024, 1, 1), T=now)
    assert "'-' cannot combine Date 2024-01-01 and Date/Time" in error.message


def test_an_undefined_flow_variable_is_named_with_the_defined_ones() -> None:
    formula = compile_formula("{!total} + 1", file="Deal.flow")
    with pytest.raises(FormulaError) as caught:
        formula.evaluate(MappingContext(variables={"count": 1}))
    assert "reads {!total}, which is not defined" in caught.value.message
    assert "in the formula: {!total} + 1" in caught.value.message
    assert caught.value.expected == "one of the defined resources: count"


def test_an_evaluation_error_shows_the_formula_around_the_failing_part() -> None:
    text = "AND(\n  NOT(ISNEW()),\n  VALUE(x) > 1,\n  TRUE\n)"
    formula = compile_formula(text, file="Opp.object", place="rule Big", line=12)
    with pytest.raises(FormulaError) as caught:
        formula.evaluate(MappingContext(current={"x": "a"}))
    assert caught.value.line == 14
    assert "at line 3, column 3 of the formula" in caught.value.message
    shown = (
        "    AND(\n      NOT(ISNEW()),\n      VALUE(x) > 1,\n      ^\n      TRUE\n    )"
    )
    assert shown in caught.value.message


def test_date_arithmetic_past_the_calendar_is_an_error() -> None:
    error = evaluation_error("D + 100", D=datetime.date(9999, 12, 1))
    assert "9999-12-01 + 100 days is outside the calendar" in error.message
