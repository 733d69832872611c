"""What the formula grammar accepts, what it reads references as, how it refuses."""

from __future__ import annotations

import dataclasses

import pytest

from simulator.errors import FormulaError
from simulator.formula import MappingContext, compile_formula
from simulator.formula.grammar import formula_parser


def syntax_error(text: str, **where: object) -> FormulaError:
    with pytest.raises(FormulaError) as caught:
        compile_formula(text, **where)  # type: ignore[arg-type]
    return caught.value


# Literals and names


@pytest.mark.parametrize("text", ["TRUE", "true", "True", "tRuE"])
def test_true_false_and_null_are_case_insensitive(text: str) -> None:
    assert compile_formula(text).evaluate(MappingContext()) is True


def test_both_quote_styles_take_backslash_escapes() -> None:
    formula = compile_formula("""'a\\'b' & "c\\"d" & '\\\\' & "\\t" """)
    assert formula.evaluate(MappingContext()) == "a'b" + 'c"d' + "\\" + "\t"


def test_a_field_named_like_a_keyword_is_still_a_field() -> None:
    formula = compile_formula("True_Flag__c && NullCount__c = 0")
    assert formula.references == {("True_Flag__c",), ("NullCount__c",)}


def test_text_literals_may_span_lines() -> None:
    assert compile_formula("'a\nb'").evaluate(MappingContext()) == "a\nb"


# References


def test_references_strip_record_and_include_prior_reads() -> None:
    formula = compile_formula(
        "$Record.StageName & {!$Record__Prior.Amount} & Account.Type"
        " & TEXT(PRIORVALUE(CloseDate)) & IF(ISCHANGED(OwnerId), 'y', 'n')"
    )
    assert formula.references == {
        ("StageName",),
        ("Amount",),
        ("Account", "Type"),
        ("CloseDate",),
        ("OwnerId",),
    }
    assert formula.variables == frozenset()


def test_merge_fields_and_globals_are_flow_variables() -> None:
    formula = compile_formula("{!myVar} & {!Get_Account.Name} & $User.Id & $Label.X")
    assert formula.variables == {"myVar", "Get_Account.Name", "$User.Id", "$Label.X"}
    assert formula.references == frozenset()


def test_record_prefix_is_case_insensitive() -> None:
    formula = compile_formula("{!$record.Name} & $RECORD__PRIOR.Name")
    assert formula.references == {("Name",)}


def test_merge_braces_mark_a_reference_rather_than_group() -> None:
    """An active flow in the corpus (moechapa ubiquity, Opportunity_Before_Save_
    Update_Forecast) holds ISPICKVAL({!$Record.Product_Type__c,"PEP"}):
    Salesforce reads the braces as marks around the reference."""
    formula = compile_formula('ISPICKVAL({!$Record.Product_Type__c,"PEP"})')
    context = MappingContext(current={"Product_Type__c": "PEP"})
    assert formula.evaluate(context) is True


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{!a", "'{!' is never closed"),
        ("a}", "'}' without an opening '{!'"),
        ("{!a {!b}}", "'{!' inside another"),
    ],
)
def test_unbalanced_merge_braces_are_an_error(text: str, problem: str) -> None:
    assert problem in syntax_error(text).message


def test_record_alone_is_not_a_value() -> None:
    assert "$Record alone is not a value" in syntax_error("{!$Record}").message


# Syntax errors


def test_syntax_error_names_file_place_line_column_token_and_expected() -> None:
    error = syntax_error(
        "AND(\n  ISNEW(),\n  Amount > )",
        file="flows/Deal.flow-meta.xml",
        place="filterFormula",
    )
    assert error.file == "flows/Deal.flow-meta.xml"
    assert error.place == "filterFormula"
    assert "unexpected ')' at line 3, column 12 of the formula" in error.message
    assert "  Amount > )\n               ^" in error.message
    assert error.expected is not None
    assert error.expected.startswith("a field, a number, a text literal")


def test_syntax_error_line_counts_from_where_the_formula_starts_in_its_file() -> None:
    error = syntax_error("1 +\n2 2", file="Lead.object", line=40)
    assert error.line == 41
    assert str(error).startswith("Lead.object:41: syntax error: unexpected '2'")


def test_syntax_error_after_a_value_expects_an_operator() -> None:
    error = syntax_error("Amount Amount")
    assert error.expected == "an operator or the end of the formula"


def test_syntax_error_at_the_end_says_the_formula_ends_too_early() -> None:
    error = syntax_error("IF(a, b, c")
    assert "the formula ends too early at line 1, column 11" in error.message
    assert error.expected == "',' or ')'"


def test_syntax_error_names_an_unexpected_character() -> None:
    error = syntax_error("Amount # 2")
    assert "unexpected character '#' at line 1, column 8" in error.message


def test_unknown_escape_in_text_is_an_error() -> None:
    assert "unknown escape '\\q'" in syntax_error("'a\\qb'").message


# The compiled formula


def test_the_parser_is_built_once_per_process() -> None:
    assert formula_parser() is formula_parser()


def test_a_compiled_formula_is_immutable() -> None:
    formula = compile_formula("1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        formula.text = "2"  # type: ignore[misc]
