"""Workflow rule criteria items match as the rule editor describes them.

Source: META-WF, FilterItem (field, operation, value)
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
and reference/salesforce.md section (b).
"""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.salesforce.conditions import CRITERIA_OPERATIONS, criteria_matches


def test_comma_separated_values_are_alternatives() -> None:
    """META-WF: a comma-separated value list is an OR of the values."""
    assert criteria_matches("equals", "Web", "Web, Phone Inquiry")
    assert criteria_matches("equals", "Phone Inquiry", "Web,Phone Inquiry")
    assert not criteria_matches("equals", "Partner", "Web,Phone Inquiry")


def test_not_equal_holds_when_no_alternative_matches() -> None:
    assert criteria_matches("notEqual", "Partner", "Web,Phone Inquiry")
    assert not criteria_matches("notEqual", "Web", "Web,Phone Inquiry")


def test_criteria_ignore_case() -> None:
    assert criteria_matches("equals", "closed won", "Closed Won")
    assert criteria_matches("contains", "Acme Corporation", "CORP")
    assert criteria_matches("startsWith", "Webinar: Q3", "webinar")


def test_equals_with_no_value_means_blank() -> None:
    """reference/salesforce.md: equals with an empty value means "is blank"."""
    assert criteria_matches("equals", None, None)
    assert criteria_matches("equals", "", "")
    assert not criteria_matches("equals", "x", None)


def test_not_equal_with_no_value_means_not_blank() -> None:
    """The corpus (TestCopado Case.workflow) has notEqual with no <value>."""
    assert criteria_matches("notEqual", "a@example.com", None)
    assert not criteria_matches("notEqual", None, None)


def test_number_fields_compare_as_numbers() -> None:
    """Lead.AnnualRevenue equals 20 (chennareddy Lead.workflow)."""
    assert criteria_matches("equals", 20.0, "20")
    assert criteria_matches("greaterThan", 100, "50")
    assert criteria_matches("lessOrEqual", 50, "50")
    assert not criteria_matches("greaterThan", None, "50")


def test_date_values_read_as_the_setup_ui_writes_them() -> None:
    assert criteria_matches("greaterOrEqual", dt.date(2024, 2, 1), "1/15/2024")
    assert criteria_matches("lessThan", dt.date(2024, 1, 1), "2024-01-15")


def test_boolean_fields_match_true_and_false_text() -> None:
    assert criteria_matches("equals", True, "True")
    assert criteria_matches("equals", False, "false")


def test_includes_tests_multi_select_items() -> None:
    """META-WF includes / excludes: items of a multi-select picklist; "A;B"
    asks for both items, "A,B" for either."""
    assert criteria_matches("includes", "Email;Webinar", "webinar")
    assert criteria_matches("includes", "Email;Webinar", "Phone,Email")
    assert criteria_matches("includes", "Email;Webinar", "Email;Webinar")
    assert not criteria_matches("includes", "Email", "Email;Webinar")
    assert criteria_matches("excludes", "Email", "Webinar")
    assert not criteria_matches("includes", "Emails", "Email")


def test_not_contain_holds_for_a_blank_field() -> None:
    assert criteria_matches("notContain", None, "spam")


def test_unknown_operation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown criteria operation"):
        criteria_matches("within", "x", "1")


def test_the_operations_are_those_of_the_filter_operation_enum() -> None:
    assert {"equals", "notEqual", "includes", "excludes"} <= CRITERIA_OPERATIONS
