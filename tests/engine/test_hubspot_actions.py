"""HubSpot workflow actions: delays, if/then branches, increments, static lists."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hubspot_json import (
    add_to_list,
    add_to_list_v5,
    any_of,
    contact_flow,
    delay,
    enum_filter,
    in_list,
    increment,
    list_based,
    list_branch,
    number_filter,
    send_email,
    set_property,
)
from model_folder import ModelFolder, assert_expectations_hold, entries

EVERY_LEAD = list_based([enum_filter("lifecyclestage", ["lead"])])


def test_a_delay_resumes_the_workflow_exactly_its_length_later(model: ModelFolder):
    """A "delay for a set amount of time" holds the record for exactly that long.

    https://knowledge.hubspot.com/workflows/use-delays
    Ada enrols at 0m; after a 3-hour delay the workflow sets nurture_step. The
    value is still blank one second before 3h and set at 3h.
    """
    model.hubspot_workflow(
        contact_flow(
            "Nurture",
            EVERY_LEAD,
            [
                delay("1", 3, "HOURS", then="2"),
                set_property("2", "nurture_step", "followed_up"),
            ],
        )
    )
    result = model.run("""
        name: three hours later
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
        expect:
          - record: ada
            field: nurture_step
            at: 10799s
            equals: null
          - record: ada
            field: nurture_step
            at: 3h
            equals: followed_up
    """)
    assert_expectations_hold(result)


def _scored_branch(**default: str) -> dict[str, object]:
    """Warm (score >= 50) is listed before hot (score >= 70)."""
    warm = any_of([number_filter("hubspotscore", "IS_GREATER_THAN_OR_EQUAL_TO", 50)])
    hot = any_of([number_filter("hubspotscore", "IS_GREATER_THAN_OR_EQUAL_TO", 70)])
    return contact_flow(
        "Segment by score",
        EVERY_LEAD,
        [
            list_branch("1", [("Warm", warm, "2"), ("Hot", hot, "3")], **default),
            set_property("2", "segment", "warm"),
            set_property("3", "segment", "hot"),
            set_property("4", "segment", "cold"),
        ],
    )


def test_an_if_then_branch_takes_the_first_branch_that_matches(model: ModelFolder):
    """Branches are evaluated in their order and the first match wins.

    https://knowledge.hubspot.com/workflows/use-if-then-branches-in-workflows
    A score of 80 meets both "Warm" (>= 50, listed first) and "Hot" (>= 70).
    """
    model.hubspot_workflow(_scored_branch(default_name="Cold", default="4"))
    result = model.run("""
        name: score 80 meets both branches
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead, hubspotscore: 80}
        expect:
          - record: ada
            field: segment
            equals: warm
    """)
    assert_expectations_hold(result)
    [taken] = entries(result, "branch", "ada")
    assert "'Warm'" in taken.message


def test_an_if_then_branch_takes_the_default_branch_when_none_matches(
    model: ModelFolder,
):
    """A record that meets no branch goes down the default ("None met") branch.

    https://knowledge.hubspot.com/workflows/use-if-then-branches-in-workflows
    """
    model.hubspot_workflow(_scored_branch(default_name="Cold", default="4"))
    result = model.run("""
        name: score 10 meets neither branch
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead, hubspotscore: 10}
        expect:
          - record: ada
            field: segment
            equals: cold
    """)
    assert_expectations_hold(result)


def test_an_if_then_branch_without_a_default_branch_ends_the_path(
    model: ModelFolder,
):
    """A LIST_BRANCH with a defaultBranchName but no defaultBranch ends the
    workflow for records that meet no branch: no action after it runs.

    Shared reference hubspot.md, "Branches" (seen in real exports and
    https://knowledge.hubspot.com/workflows/use-if-then-branches-in-workflows).
    """
    flow = _scored_branch(default_name="Cold")
    flow["actions"].append(send_email("5", "5006"))
    model.hubspot_workflow(flow)
    result = model.run("""
        name: no default branch
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead, hubspotscore: 10}
        expect:
          - record: ada
            field: segment
            equals: null
          - record: ada
            action: email
            count: 0
          - record: ada
            entered: Segment by score
            count: 1
    """)
    assert_expectations_hold(result)
    [taken] = entries(result, "branch", "ada")
    assert "'Cold'" in taken.message


def test_an_increment_adds_to_a_number_property(model: ModelFolder):
    """Set property value with an INCREMENT value adds incrementAmount.

    HubSpot's v4 flow spec, value type INCREMENT {incrementAmount}:
    https://github.com/HubSpot/HubSpot-public-api-spec-collection
    (PublicApiSpecs/Automation/Automation V4). 5 + 10 = 15.
    """
    model.hubspot_workflow(
        contact_flow(
            "Points for leads", EVERY_LEAD, [increment("1", "engagement_points", 10)]
        )
    )
    result = model.run("""
        name: ten more points
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead, engagement_points: 5}
        expect:
          - record: ada
            field: engagement_points
            equals: 15
    """)
    assert_expectations_hold(result)


@pytest.mark.parametrize("action", [add_to_list, add_to_list_v5])
def test_an_add_to_static_list_action_makes_the_contact_a_member(
    model: ModelFolder, action: Callable[[str, str], dict[str, object]]
):
    """Add to static list (0-13 ADD, or the newer 0-63809083) puts the enrolled
    contact in the list, which a list-membership trigger then sees.

    https://developers.hubspot.com/docs/api/automation/workflows (actionTypeId
    table: 0-13 add to / remove from static list).
    """
    model.hubspot_workflow(
        contact_flow("Add leads to 42", EVERY_LEAD, [action("1", "42")], flow_id="1")
    )
    model.hubspot_workflow(
        contact_flow(
            "Members of 42",
            list_based([in_list("42")]),
            [send_email("1", "5007")],
            flow_id="2",
        )
    )
    result = model.run("""
        name: joins list 42
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
        expect:
          - record: ada
            entered: Members of 42
            count: 1
    """)
    assert_expectations_hold(result)
    [joined] = entries(result, "list", "ada")
    assert joined.message == "added to list 42"
    assert joined.cause.name == "Add leads to 42"
