"""Condition logic joins condition results as Flow Builder and the rule editor do.

Sources: META-FLOW (FlowRule.conditionLogic, FlowRecordFilter / filterLogic)
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
and META-WF (WorkflowRule.booleanFilter)
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.errors import DefinitionError
from simulator.salesforce.conditions import check_logic, evaluate_logic


def test_and_needs_every_condition() -> None:
    assert evaluate_logic("and", [True, True])
    assert not evaluate_logic("and", [True, False])


def test_or_needs_one_condition() -> None:
    assert evaluate_logic("or", [False, True])
    assert not evaluate_logic("OR", [False, False])


def test_a_rule_without_conditions_is_true() -> None:
    """reference/salesforce.md: an empty condition list in a rule is true."""
    assert evaluate_logic("and", [])
    assert evaluate_logic("or", [])


def test_custom_logic_numbers_conditions_from_one_in_document_order() -> None:
    logic = "1 AND (2 OR NOT 3)"
    assert evaluate_logic(logic, [True, False, False])
    assert not evaluate_logic(logic, [True, False, True])
    assert not evaluate_logic(logic, [False, True, True])


def test_custom_logic_keywords_are_read_in_any_case() -> None:
    """The corpus holds "(1 and 2) or (3 and 4)" (Flow Builder writes lower case
    and/or; custom logic upper case)."""
    assert evaluate_logic("(1 and 2) or (3 and 4)", [False, False, True, True])


def test_custom_logic_from_a_real_entry_filter() -> None:
    """The 15-filter logic of Proposal_After_Trigger in the corpus."""
    logic = (
        "(1 AND ((2 AND 4) OR ((3 OR 7) and 5) OR (13 AND 8)) and 6 AND 9 AND 10"
        " AND (11 OR 12) AND 14) OR 15"
    )
    check_logic(logic, 15, "Proposal_After_Trigger.flow-meta.xml", "start")
    assert evaluate_logic(logic, [False] * 14 + [True])
    assert evaluate_logic(logic, [True] * 14 + [False])
    without_six = [number != 6 for number in range(1, 16)]
    assert not evaluate_logic(logic, [*without_six[:14], False])


def test_check_logic_accepts_and_or_whatever_the_count() -> None:
    check_logic("and", 0, "f", "p")
    check_logic("Or", 3, "f", "p")


@pytest.mark.parametrize(
    ("logic", "message"),
    [
        ("1 AND 2 OR 3", "mixed without parentheses"),
        ("1 AND", "ends too early"),
        ("1 & 2", "unexpected '&'"),
        ("(1 OR 2", "expected ')'"),
        ("", "empty"),
        ("1 2", "unexpected '2'"),
    ],
)
def test_malformed_logic_is_a_definition_error(logic: str, message: str) -> None:
    with pytest.raises(DefinitionError, match=re.escape(message)) as caught:
        check_logic(logic, 3, "Lead.flow-meta.xml", "decisions[name=D]/rules[name=R]")
    assert "Lead.flow-meta.xml (decisions[name=D]/rules[name=R])" in str(caught.value)


def test_logic_naming_a_missing_condition_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match="names condition 4, but there are 3"):
        check_logic("1 AND (2 OR 4)", 3, "f", "p", line=12)


def test_logic_is_never_evaluated_as_python() -> None:
    with pytest.raises(DefinitionError):
        check_logic("__import__('os')", 1, "f", "p")


@given(st.lists(st.booleans(), min_size=3, max_size=3))
def test_custom_logic_agrees_with_boolean_algebra(results: list[bool]) -> None:
    one, two, three = results
    assert evaluate_logic("1 AND (2 OR NOT 3)", results) == (one and (two or not three))
    assert evaluate_logic("NOT (1 OR 2) OR 3", results) == ((not (one or two)) or three)


def test_and_of_all_numbers_equals_plain_and() -> None:
    for results in itertools.product([True, False], repeat=4):
        assert evaluate_logic("1 AND 2 AND 3 AND 4", list(results)) == all(results)
