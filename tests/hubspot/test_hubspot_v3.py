"""Legacy v3 workflows (GET /automation/v3/workflows/{id}) import into the same model.

Shape: https://developers.hubspot.com/docs/methods/workflows/v3/create_workflow
and the GET example of
https://developers.hubspot.com/docs/api-reference/legacy/create-manage-workflows-v3/get-automation-v3-workflows-workflowId
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.errors import DefinitionError
from simulator.hubspot.model import (
    Delay,
    EnrollInWorkflow,
    FilterBranch,
    Increment,
    ListBranch,
    ListFilter,
    ListMembership,
    PropertyFilter,
    PropertyValue,
    SendEmail,
    SetProperty,
    StaticValue,
    Timestamp,
    TimeWindow,
    Unenrolment,
    UnsupportedAction,
    Workflow,
)

Load = Callable[[object], Workflow]


def score_at_least(value: str) -> dict[str, Any]:
    return {
        "filterFamily": "PropertyValue",
        "withinTimeMode": "PAST",
        "property": "hubspotscore",
        "value": value,
        "type": "number",
        "operator": "GTE",
    }


def legacy(**more: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": 10900,
        "portalId": 62515,
        "name": "Legacy nurture",
        "type": "DRIP_DELAY",
        "enabled": True,
        "segmentCriteria": [[score_at_least("50")]],
        "actions": [{"type": "EMAIL", "emailContentId": 111}],
    }
    body.update(more)
    return body


def test_a_v3_workflow_imports_with_its_criteria_as_an_or_of_and_groups(
    load: Load,
) -> None:
    workflow = load(legacy())
    assert (workflow.id, workflow.api, workflow.object) == ("10900", "v3", "contact")
    assert workflow.enabled and workflow.start == "1"
    enrollment = workflow.enrollment
    assert enrollment and enrollment.kind == "LIST_BASED" and enrollment.filter
    assert enrollment.filter == FilterBranch(
        "OR",
        (),
        (
            FilterBranch(
                "AND",
                (
                    PropertyFilter(
                        "hubspotscore", "IS_GREATER_THAN_OR_EQUAL_TO", "NUMBER", (50.0,)
                    ),
                ),
            ),
        ),
    )
    assert workflow.actions["1"] == SendEmail("1", "EMAIL", None, "111")


def test_v3_actions_run_in_order_and_a_branch_nests_its_yes_and_no_lists(
    load: Load,
) -> None:
    in_42 = {"filterFamily": "ListMembership", "list": 42, "operator": "IN_LIST"}
    actions = [
        {"type": "DELAY", "delayMillis": 3_600_000},
        {
            "type": "SET_CONTACT_PROPERTY",
            "propertyName": "hs_lead_status",
            "newValue": "OPEN",
        },
        {
            "type": "BRANCH",
            "filters": [[in_42]],
            "acceptActions": [{"type": "EMAIL", "emailContentId": 111}],
            "rejectActions": [
                {"type": "UPDATE_LIST", "listId": 42, "action": "ADD"},
                {"type": "WEBHOOK", "url": "https://x.example", "method": "POST"},
            ],
        },
    ]
    got = load(legacy(actions=actions)).actions
    assert isinstance(got["1"], Delay) and got["1"].minutes == 60
    assert got["1"].connection and got["1"].connection.next == "2"
    assert got["2"] == SetProperty(
        "2",
        "SET_CONTACT_PROPERTY",
        got["2"].connection,
        "hs_lead_status",
        StaticValue("OPEN"),
    )
    branch = got["3"]
    assert isinstance(branch, ListBranch) and branch.default_name == "No"
    assert branch.options[0].filter.branches[0].filters == (ListFilter("42"),)
    yes, no = branch.options[0].connection, branch.default
    assert yes and no and got[yes.next] == SendEmail(yes.next, "EMAIL", None, "111")
    assert isinstance(got[no.next], ListMembership)
    assert isinstance(got["6"], UnsupportedAction) and got["6"].stub_name == "webhook 6"


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (
            {"type": "ADD_SUBTRACT_PROPERTY", "propertyName": "score", "newValue": "5"},
            Increment(5.0),
        ),
        ({"type": "DATE_STAMP_PROPERTY", "propertyName": "score"}, Timestamp()),
        (
            {"type": "COPY_PROPERTY", "sourceProperty": "a", "targetProperty": "score"},
            PropertyValue("a"),
        ),
    ],
)
def test_v3_property_actions_become_set_property_values(
    load: Load, action: dict[str, Any], expected: object
) -> None:
    got = load(legacy(actions=[action])).actions["1"]
    assert isinstance(got, SetProperty) and got.property == "score"
    assert got.value == expected


def test_a_v3_company_property_is_set_on_the_associated_company(load: Load) -> None:
    action = {"type": "SET_COMPANY_PROPERTY", "propertyName": "tier", "newValue": "A"}
    got = load(legacy(actions=[action])).actions["1"]
    assert isinstance(got, SetProperty) and got.association == "company"


def test_v3_settings_become_goal_suppression_windows_and_unenrolment(
    load: Load,
) -> None:
    customer = {
        "filterFamily": "PropertyValue",
        "property": "lifecyclestage",
        "value": "customer",
        "type": "enumeration",
        "operator": "SET_ANY",
    }
    workflow = load(
        legacy(
            goalCriteria=[[customer]],
            suppressionListIds=[7],
            onlyExecOnBizDays=True,
            nurtureTimeRange={"enabled": True, "startHour": 9, "stopHour": 17},
            unenrollmentSetting={"type": "SELECTIVE", "excludedWorkflows": [123]},
            allowContactToTriggerMultipleTimes=True,
            reEnrollmentTriggerSets=[
                [{"type": "CONTACT_PROPERTY_NAME", "id": "hubspotscore"}]
            ],
            listening=True,
        )
    )
    assert workflow.goal and workflow.goal.branches[0].filters == (
        PropertyFilter("lifecyclestage", "IS_ANY_OF", "ENUMERATION", ("customer",)),
    )
    assert workflow.suppression_list_ids == ("7",)
    assert workflow.time_windows[0] == TimeWindow("MONDAY", 540, 1020)
    assert [w.day for w in workflow.time_windows][-1] == "FRIDAY"
    assert workflow.unenrolment == Unenrolment("SELECTIVE", ("123",))
    enrollment = workflow.enrollment
    assert enrollment and enrollment.re_enroll and enrollment.unenroll_not_meeting
    (trigger,) = enrollment.re_enroll_triggers
    assert trigger.filters == (
        PropertyFilter("hubspotscore", "IS_KNOWN", "ALL_PROPERTY"),
    )


def test_a_v3_form_criterion_alone_enrols_on_the_form_submission(load: Load) -> None:
    form = {
        "filterFamily": "FormSubmission",
        "operator": "HAS_FILLED_OUT_FORM",
        "form": "c3a9f0e2",
    }
    enrollment = load(legacy(segmentCriteria=[[form]])).enrollment
    assert enrollment and enrollment.kind == "EVENT_BASED"
    (trigger,) = enrollment.events
    assert trigger.event == "form_submission"
    assert trigger.filters[0] == PropertyFilter(
        "hs_form_id", "IS_ANY_OF", "ENUMERATION", ("c3a9f0e2",)
    )


def test_a_v3_workflow_without_criteria_is_enrolled_by_hand(load: Load) -> None:
    workflow = load(legacy(segmentCriteria=[], onlyEnrollsManually=True))
    assert workflow.enrollment and workflow.enrollment.kind == "MANUAL"


def test_v3_enrol_in_workflow_and_unknown_actions(load: Load) -> None:
    actions = [
        {"type": "WORKFLOW_ENROLLMENT", "workflowId": 555},
        {"type": "LEAD_ASSIGNMENT", "owners": [1, 2]},
    ]
    workflow = load(legacy(actions=actions))
    assert workflow.actions["1"] == EnrollInWorkflow(
        "1", "WORKFLOW_ENROLLMENT", workflow.actions["1"].connection, "555"
    )
    assert isinstance(workflow.actions["2"], UnsupportedAction)
    assert "LEAD_ASSIGNMENT" in workflow.not_simulated[0].reason


def test_a_v3_filter_family_revsim_does_not_evaluate_is_reported(load: Load) -> None:
    page = {"filterFamily": "PageView", "operator": "HAS_PAGEVIEW_EQ", "value": "/x"}
    workflow = load(legacy(segmentCriteria=[[page, score_at_least("10")]]))
    assert [n.kind for n in workflow.not_simulated] == ["PageView filter"]


def test_actions_after_a_v3_branch_in_the_same_list_are_an_error(load: Load) -> None:
    actions = [
        {"type": "BRANCH", "filters": [], "acceptActions": [], "rejectActions": []},
        {"type": "EMAIL", "emailContentId": 1},
    ]
    with pytest.raises(DefinitionError) as caught:
        load(legacy(actions=actions))
    assert caught.value.place == "actions[0].type"
    assert "actions follow a BRANCH" in caught.value.message
