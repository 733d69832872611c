"""HubSpot filter branches decide as HubSpot's list filters do."""

from __future__ import annotations

import pytest

from simulator.hubspot.filters import event_matches, filter_matches, matches
from simulator.hubspot.model import (
    EventTrigger,
    FilterBranch,
    ListFilter,
    PropertyFilter,
    UnsupportedFilter,
)

# Operators and their operation types: the list filters guide that v4 flows
# reuse, https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters


def holds(f: PropertyFilter, value: object, **more: object) -> bool:
    return filter_matches(f, {"p": value, **more}, ())


def text(operator: str, *values: str, kind: str = "MULTISTRING") -> PropertyFilter:
    return PropertyFilter("p", operator, kind, values)


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("IS_EQUAL_TO", "Dublin", True),
        ("IS_EQUAL_TO", "Dublin, Ohio", False),
        ("IS_NOT_EQUAL_TO", "Cork", True),
        ("IS_NOT_EQUAL_TO", "Dublin", False),
        ("CONTAINS", "Dublin, Ohio", True),
        ("DOES_NOT_CONTAIN", "Dublin, Ohio", False),
        ("DOES_NOT_CONTAIN", "Cork", True),
        ("STARTS_WITH", "Dublin, Ohio", True),
        ("STARTS_WITH", "North Dublin", False),
        ("ENDS_WITH", "North Dublin", True),
        ("ENDS_WITH", "Dublin, Ohio", False),
    ],
)
def test_text_operators_compare_as_the_list_filters_guide_says(
    operator: str, value: str, expected: bool
) -> None:
    # "is equal to" needs an exact match, "contains" does not:
    # https://knowledge.hubspot.com/articles/kcs_article/lists/lists-faq
    assert holds(text(operator, "Dublin"), value) is expected


def test_text_comparisons_ignore_case_by_default_and_can_be_made_strict() -> None:
    # Not confirmed in HubSpot's docs; case-insensitive is the default and
    # case_sensitive=True is the switch.
    branch = FilterBranch("AND", (text("IS_EQUAL_TO", "Dublin"),))
    assert matches(branch, {"p": "DUBLIN"}, ())
    assert not matches(branch, {"p": "DUBLIN"}, (), case_sensitive=True)


def test_multistring_with_several_values_means_any_of_them() -> None:
    # https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
    assert holds(text("IS_EQUAL_TO", "Dublin", "Cork"), "Cork")
    assert not holds(text("IS_NOT_EQUAL_TO", "Dublin", "Cork"), "Cork")
    assert holds(text("IS_NOT_EQUAL_TO", "Dublin", "Cork"), "Galway")


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("IS_ANY_OF", "lead", True),
        ("IS_ANY_OF", "customer", False),
        ("IS_NONE_OF", "customer", True),
        ("IS_NONE_OF", "lead", False),
        ("IS_ANY_OF", "webinar;lead", True),
        ("IS_EXACTLY", "lead;subscriber", True),
        ("IS_EXACTLY", "lead", False),
        ("IS_NOT_EXACTLY", "lead", True),
        ("CONTAINS_ALL", "subscriber;lead;other", True),
        ("DOES_NOT_CONTAIN_ALL", "lead", True),
    ],
)
def test_enumeration_operators_read_checkbox_values_split_on_semicolons(
    operator: str, value: str, expected: bool
) -> None:
    # Multiple checkbox values are joined with ";":
    # https://developers.hubspot.com/docs/faq/how-do-i-set-multiple-values-for-checkbox-properties
    f = PropertyFilter("p", operator, "ENUMERATION", ("lead", "subscriber"))
    assert holds(f, value) is expected


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("IS_EQUAL_TO", "50", True),
        ("IS_EQUAL_TO", "50.0", True),
        ("IS_NOT_EQUAL_TO", 49, True),
        ("IS_GREATER_THAN", "51", True),
        ("IS_GREATER_THAN", "50", False),
        ("IS_GREATER_THAN_OR_EQUAL_TO", 50, True),
        ("IS_LESS_THAN", "9", True),  # 9 < 50 as numbers, not as text
        ("IS_LESS_THAN_OR_EQUAL_TO", "50", True),
        ("IS_LESS_THAN", "fifty", False),
        ("IS_NOT_EQUAL_TO", "fifty", False),
    ],
)
def test_numbers_compare_as_numbers_though_stored_as_text(
    operator: str, value: object, expected: bool
) -> None:
    # HubSpot writes numbers as strings (amount "1000" in the docs' create-record
    # example, corpus v4-action-0-14-create-deal.json); text that is no number
    # fails the filter and its negation alike.
    f = PropertyFilter("p", operator, "NUMBER", (50,))
    assert holds(f, value) is expected


def test_is_between_includes_both_bounds() -> None:
    # NUMBER_RANGED {lowerBound, upperBound}: automationV4 OpenAPI spec,
    # PublicRangedNumberPropertyOperation.
    between = PropertyFilter("p", "IS_BETWEEN", "NUMBER_RANGED", (10, 20))
    assert [holds(between, v) for v in ("9", "10", "15", "20", "21")] == [
        False,
        True,
        True,
        True,
        False,
    ]
    outside = PropertyFilter("p", "IS_NOT_BETWEEN", "NUMBER_RANGED", (10, 20))
    assert holds(outside, "21") and not holds(outside, "15")


def test_bool_filters_read_true_and_false_as_hubspot_stores_them() -> None:
    # BOOL {value: boolean}: automationV4 OpenAPI spec, PublicBoolPropertyOperation.
    f = PropertyFilter("p", "IS_EQUAL_TO", "BOOL", (True,))
    assert holds(f, "true") and holds(f, True)
    assert not holds(f, "false")
    assert holds(PropertyFilter("p", "IS_NOT_EQUAL_TO", "BOOL", (True,)), "false")


def test_is_known_and_is_unknown_look_only_at_whether_a_value_is_set() -> None:
    # ALL_PROPERTY: automationV4 OpenAPI spec, PublicAllPropertyTypesOperation.
    known = PropertyFilter("p", "IS_KNOWN", "ALL_PROPERTY")
    unknown = PropertyFilter("p", "IS_UNKNOWN", "ALL_PROPERTY")
    assert holds(known, "x") and not holds(known, None) and not holds(known, "")
    assert holds(unknown, None) and holds(unknown, "  ") and not holds(unknown, "x")
    assert filter_matches(unknown, {}, ())


@pytest.mark.parametrize("operator", ["IS_NOT_EQUAL_TO", "DOES_NOT_CONTAIN"])
def test_a_record_with_no_value_fails_even_a_negated_filter(operator: str) -> None:
    # includeObjectsWithNoValueSet "indicates whether objects without a value
    # set should be included" (automationV4 OpenAPI spec); false leaves them out.
    assert not holds(text(operator, "Dublin"), None)


def test_include_objects_with_no_value_set_lets_a_blank_record_through() -> None:
    # automationV4 OpenAPI spec, includeObjectsWithNoValueSet on every operation.
    f = PropertyFilter("p", "IS_NONE_OF", "ENUMERATION", ("customer",), True)
    assert holds(f, None) and holds(f, "") and holds(f, "lead")
    assert not holds(f, "customer")


def test_an_or_of_and_branches_needs_one_group_to_hold_entirely() -> None:
    # "If a filter branch has an AND operator, the record is accepted if it passes
    # all the branch's filters and sub-branches; OR: any of them."
    # https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
    lead = PropertyFilter("lifecyclestage", "IS_ANY_OF", "ENUMERATION", ("lead",))
    score = PropertyFilter("hubspotscore", "IS_GREATER_THAN", "NUMBER", (50,))
    vip = ListFilter("42")
    branch = FilterBranch(
        "OR",
        branches=(FilterBranch("AND", (lead, score)), FilterBranch("AND", (vip,))),
    )
    assert matches(branch, {"lifecyclestage": "lead", "hubspotscore": "60"}, ())
    assert not matches(branch, {"lifecyclestage": "lead", "hubspotscore": "40"}, ())
    assert matches(branch, {}, {"42"})
    assert not matches(FilterBranch("OR"), {}, ())
    assert matches(FilterBranch("AND"), {}, ())


def test_not_all_and_not_any_negate_all_and_any() -> None:
    # filterBranchType NOT_ALL / NOT_ANY: automationV4 OpenAPI spec,
    # PublicNotAllFilterBranch and PublicNotAnyFilterBranch.
    a = PropertyFilter("a", "IS_KNOWN", "ALL_PROPERTY")
    b = PropertyFilter("b", "IS_KNOWN", "ALL_PROPERTY")
    only_a = {"a": "x"}
    assert matches(FilterBranch("NOT_ALL", (a, b)), only_a, ())
    assert not matches(FilterBranch("NOT_ANY", (a, b)), only_a, ())
    assert matches(FilterBranch("NOT_ANY", (a, b)), {}, ())


def test_list_filters_test_membership_of_the_record() -> None:
    # IN_LIST {listId, operator}: automationV4 OpenAPI spec, PublicInListFilter.
    assert filter_matches(ListFilter("7"), {}, {"7"})
    assert filter_matches(ListFilter("7", "NOT_IN_LIST"), {}, {"8"})
    assert not filter_matches(ListFilter("7"), {}, set())


def test_unsupported_filters_and_branches_never_match() -> None:
    # revsim's own rule, not HubSpot's: a filter it cannot evaluate keeps the
    # record out rather than letting it in, and `revsim validate` lists it.
    assert not filter_matches(UnsupportedFilter("PAGE_VIEW"), {}, ())
    assert not matches(FilterBranch("ASSOCIATION"), {}, ())


def test_an_event_fires_a_trigger_when_its_properties_pass_the_filters() -> None:
    # The docs' "Create a workflow" example filters form submissions on
    # hs_form_id IS_ANY_OF (developers.hubspot.com/docs/api/automation/workflows).
    form = PropertyFilter("hs_form_id", "IS_ANY_OF", "ENUMERATION", ("f-1",))
    trigger = EventTrigger("4-1639801", "form_submission", filters=(form,))
    assert event_matches(trigger, "form_submission", {"hs_form_id": "f-1"})
    assert not event_matches(trigger, "form_submission", {"hs_form_id": "f-2"})
    assert not event_matches(trigger, "page_view", {"hs_form_id": "f-1"})


def test_a_page_view_trigger_can_filter_on_part_of_the_url() -> None:
    # Event triggers filter the event's properties with the list filters'
    # operators (automationV4 OpenAPI spec, PublicEventFilterMetadata): CONTAINS on
    # hs_url matches a part of the address.
    url = PropertyFilter("hs_url", "CONTAINS", "MULTISTRING", ("/pricing",))
    trigger = EventTrigger("4-96000", "page_view", filters=(url,))
    assert event_matches(trigger, "page_view", {"hs_url": "https://x.example/pricing"})
    assert not event_matches(trigger, "page_view", {"hs_url": "https://x.example/"})


def test_has_not_completed_never_fires_on_an_event() -> None:
    # HAS_NOT_COMPLETED (automationV4 OpenAPI spec, the unified events filter
    # branch's operator) selects records for which no such event happened: an
    # event that did happen can never be the one that enrols them.
    trigger = EventTrigger("4-1639801", "form_submission", "HAS_NOT_COMPLETED")
    assert not event_matches(trigger, "form_submission", {})
