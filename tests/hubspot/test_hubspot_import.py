"""What a v4 flow's enrolment and actions become once imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hubspot_flows import flow, or_of_and, property_filter, set_property

from simulator.hubspot.model import (
    ActionOutput,
    BlockedDate,
    CreateTask,
    DateFilter,
    Delay,
    DelayUntilDate,
    EnrollInWorkflow,
    FilterBranch,
    Increment,
    ListMembership,
    Notification,
    PropertyFilter,
    PropertyValue,
    SetProperty,
    StaticBranch,
    StaticBranchOption,
    TimeWindow,
    Unenrolment,
    UnsupportedAction,
    UnsupportedFilter,
    Workflow,
)

Load = Callable[[object], Workflow]


def single(
    action_id: str, type_id: str, fields: dict[str, Any], **more: Any
) -> dict[str, Any]:
    return {
        "type": "SINGLE_CONNECTION",
        "actionId": action_id,
        "actionTypeId": type_id,
        "actionTypeVersion": 0,
        "fields": fields,
        **more,
    }


def only_action(load: Load, action: dict[str, Any]) -> Any:
    return load(flow([action])).actions[action["actionId"]]


def event_branch(type_id: str, *filters: dict[str, Any]) -> dict[str, Any]:
    return {
        "filterBranchType": "UNIFIED_EVENTS",
        "filterBranchOperator": "AND",
        "eventTypeId": type_id,
        "operator": "HAS_COMPLETED",
        "filters": list(filters),
        "filterBranches": [],
    }


def test_list_based_enrolment_keeps_its_filter_and_re_enrolment_settings(
    load: Load,
) -> None:
    # LIST_BASED: listFilterBranch, reEnrollmentTriggersFilterBranches,
    # shouldReEnroll, unEnrollObjectsNotMeetingCriteria (automationV4 OpenAPI spec).
    score = property_filter("hubspotscore", "IS_GREATER_THAN", "NUMBER", value=50)
    criteria = {
        "type": "LIST_BASED",
        "shouldReEnroll": True,
        "unEnrollObjectsNotMeetingCriteria": True,
        "listFilterBranch": or_of_and(score),
        "reEnrollmentTriggersFilterBranches": [or_of_and(score)],
    }
    enrollment = load(flow(enrollmentCriteria=criteria)).enrollment
    assert enrollment and enrollment.kind == "LIST_BASED"
    assert enrollment.re_enroll and enrollment.unenroll_not_meeting
    assert enrollment.filter == enrollment.re_enroll_triggers[0]
    assert enrollment.filter == FilterBranch(
        "OR",
        branches=(
            FilterBranch(
                "AND",
                (PropertyFilter("hubspotscore", "IS_GREATER_THAN", "NUMBER", (50.0,)),),
            ),
        ),
    )


@pytest.mark.parametrize(
    ("type_id", "event"),
    [
        ("4-1639801", "form_submission"),
        ("4-96000", "page_view"),
        ("4-666440", "email_open"),
        ("4-666288", "email_click"),
        ("4-655002", "property_change"),
        ("4-1463224", "record_created"),
    ],
)
def test_event_type_ids_become_revsim_event_names(
    load: Load, type_id: str, event: str
) -> None:
    # 4-1639801: HubSpot's "Create a workflow" example; the others: published
    # eventTypeId tables of v4 references (see simulator/hubspot/enrollment.py).
    criteria = {"type": "EVENT_BASED", "eventFilterBranches": [event_branch(type_id)]}
    workflow = load(flow(enrollmentCriteria=criteria))
    assert workflow.enrollment and workflow.enrollment.events[0].event == event
    assert not workflow.not_simulated


def test_an_unknown_event_type_is_kept_under_its_id_and_reported(load: Load) -> None:
    criteria = {"type": "EVENT_BASED", "eventFilterBranches": [event_branch("4-1")]}
    workflow = load(flow(enrollmentCriteria=criteria))
    assert workflow.enrollment and workflow.enrollment.events[0].event == "unknown:4-1"
    (note,) = workflow.not_simulated
    assert note.element == "enrollmentCriteria.eventFilterBranches[0].eventTypeId"


def test_refinement_and_list_membership_branches_are_anded(load: Load) -> None:
    # EVENT_BASED refinementCriteria and listMembershipFilterBranches
    # (automationV4 OpenAPI spec, ApiEventBasedEnrollmentCriteria).
    lead = property_filter(
        "lifecyclestage", "IS_ANY_OF", "ENUMERATION", values=["lead"]
    )
    member = {"filterType": "IN_LIST", "listId": "9", "operator": "IN_LIST"}
    criteria = {
        "type": "EVENT_BASED",
        "eventFilterBranches": [event_branch("4-1639801"), event_branch("4-96000")],
        "refinementCriteria": or_of_and(lead),
        "listMembershipFilterBranches": [or_of_and(member)],
    }
    enrollment = load(flow(enrollmentCriteria=criteria)).enrollment
    assert enrollment and len(enrollment.events) == 2
    refinement = enrollment.refinement
    assert refinement and refinement.kind == "AND" and len(refinement.branches) == 2


def test_manual_enrolment_has_no_trigger(load: Load) -> None:
    enrollment = load(
        flow(enrollmentCriteria={"type": "MANUAL", "shouldReEnroll": False})
    ).enrollment
    assert enrollment and enrollment.kind == "MANUAL" and not enrollment.events


def test_date_and_history_filters_are_read_and_simulated(load: Load) -> None:
    # TIME_POINT with an INDEXED point (PublicTimePointOperation in the v4
    # spec) and a "has ever been" operator, which needs the value history.
    now_less_3_days = {
        "timeType": "INDEXED",
        "indexReference": {"referenceType": "NOW"},
        "offset": {"days": -3},
        "zoneId": "Europe/Dublin",
    }
    after = property_filter(
        "closedate",
        "IS_AFTER",
        "TIME_POINT",
        timePoint=now_less_3_days,
        endpointBehavior="EXCLUSIVE",
        type="TIME_POINT",
    )
    ever = property_filter(
        "lifecyclestage", "HAS_EVER_BEEN_ANY_OF", "ENUMERATION", values=["customer"]
    )
    criteria = {"type": "LIST_BASED", "listFilterBranch": or_of_and(after, ever)}
    workflow = load(flow(enrollmentCriteria=criteria))
    assert workflow.enrollment and workflow.enrollment.filter
    date, history = workflow.enrollment.filter.branches[0].filters
    assert isinstance(date, DateFilter) and date.operator == "IS_AFTER"
    assert date.lower.reference == "NOW" and date.lower.offset == (("days", -3),)
    assert date.lower.zone == "Europe/Dublin" and not date.lower_inclusive
    assert isinstance(history, PropertyFilter)
    assert history.operator == "HAS_EVER_BEEN_ANY_OF"
    assert not workflow.not_simulated


def test_calendar_and_rolling_date_filters_are_reported_as_not_simulated(
    load: Load,
) -> None:
    rolling = property_filter(
        "notes_last_updated", "IS_LESS_THAN_X_DAYS_AGO", "ROLLING_DATE_RANGE"
    )
    criteria = {"type": "LIST_BASED", "listFilterBranch": or_of_and(rolling)}
    workflow = load(flow(enrollmentCriteria=criteria))
    assert workflow.enrollment and workflow.enrollment.filter
    (only,) = workflow.enrollment.filter.branches[0].filters
    assert isinstance(only, UnsupportedFilter)
    assert "ROLLING_DATE_RANGE (date) property filters are not simulated" in (
        workflow.not_simulated[0].reason
    )


@pytest.mark.parametrize(
    ("unit", "minutes"),
    [("MINUTES", 90), ("HOURS", 5400), ("DAYS", 129600), ("WEEKS", 907200)],
)
def test_a_set_delay_becomes_minutes(load: Load, unit: str, minutes: int) -> None:
    action = only_action(load, single("1", "0-1", {"delta": "90", "time_unit": unit}))
    assert isinstance(action, Delay) and action.minutes == minutes


def test_a_delay_until_a_weekday_and_time_keeps_both(load: Load) -> None:
    # The shape of a real export (shared reference hubspot.md, 0-1 row).
    fields = {
        "delta": "0",
        "time_unit": "DAYS",
        "days_of_week": ["TUESDAY"],
        "time_of_day": {"hour": 9, "minute": 30},
    }
    workflow = load(flow([single("1", "0-1", fields)]))
    action = workflow.actions["1"]
    assert isinstance(action, Delay)
    assert (action.minutes, action.days_of_week) == (0, ("TUESDAY",))
    assert action.time_of_day == (9, 30) and not workflow.not_simulated


def test_0_35_with_only_delta_is_the_set_delay_the_docs_example_means(
    load: Load,
) -> None:
    # The docs' "Delay a set amount of time" example uses 0-35 (see SOURCES.md).
    action = only_action(
        load, single("1", "0-35", {"delta": "720", "time_unit": "MINUTES"})
    )
    assert isinstance(action, Delay) and action.minutes == 720


def test_0_35_until_a_date_keeps_the_date_the_delta_and_the_time_of_day(
    load: Load,
) -> None:
    # HubSpot docs "Delay until a specific date or date-based property".
    fields = {
        "date": {"type": "STATIC_VALUE", "staticValue": "1719446400000"},
        "delta": "0",
        "time_unit": "DAYS",
        "time_of_day": {"hour": 12, "minute": 0},
    }
    action = only_action(load, single("1", "0-35", fields))
    assert isinstance(action, DelayUntilDate)
    assert (action.epoch_ms, action.offset_minutes) == (1719446400000, 0)
    assert action.time_of_day == (12, 0)


def test_0_35_until_a_date_property_reads_the_property(load: Load) -> None:
    fields = {
        "date": {"type": "OBJECT_PROPERTY", "propertyName": "renewal_date"},
        "delta": "-7",
        "time_unit": "DAYS",
    }
    action = only_action(load, single("1", "0-35", fields))
    assert isinstance(action, DelayUntilDate)
    assert action.property == "renewal_date" and action.offset_minutes == -7 * 1440


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"type": "OBJECT_PROPERTY", "propertyName": "email"}, PropertyValue("email")),
        ({"type": "INCREMENT", "incrementAmount": 5}, Increment(5.0)),
    ],
)
def test_set_property_reads_each_simulated_value_type(
    load: Load, value: dict[str, Any], expected: object
) -> None:
    fields = {"property_name": "p", "value": value}
    action = only_action(load, single("1", "0-5", fields))
    assert isinstance(action, SetProperty) and action.value == expected


def test_set_property_reads_an_earlier_actions_output_and_an_association(
    load: Load,
) -> None:
    output = {"type": "FIELD_DATA", "actionId": "1", "dataKey": "k"}
    on_company = {
        "property_name": "p",
        "value": {"staticValue": "IN_PROGRESS"},
        # associationTypeId 1: contact to its primary company.
        "association": {
            "associationCategory": "HUBSPOT_DEFINED",
            "associationTypeId": 1,
        },
    }
    first = only_action(
        load, single("1", "0-5", {"property_name": "p", "value": output})
    )
    second = only_action(load, single("1", "0-5", on_company))
    assert isinstance(first, SetProperty) and first.value == ActionOutput("1", "k")
    assert isinstance(second, SetProperty) and second.association == "company"


@pytest.mark.parametrize(
    "fields",
    [
        {
            "property_name": "p",
            "value": {"type": "STATIC_VALUE", "staticValue": "{{ x }}"},
        },
        {
            "property_name": "p",
            "value": {"staticValue": "IN_PROGRESS"},
            "association": {
                "associationCategory": "USER_DEFINED",
                "associationTypeId": 77,
            },
        },
    ],
    ids=["token", "custom-association"],
)
def test_set_property_it_cannot_simulate_runs_as_a_stub(
    load: Load, fields: dict[str, Any]
) -> None:
    workflow = load(flow([single("1", "0-5", fields)]))
    assert isinstance(workflow.actions["1"], UnsupportedAction)
    assert workflow.not_simulated[0].reason.startswith(
        "action 1 (0-5, set property value)"
    )


def test_task_notification_and_list_actions_keep_their_fields(load: Load) -> None:
    actions = [
        single("1", "0-3", {"subject": "Call", "priority": "HIGH"}),
        single("2", "0-8", {"subject": "New MQL", "body": "b"}),
        single("3", "0-13", {"operation": "REMOVE", "list_id": 5}),
        single(
            "4", "0-63809083", {"listId": "6", "targetObject": "{{ enrolled_object }}"}
        ),
    ]
    for i, action in enumerate(actions[:-1]):
        action["connection"] = {"edgeType": "STANDARD", "nextActionId": str(i + 2)}
    got = load(flow(actions)).actions
    assert isinstance(got["1"], CreateTask) and got["1"].priority == "HIGH"
    assert isinstance(got["2"], Notification) and got["2"].action_type_id == "0-8"
    assert got["3"] == ListMembership("3", "0-13", got["3"].connection, "5", "REMOVE")
    assert isinstance(got["4"], ListMembership) and got["4"].operation == "ADD"


def test_an_action_type_revsim_does_not_know_runs_as_a_stub_naming_it(
    load: Load,
) -> None:
    workflow = load(flow([single("1", "1-4812", {"anything": "x"})]))
    action = workflow.actions["1"]
    assert isinstance(action, UnsupportedAction)
    assert action.kind == "app-defined or unknown action"
    assert action.stub_name == "app-defined or unknown action 1"
    assert workflow.not_simulated[0].reason.startswith(
        "action 1 (1-4812, app-defined or unknown action)"
    )


def test_enrol_in_another_workflow_keeps_the_flow_id(load: Load) -> None:
    action = only_action(load, single("1", "0-15", {"flow_id": "77"}))
    assert action == EnrollInWorkflow("1", "0-15", None, "77")


def test_a_value_equals_branch_keeps_every_arm_and_its_default(
    load: Load,
) -> None:
    branch = {
        "type": "STATIC_BRANCH",
        "actionId": "1",
        "inputValue": {"type": "OBJECT_PROPERTY", "propertyName": "country"},
        "staticBranches": [
            {
                "branchValue": "IE",
                "connection": {"edgeType": "STANDARD", "nextActionId": "2"},
            }
        ],
        "defaultBranchName": "Other",
        "defaultBranch": {"edgeType": "GO-TO", "nextActionId": "3"},
    }
    workflow = load(
        flow([branch, set_property("2", "a", "b"), set_property("3", "a", "c")])
    )
    action = workflow.actions["1"]
    assert isinstance(action, StaticBranch) and action.input == PropertyValue("country")
    (option,) = action.options
    assert option.value == "IE" and option.connection and option.connection.next == "2"
    assert action.default and action.default.goto and action.default.next == "3"
    assert [arm.label for arm in action.arms()] == ["IE", "Other"]
    assert option == StaticBranchOption("IE", option.connection)


def test_execution_windows_pause_dates_and_unenrolment_are_read(load: Load) -> None:
    windows = [{"day": "MONDAY", "startTime": {"hour": 9}, "endTime": {"hour": 17}}]
    blocked = [{"dayOfMonth": 25, "month": "DECEMBER"}]
    leave = {"type": "SELECTIVE", "flowIds": ["77"]}
    workflow = load(
        flow(
            timeWindows=windows,
            blockedDates=blocked,
            suppressionListIds=[3],
            unEnrollmentSetting=leave,
        )
    )
    assert workflow.time_windows == (TimeWindow("MONDAY", 540, 1020),)
    assert workflow.blocked_dates == (BlockedDate(12, 25, None),)
    assert workflow.unenrolment == Unenrolment("SELECTIVE", ("77",))
    assert workflow.suppression_list_ids == ("3",)
    assert not workflow.not_simulated


def test_settings_that_are_not_simulated_are_reported(load: Load) -> None:
    schedule = {"type": "DAILY", "timeOfDay": {"hour": 9, "minute": 0}}
    workflow = load(flow(enrollmentSchedule=schedule))
    assert [n.kind for n in workflow.not_simulated] == ["enrolment schedule"]


def test_a_goal_is_kept_and_what_it_cannot_check_is_reported(load: Load) -> None:
    # goalFilterBranch: contact flows only (automationV4 OpenAPI spec).
    goal = {"filterBranchType": "ASSOCIATION", "filters": [], "filterBranches": []}
    workflow = load(flow(goalFilterBranch=goal))
    assert workflow.goal and workflow.goal.kind == "ASSOCIATION"
    assert [n.element for n in workflow.not_simulated] == ["goalFilterBranch"]


def test_an_unnamed_if_then_branch_is_numbered_as_the_editor_does(load: Load) -> None:
    branch = {
        "type": "LIST_BRANCH",
        "actionId": "1",
        "listBranches": [
            {"filterBranch": or_of_and(), "connection": None},
            {"filterBranch": or_of_and(), "branchName": "Hot"},
        ],
    }
    action = load(flow([branch])).actions["1"]
    assert [option.name for option in action.options] == ["Branch 1", "Hot"]
