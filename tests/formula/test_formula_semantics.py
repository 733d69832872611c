"""The rules of section (e) of reference/salesforce.md, one test per rule.

Page names are the short names of reference/salesforce.md; FORMULA-OPS is
https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm
and function pages are customize_functions_<name>.htm beside it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from simulator.formula import MappingContext, compile_formula

Evaluate = Callable[..., object]
D = datetime.date
NOW = datetime.datetime(2024, 3, 15, 9, 30, tzinfo=datetime.UTC)


# Text


def test_text_equality_is_case_sensitive_in_formulas(evaluate: Evaluate) -> None:
    """FORMULA-OPS and customize_functions_contains: formulas compare text exactly,
    unlike flow Decision elements."""
    assert evaluate("StageName = 'closed won'", StageName="Closed Won") is False
    assert evaluate("StageName = 'Closed Won'", StageName="Closed Won") is True


def test_contains_and_begins_are_case_sensitive(evaluate: Evaluate) -> None:
    """customize_functions_contains and customize_functions_begins."""
    assert evaluate("CONTAINS(Name, 'acme')", Name="ACME Corp") is False
    assert evaluate("CONTAINS(Name, 'ACME')", Name="ACME Corp") is True
    assert evaluate("BEGINS(Name, 'acme')", Name="ACME Corp") is False


def test_ispickval_compares_the_api_value_exactly(evaluate: Evaluate) -> None:
    """Section (e) Picklists: ISPICKVAL(picklist, 'literal')."""
    assert evaluate("ISPICKVAL(Status, 'Qualified')", Status="Qualified") is True
    assert evaluate("ISPICKVAL(Status, 'qualified')", Status="Qualified") is False


def test_ispickval_with_empty_literal_matches_a_blank_picklist(
    evaluate: Evaluate,
) -> None:
    """The corpus rule Validate_Unqualified_Reason writes ISPICKVAL(f, "")."""
    assert evaluate('ISPICKVAL(Reason__c, "")', Reason__c=None) is True
    assert evaluate('ISPICKVAL(Reason__c, "")', Reason__c="Budget") is False


def test_includes_tests_one_item_of_a_multi_select(evaluate: Evaluate) -> None:
    """Section (e) Picklists: INCLUDES(multiselect, 'v') tests one item."""
    assert evaluate("INCLUDES(Tags__c, 'b')", Tags__c="a;b;c") is True
    assert evaluate("INCLUDES(Tags__c, 'a;b')", Tags__c="a;b;c") is False
    assert evaluate("INCLUDES(Tags__c, 'b')", Tags__c=None) is False


def test_ampersand_concatenates_with_null_as_empty_text(evaluate: Evaluate) -> None:
    """FORMULA-OPS: & concatenates text; text is never null, so null is ""."""
    assert evaluate("First & ' ' & Last", First=None, Last="Smith") == " Smith"


def test_plus_joins_text_as_flow_formulas_write_it(evaluate: Evaluate) -> None:
    """Corpus flow formulas build names with +: FirstName + ' ' + LastName."""
    assert evaluate("First + ' ' + Last", First="Ada", Last=None) == "Ada "


# Blank handling


def test_arithmetic_with_a_blank_is_blank_when_blanks_are_blanks(
    evaluate: Evaluate,
) -> None:
    """fields_formula_blank_handling: "Treat blank fields as blanks" makes any
    arithmetic with a blank blank; validation rules and flows behave so."""
    assert evaluate("Amount + 1", Amount=None) is None
    assert evaluate("Amount * 2 - 1", Amount=None) is None
    assert evaluate("-Amount", Amount=None) is None


def test_ordering_comparisons_with_a_blank_are_false(evaluate: Evaluate) -> None:
    """fields_formula_blank_handling: comparisons with blank are false."""
    for text in ("Amount > 5", "Amount < 5", "Amount >= 5", "Amount <= 5"):
        assert evaluate(text, Amount=None) is False
    assert evaluate("Amount = 5", Amount=None) is False


def test_equality_with_null_tests_for_blank(evaluate: Evaluate) -> None:
    """NPSP's Opportunity workflow rule writes `Primary_Contact__r.Email <> NULL`
    to mean "has an email"; a blank equals only a blank."""
    assert evaluate("Email <> NULL", Email="a@example.org") is True
    assert evaluate("Email <> NULL", Email=None) is False
    assert evaluate("Email = NULL", Email="") is True
    assert evaluate("Amount <> 5", Amount=None) is True


def test_a_blank_checkbox_equals_false(evaluate: Evaluate) -> None:
    """A checkbox is never null on a Salesforce record; the corpus rule
    Validate_Qualified_Status_IsConverted writes `IsConverted = FALSE`."""
    assert evaluate("IsConverted = FALSE", IsConverted=None) is True
    assert evaluate("IsConverted <> TRUE", IsConverted=None) is True
    assert evaluate("ISCHANGED(IsConverted)", IsConverted=False, prior={}) is False


def test_blanks_act_as_zero_and_empty_text_when_treated_as_zeroes(
    evaluate: Evaluate,
) -> None:
    """fields_formula_blank_handling: "Treat blank fields as zeroes" reads blank
    numbers as 0 and blank text as ""."""
    assert evaluate("Amount + 1", Amount=None, blank_as_zero=True) == 1
    assert evaluate("Amount > -1", Amount=None, blank_as_zero=True) is True
    assert evaluate("Amount = 0", Amount=None, blank_as_zero=True) is True
    assert evaluate("ABS(Amount)", Amount=None, blank_as_zero=True) == 0
    assert evaluate("Name = ''", Name=None, blank_as_zero=True) is True


def test_function_of_a_blank_number_is_blank_when_blanks_are_blanks(
    evaluate: Evaluate,
) -> None:
    """fields_formula_blank_handling, applied to the math functions."""
    assert evaluate("ROUND(Amount, 2)", Amount=None) is None
    assert evaluate("MAX(Amount, 3)", Amount=None) is None


def test_isblank_is_true_only_for_null_and_empty_text(evaluate: Evaluate) -> None:
    """ISBLANK: "a field is not empty if it contains a character, blank space,
    or a zero" (section (e), Logical functions)."""
    assert evaluate("ISBLANK(F)", F=None) is True
    assert evaluate("ISBLANK(F)", F="") is True
    assert evaluate("ISBLANK(F)", F=" ") is False
    assert evaluate("ISBLANK(F)", F=0) is False
    assert evaluate("ISBLANK(F)", F="0") is False


def test_isnull_is_true_for_null_but_not_for_empty_text(evaluate: Evaluate) -> None:
    """Section (e): "text is never null, use ISBLANK". Values carry no declared
    type here, so ISNULL(None) is TRUE and ISNULL("") is FALSE."""
    assert evaluate("ISNULL(F)", F=None) is True
    assert evaluate("ISNULL(F)", F="") is False
    assert evaluate("ISNULL(F)", F=0) is False


def test_blankvalue_replaces_empty_text_and_nullvalue_only_null(
    evaluate: Evaluate,
) -> None:
    """Section (e): BLANKVALUE(x, sub), NULLVALUE(x, sub) (text never null)."""
    assert evaluate("BLANKVALUE(F, 'x')", F="") == "x"
    assert evaluate("NULLVALUE(F, 'x')", F="") == ""
    assert evaluate("NULLVALUE(F, 0)", F=None) == 0


# The save: ISNEW, ISCHANGED, PRIORVALUE, $Record__Prior


def test_ischanged_is_false_on_create(evaluate: Evaluate) -> None:
    """customize_functions_ischanged: false when the record is being created."""
    assert evaluate("ISCHANGED(StageName)", StageName="Won", is_new=True) is False


def test_ischanged_compares_with_the_value_before_the_save(
    evaluate: Evaluate,
) -> None:
    """customize_functions_ischanged."""
    before = {"StageName": "Open"}
    assert evaluate("ISCHANGED(StageName)", StageName="Won", prior=before) is True
    assert evaluate("ISCHANGED(StageName)", StageName="Open", prior=before) is False


def test_ischanged_sees_no_change_between_null_and_empty_text(
    evaluate: Evaluate,
) -> None:
    """Salesforce stores empty text as null, so "" and null are the same value."""
    assert evaluate("ISCHANGED(Name)", Name="", prior={"Name": None}) is False


def test_priorvalue_on_create_is_the_current_value(evaluate: Evaluate) -> None:
    """PRIORVALUE (customize_functions_priorvalue): on create it returns the
    current value, not null."""
    assert evaluate("PRIORVALUE(Amount)", Amount=10, is_new=True) == 10
    assert evaluate("PRIORVALUE(Amount)", Amount=10, prior={"Amount": 7}) == 7


def test_record_prior_is_null_on_create(evaluate: Evaluate) -> None:
    """$Record__Prior is null on create (section (a), $Record and $Record__Prior)."""
    text = "{!$Record__Prior.StageName}"
    assert evaluate(text, StageName="Won", is_new=True) is None
    assert evaluate(text, StageName="Won", prior={"StageName": "Open"}) == "Open"


def test_record_and_plain_field_names_read_the_same_field(
    evaluate: Evaluate,
) -> None:
    """$Record.X in flows and X in validation rules are the same field."""
    assert evaluate("$Record.Name & {!$Record.Name} & Name", Name="a") == "aaa"


def test_isnew_is_true_only_while_inserting(evaluate: Evaluate) -> None:
    """customize_functions_isnew."""
    assert evaluate("ISNEW()", is_new=True) is True
    assert evaluate("ISNEW()", is_new=False) is False


# Dates


def test_date_plus_number_adds_days(evaluate: Evaluate) -> None:
    """Section (e) Dates: Date ± number = days."""
    assert evaluate("CloseDate + 3", CloseDate=D(2024, 2, 27)) == D(2024, 3, 1)
    assert evaluate("CloseDate - 1", CloseDate=D(2024, 3, 1)) == D(2024, 2, 29)


def test_date_minus_date_is_a_whole_number_of_days(evaluate: Evaluate) -> None:
    """Section (e) Dates: Date - Date = number of days."""
    result = evaluate("B - A", A=D(2024, 1, 1), B=D(2024, 3, 1))
    assert result == 60
    assert isinstance(result, int)


def test_datetime_plus_a_fraction_adds_hours(evaluate: Evaluate) -> None:
    """Section (e) Dates: DateTime ± number = days, fractions = hours."""
    start = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC)
    assert evaluate("T + 0.25", T=start) == start + datetime.timedelta(hours=6)


def test_addmonths_clamps_to_the_end_of_the_month(evaluate: Evaluate) -> None:
    """customize_functions_addmonths: Jan 31 + 1 month = Feb 28/29."""
    assert evaluate("ADDMONTHS(D, 1)", D=D(2023, 1, 31)) == D(2023, 2, 28)
    assert evaluate("ADDMONTHS(D, 1)", D=D(2024, 1, 31)) == D(2024, 2, 29)


def test_addmonths_keeps_the_last_day_of_the_month_last(evaluate: Evaluate) -> None:
    """customize_functions_addmonths: "If the specified date is the last day of
    the month, the resulting date is the last day of the resulting month";
    its example: September 30, 2017 + 5 months = February 28, 2018."""
    assert evaluate("ADDMONTHS(D, 5)", D=D(2017, 9, 30)) == D(2018, 2, 28)
    assert evaluate("ADDMONTHS(D, 1)", D=D(2023, 2, 28)) == D(2023, 3, 31)
    assert evaluate("ADDMONTHS(D, 5)", D=D(2017, 9, 20)) == D(2018, 2, 20)


def test_today_is_the_date_of_the_context_clock() -> None:
    """Section (e) Dates: TODAY() is a Date, NOW() a Date/Time."""
    context = MappingContext(now=NOW)
    assert compile_formula("TODAY()").evaluate(context) == D(2024, 3, 15)
    assert compile_formula("NOW()").evaluate(context) == NOW


# Operators


def test_multiplication_binds_tighter_than_addition(evaluate: Evaluate) -> None:
    """FORMULA-OPS precedence: * / before + - &."""
    assert evaluate("1 + 2 * 3") == 7
    assert evaluate("(1 + 2) * 3") == 9


def test_exponent_binds_tighter_than_unary_minus_and_multiplication(
    evaluate: Evaluate,
) -> None:
    """customize_functions_operators precedence table: ^ before unary - before
    * /. Real orgs were reported to evaluate 2 * 2 ^ 3 as 64 (see grammar.py);
    we follow the documented table."""
    assert evaluate("-2 ^ 2") == -4
    assert evaluate("2 * 2 ^ 3") == 16


def test_exponent_associates_to_the_left(evaluate: Evaluate) -> None:
    """The documentation does not say; left, like every other operator here."""
    assert evaluate("2 ^ 3 ^ 2") == 64


def test_and_binds_tighter_than_or(evaluate: Evaluate) -> None:
    """FORMULA-OPS precedence: && before ||."""
    assert evaluate("TRUE || FALSE && FALSE") is True
    assert evaluate("(TRUE || FALSE) && FALSE") is False


def test_comparison_binds_tighter_than_equality(evaluate: Evaluate) -> None:
    """FORMULA-OPS precedence: < > <= >= before = <>."""
    assert evaluate("1 < 2 = TRUE") is True


def test_not_and_bang_negate(evaluate: Evaluate) -> None:
    """FORMULA-OPS: NOT() and ! are the same."""
    assert evaluate("NOT(Flag)", Flag=True) is False
    assert evaluate("!Flag", Flag=False) is True
    assert evaluate("!Flag && Other", Flag=False, Other=True) is True


def test_and_or_operators_and_functions_short_circuit(evaluate: Evaluate) -> None:
    """AND, OR, && and || stop at the first deciding operand, so a guard keeps
    a later operand that would fail from running."""
    assert evaluate("FALSE && VALUE('x') > 1") is False
    assert evaluate("TRUE || VALUE('x') > 1") is True
    assert evaluate("AND(FALSE, VALUE('x') > 1)") is False
    assert evaluate("OR(TRUE, VALUE('x') > 1)") is True


def test_if_evaluates_only_the_branch_it_takes(evaluate: Evaluate) -> None:
    """Section (e): IF(cond, then, else) is lazy."""
    assert evaluate("IF(ISBLANK(F), 0, VALUE(F))", F=None) == 0
    assert evaluate("IF(ISBLANK(F), 0, VALUE(F))", F="12") == 12


def test_case_returns_the_else_value_when_nothing_matches(
    evaluate: Evaluate,
) -> None:
    """Section (e): CASE(expr, v1, r1, ..., else), else required."""
    text = "CASE(Rating, 'Hot', 3, 'Warm', 2, 0)"
    assert evaluate(text, Rating="Warm") == 2
    assert evaluate(text, Rating="Cold") == 0
    assert evaluate(text, Rating="hot") == 0


def test_integer_arithmetic_stays_integer(evaluate: Evaluate) -> None:
    """Python numbers as they come: int when integral and both inputs int."""
    assert evaluate("6 / 3") == 2 and isinstance(evaluate("6 / 3"), int)
    assert evaluate("7 / 2") == 3.5


def test_ceiling_and_floor_work_on_the_absolute_value(evaluate: Evaluate) -> None:
    """customize_functions_ceiling and knowledge article 000386432:
    CEILING(-2.5) = -3, FLOOR(-2.5) = -2."""
    assert evaluate("CEILING(-2.5)") == -3
    assert evaluate("FLOOR(-2.5)") == -2
    assert evaluate("CEILING(2.1)") == 3


def test_round_rounds_half_away_from_zero(evaluate: Evaluate) -> None:
    """customize_functions_round: round half up, symmetric for negatives."""
    assert evaluate("ROUND(2.5, 0)") == 3
    assert evaluate("ROUND(-2.5, 0)") == -3
    assert evaluate("ROUND(1.005, 2)") == 1.01


# Real rules from the corpus, evaluated


@pytest.mark.parametrize(
    ("prior_close", "close", "blocked"),
    [(D(2024, 1, 1), D(2024, 5, 1), True), (D(2024, 1, 1), D(2024, 2, 1), False)],
)
def test_close_date_pushed_out_rule_blocks_a_push_of_over_sixty_days(
    prior_close: datetime.date, close: datetime.date, blocked: bool
) -> None:
    """moechapa ubiquity Opportunity/validationRules/Close_Date_Pushed_Out."""
    rule = compile_formula(
        'OR(ISPICKVAL(StageName, "Needs Analysis/Value Proposition"), '
        'ISPICKVAL(StageName, "Pending Decision"))\n'
        "&& (PRIORVALUE(CloseDate) < CloseDate)\n"
        "&& ABS(PRIORVALUE(CloseDate) - CloseDate) > 60"
    )
    context = MappingContext(
        current={"StageName": "Pending Decision", "CloseDate": close},
        prior_values={"StageName": "Pending Decision", "CloseDate": prior_close},
    )
    assert rule.evaluate(context) is blocked


def test_flow_entry_formula_sees_a_stage_move_into_closed_won() -> None:
    """moechapa ubiquity Opportunity_After_Trigger_Update_Forecast filterFormula."""
    entry = compile_formula(
        '(ISPICKVAL({!$Record.StageName},"Closed Won") || '
        'ISPICKVAL({!$Record__Prior.StageName},"Closed Won"))\n&&\n'
        "({!$Record.Forecast__c} != {!$Record__Prior.Forecast__c}\n||\n"
        "ISCHANGED({!$Record.StageName}))"
    )
    moved = MappingContext(
        current={"StageName": "Closed Won", "Forecast__c": 10},
        prior_values={"StageName": "Negotiation", "Forecast__c": 10},
    )
    assert entry.evaluate(moved) is True
    assert entry.references == {("StageName",), ("Forecast__c",)}
