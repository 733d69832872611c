"""Flow condition operators behave as Salesforce documents them.

Sources (reference/salesforce.md, "Condition operators — exact semantics"):
FLOW-OPS-COND https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
META-FLOW https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.errors import DefinitionError
from simulator.salesforce.conditions import OPERATORS, check_operator, compare

scalars = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.integers(-5, 5),
    st.decimals(-5, 5, places=1, allow_nan=False),
    st.booleans(),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2024, 1, 5)),
)


def test_decision_text_comparison_is_case_insensitive() -> None:
    """FLOW-OPS-COND: "Text comparisons in Decision, Wait and Collection Filter
    elements are case-insensitive. This applies to text, picklist and
    multi-select picklist values." """
    assert compare("EqualTo", "Closed Won", "closed won")
    assert not compare("NotEqualTo", "PROSPECTING", "Prospecting")
    assert compare("Contains", "Existing Customer - Upgrade", "CUSTOMER")
    assert compare("StartsWith", "Webinar: Q3", "webinar")
    assert compare("EndsWith", "Partner Referral", "REFERRAL")


def test_null_and_empty_text_are_equal() -> None:
    """FLOW-OPS-COND: null text and the empty string compare equal, as
    $GlobalConstant.EmptyString shows."""
    assert compare("EqualTo", None, "")
    assert compare("EqualTo", "", None)
    assert not compare("NotEqualTo", None, "")


def test_null_left_operand_makes_equal_to_false_and_not_equal_to_true() -> None:
    """reference/salesforce.md: a null left vs a non-null right — EqualTo false,
    NotEqualTo true (FLOW-OPS-COND)."""
    assert not compare("EqualTo", None, "Closed Won")
    assert compare("NotEqualTo", None, "Closed Won")


@pytest.mark.parametrize(
    "operator",
    ["GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo"],
)
def test_null_left_operand_makes_greater_than_false(operator: str) -> None:
    """FLOW-OPS-COND: any null operand makes an ordering comparison false."""
    assert not compare(operator, None, 50)
    assert not compare(operator, 50, None)


def test_number_field_compares_with_numeric_string_as_numbers() -> None:
    """A Number field against stringValue "50": 100 > 50 as numbers, where the
    text "100" would sort before "50"."""
    assert compare("GreaterThan", 100, "50")
    assert compare("EqualTo", Decimal("50.0"), "50")
    assert compare("LessThanOrEqualTo", 49.5, "50")
    assert compare("EqualTo", 0.1, Decimal("0.1"))


def test_text_that_is_not_a_number_compares_as_text() -> None:
    assert not compare("EqualTo", 50, "fifty")
    assert compare("GreaterThan", "b", "A")


def test_dates_compare_with_iso_text_and_datetimes() -> None:
    """META-FLOW: dateValue and dateTimeValue are ISO values; a date counts
    as its midnight UTC against a datetime."""
    close = dt.date(2024, 3, 31)
    assert compare("LessThan", close, "2024-04-01")
    assert compare("EqualTo", close, dt.date(2024, 3, 31))
    noon = dt.datetime(2024, 3, 31, 12, tzinfo=dt.UTC)
    assert compare("GreaterThan", noon, close)
    assert compare("EqualTo", noon, "2024-03-31T12:00:00.000Z")


def test_boolean_compares_with_true_text() -> None:
    assert compare("EqualTo", True, "true")
    assert compare("NotEqualTo", False, True)


def test_contains_on_multi_select_tests_the_joined_text() -> None:
    """reference/salesforce.md: Contains on a multi-select picklist tests a
    substring of the ';'-joined value, not membership."""
    assert compare("Contains", "Email;Webinar", "mail;web")


def test_contains_is_false_when_either_side_is_null() -> None:
    assert not compare("Contains", None, "x")
    assert not compare("StartsWith", "abc", None)


def test_is_null_compares_emptiness_with_the_boolean_on_the_right() -> None:
    """META-FLOW IsNull: rightValue true asks "no value", false "has a value";
    flows treat null and empty text alike."""
    assert compare("IsNull", None, True)
    assert compare("IsNull", "", True)
    assert compare("IsNull", "x", False)
    assert not compare("IsNull", 0, True)


def test_is_blank_counts_whitespace_text_as_blank() -> None:
    """META-FLOW IsBlank (API 61+): text of zero characters or only
    whitespace; other types: null."""
    assert compare("IsBlank", "   ", True)
    assert not compare("IsNull", "   ", True)
    assert compare("IsBlank", 0, False)


def test_is_empty_asks_whether_a_collection_has_items() -> None:
    """META-FLOW IsEmpty: the collection has no items."""
    assert compare("IsEmpty", [], True)
    assert compare("IsEmpty", None, True)
    assert compare("IsEmpty", ["003A"], False)


def test_is_changed_is_false_on_create() -> None:
    """FLOW-OPS-COND IsChanged: "always false on create" — there is no
    $Record__Prior when a record is created."""
    assert not compare("IsChanged", "Working", True, is_new=True)
    assert compare("IsChanged", "Working", False, is_new=True)


def test_is_changed_compares_with_the_prior_value() -> None:
    """FLOW-OPS-COND IsChanged: the $Record value differs from $Record__Prior."""
    assert compare("IsChanged", "Working", True, prior="Open")
    assert not compare("IsChanged", "Open", True, prior="Open")
    assert compare("IsChanged", "Open", True, prior=None)
    assert not compare("IsChanged", None, True, prior="")


def test_is_changed_sees_a_change_of_case() -> None:
    """The stored value changes when only its case does."""
    assert compare("IsChanged", "ACME", True, prior="Acme")


def test_is_changed_needs_a_prior_value_on_update() -> None:
    with pytest.raises(ValueError, match="prior"):
        compare("IsChanged", "x", True)


def test_was_set_is_true_when_the_field_holds_a_value() -> None:
    """FLOW-OPS-COND WasSet: the field has a value at evaluation time; false
    if null or blank."""
    assert compare("WasSet", "x", True)
    assert not compare("WasSet", " ", True)
    assert compare("WasSet", None, False)


def test_in_and_not_in_test_membership_of_a_collection() -> None:
    """META-FLOW In / NotIn (API 56+): the left value is (not) in the
    collection on the right; text compares case-insensitively."""
    assert compare("In", "closed won", ["Closed Won", "Closed Lost"])
    assert compare("NotIn", "Prospecting", ["Closed Won", "Closed Lost"])
    assert not compare("In", "x", None)


def test_was_visited_compares_the_interview_answer() -> None:
    """META-FLOW WasVisited: true when the element already ran; the engine
    resolves the left side to that answer."""
    assert compare("WasVisited", True, True)
    assert compare("WasVisited", False, False)


def test_unknown_operator_lists_the_known_ones() -> None:
    with pytest.raises(DefinitionError) as caught:
        check_operator("EqualsTo", file="f.flow-meta.xml", place="decisions[name=X]")
    message = str(caught.value)
    assert "f.flow-meta.xml (decisions[name=X])" in message
    assert "GreaterThanOrEqualTo" in message
    assert "did you mean EqualTo?" in message


def test_unfinished_condition_operator_says_to_finish_it() -> None:
    """META-FLOW lists operator None as the placeholder of an incomplete row."""
    with pytest.raises(DefinitionError, match="unfinished"):
        check_operator("None", file="f", place="p")


def test_every_operator_of_the_brief_is_known() -> None:
    documented = {
        "EqualTo", "NotEqualTo", "GreaterThan", "GreaterThanOrEqualTo",
        "LessThan", "LessThanOrEqualTo", "Contains", "StartsWith", "EndsWith",
        "IsNull", "IsBlank", "IsEmpty", "IsChanged", "WasSet", "In", "NotIn",
    }  # fmt: skip
    assert documented <= OPERATORS


@given(scalars, scalars)
def test_not_equal_to_is_always_the_negation_of_equal_to(
    left: object, right: object
) -> None:
    assert compare("NotEqualTo", left, right) != compare("EqualTo", left, right)


@given(scalars, scalars)
def test_equal_to_is_symmetric(left: object, right: object) -> None:
    assert compare("EqualTo", left, right) == compare("EqualTo", right, left)


@given(st.integers(-100, 100), st.integers(-100, 100))
def test_exactly_one_ordering_holds_for_two_numbers(left: int, right: int) -> None:
    outcomes = [
        compare("LessThan", left, right),
        compare("EqualTo", left, right),
        compare("GreaterThan", left, right),
    ]
    assert outcomes.count(True) == 1
