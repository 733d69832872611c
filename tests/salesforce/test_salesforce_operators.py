"""Every flow condition operator and workflow criteria operation, one test each.

Flow operators: FlowComparisonOperator in the Flow metadata reference,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
and "Flow Condition Operators",
https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
("Text comparisons in Decision, Wait and Collection Filter elements are
case-insensitive"; IsChanged is false on create). Workflow criteria: the
FilterItem operations of the Workflow metadata reference,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
Semantics in detail: shared reference salesforce.md (a) and (b).
"""

from __future__ import annotations

from datetime import date

from simulator.salesforce.conditions import OPERATORS, compare, criteria_matches


def test_equal_to_is_type_aware_and_ignores_case_of_text() -> None:
    assert compare("EqualTo", "Closed Won", "closed won")
    assert compare("EqualTo", 50, "50")
    assert compare("EqualTo", date(2026, 1, 5), "2026-01-05")
    assert compare("EqualTo", True, True) and not compare("EqualTo", False, True)
    assert compare("EqualTo", None, "")  # null and empty text are the same
    assert not compare("EqualTo", None, "Web")


def test_not_equal_to_holds_for_a_null_left_against_a_value() -> None:
    assert compare("NotEqualTo", None, "Web")
    assert not compare("NotEqualTo", "web", "WEB")


def test_greater_than_compares_numbers_and_dates_and_fails_on_null() -> None:
    assert compare("GreaterThan", 101, 100)
    assert not compare("GreaterThan", 100, 100)
    assert compare("GreaterThan", date(2026, 2, 1), date(2026, 1, 31))
    assert not compare("GreaterThan", None, 0)


def test_greater_than_or_equal_to_includes_the_bound() -> None:
    assert compare("GreaterThanOrEqualTo", 100, 100)
    assert not compare("GreaterThanOrEqualTo", 99, 100)
    assert not compare("GreaterThanOrEqualTo", None, 100)


def test_less_than_compares_numbers_and_fails_on_null() -> None:
    assert compare("LessThan", 5, 10) and not compare("LessThan", 10, 10)
    assert not compare("LessThan", None, 10)


def test_less_than_or_equal_to_includes_the_bound() -> None:
    assert compare("LessThanOrEqualTo", 10, 10)
    assert not compare("LessThanOrEqualTo", 11, 10)


def test_contains_finds_text_in_any_case() -> None:
    assert compare("Contains", "Existing Customer - Upgrade", "customer")
    assert not compare("Contains", "Prospect", "customer")
    assert not compare("Contains", None, "customer")


def test_starts_with_tests_the_beginning_in_any_case() -> None:
    assert compare("StartsWith", "Partner Referral", "partner")
    assert not compare("StartsWith", "Referral by Partner", "partner")


def test_ends_with_tests_the_end_in_any_case() -> None:
    assert compare("EndsWith", "acme.example", ".EXAMPLE")
    assert not compare("EndsWith", "acme.example.org", ".example")


def test_is_null_true_means_no_value_and_false_means_a_value() -> None:
    assert compare("IsNull", None, True) and compare("IsNull", "", True)
    assert compare("IsNull", "x", False) and not compare("IsNull", 0, True)


def test_is_blank_counts_whitespace_as_blank() -> None:
    assert compare("IsBlank", "   ", True) and compare("IsBlank", None, True)
    assert not compare("IsBlank", "x", True)


def test_is_empty_asks_whether_a_collection_has_items() -> None:
    assert compare("IsEmpty", [], True) and compare("IsEmpty", None, True)
    assert compare("IsEmpty", [{"Id": "1"}], False)


def test_is_changed_compares_with_the_prior_value_and_is_false_on_create() -> None:
    assert compare("IsChanged", "Hot", True, prior="Warm")
    assert not compare("IsChanged", "Hot", True, prior="Hot")
    assert not compare("IsChanged", "Hot", True, is_new=True)
    assert compare("IsChanged", "Hot", False, is_new=True)


def test_was_set_holds_when_the_field_has_a_value() -> None:
    assert compare("WasSet", "Web", True)
    assert compare("WasSet", None, False) and not compare("WasSet", " ", True)


def test_was_selected_compares_the_interviews_answer() -> None:
    """A choice of a screen; record saves show no screen, so the engine
    answers false."""
    assert compare("WasSelected", False, False) and not compare(
        "WasSelected", False, True
    )


def test_was_visited_compares_whether_the_element_ran() -> None:
    assert compare("WasVisited", True, True) and compare("WasVisited", False, False)


def test_has_error_compares_whether_the_element_failed() -> None:
    assert compare("HasError", True, True) and not compare("HasError", False, True)


def test_in_finds_the_value_among_a_collection() -> None:
    assert compare("In", "web", ["Web", "Email"])
    assert not compare("In", "Phone", ["Web", "Email"])
    assert not compare("In", "Web", None)


def test_not_in_holds_when_the_value_is_not_among_them() -> None:
    assert compare("NotIn", "Phone", ["Web", "Email"])
    assert not compare("NotIn", "Email", ["Web", "Email"])


def test_every_flow_comparison_operator_has_a_test_named_after_it() -> None:
    """The tests above, one per FlowComparisonOperator revsim knows."""
    names = {
        name
        for name in globals()
        if name.startswith("test_") and callable(globals()[name])
    }
    for operator in OPERATORS:
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in operator).lstrip(
            "_"
        )
        assert any(name.startswith(f"test_{snake}_") for name in names), operator


# Workflow rule criteria operations


def test_criteria_equals_matches_any_comma_separated_value_in_any_case() -> None:
    assert criteria_matches("equals", "Web", "email, WEB")
    assert criteria_matches("equals", None, None)  # no value means blank


def test_criteria_not_equal_holds_when_no_value_matches() -> None:
    assert criteria_matches("notEqual", "Phone", "Web, Email")
    assert criteria_matches("notEqual", "Web", None)  # no value: not blank


def test_criteria_less_than_and_greater_than_compare_numbers() -> None:
    assert criteria_matches("lessThan", 5, "10")
    assert criteria_matches("greaterThan", 1500, "1000")
    assert not criteria_matches("greaterThan", None, "1000")


def test_criteria_less_or_equal_and_greater_or_equal_include_the_bound() -> None:
    assert criteria_matches("lessOrEqual", 10, "10")
    assert criteria_matches("greaterOrEqual", 10, "10")


def test_criteria_contains_and_not_contain_find_text_in_any_case() -> None:
    assert criteria_matches("contains", "Existing Customer", "customer")
    assert criteria_matches("notContain", "Prospect", "customer")


def test_criteria_starts_with_tests_the_beginning() -> None:
    assert criteria_matches("startsWith", "Partner Referral", "partner")


def test_criteria_includes_and_excludes_test_multi_select_items() -> None:
    assert criteria_matches("includes", "Email;Phone", "phone")
    assert criteria_matches("excludes", "Email;Phone", "Fax")
