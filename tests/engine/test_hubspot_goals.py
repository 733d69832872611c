"""Leaving HubSpot workflows: goals, suppression lists, unenrolment elsewhere."""

from __future__ import annotations

from datetime import timedelta

from hubspot_json import (
    add_to_list,
    all_of,
    any_of,
    contact_flow,
    deal_flow,
    delay,
    enum_filter,
    list_based,
    number_filter,
    send_email,
)
from model_folder import ModelFolder, assert_expectations_hold, entries

SCORE_50 = number_filter("hubspotscore", "IS_GREATER_THAN_OR_EQUAL_TO", 50)
CUSTOMER = any_of([enum_filter("lifecyclestage", ["customer"])])


def _nurture(**settings: object) -> dict[str, object]:
    return contact_flow(
        "Nurture",
        list_based([SCORE_50]),
        [
            send_email("1", "first", then="2"),
            delay("2", 2, "DAYS", then="3"),
            send_email("3", "second"),
        ],
        **settings,
    )


def test_a_contact_meeting_the_goal_leaves_at_once_and_skips_the_rest(
    model: ModelFolder,
):
    """ "When an enrolled contact meets the workflow goal criteria, they are
    automatically unenrolled from the workflow before the next action
    executes" (https://knowledge.hubspot.com/workflows/use-goals-in-contact-based-workflows).
    Ada becomes a customer at 1d, during the delay: no second email."""
    model.hubspot_workflow(_nurture(goalFilterBranch=CUSTOMER))
    result = model.run("""
        name: becomes a customer during the delay
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
        journey:
          - {at: 1d, edit: {record: ada, fields: {lifecyclestage: customer}}}
        expect:
          - {record: ada, action: email, name: first, count: 1}
          - {record: ada, action: email, name: second, count: 0}
    """)
    assert_expectations_hold(result)
    [left] = entries(result, "unenrolled", "ada")
    assert left.time - result.scenario.start == timedelta(days=1)
    assert "met the goal" in left.message


def test_a_contact_that_already_meets_the_goal_is_not_enrolled(model: ModelFolder):
    """ "When a contact is first enrolled in a workflow, HubSpot checks if the
    contact meets the goal criteria. If they do, they will not be enrolled"
    (use-goals-in-contact-based-workflows)."""
    model.hubspot_workflow(_nurture(goalFilterBranch=CUSTOMER))
    result = model.run("""
        name: a customer with a high score
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60, lifecyclestage: customer}
        expect:
          - {record: ada, entered: Nurture, count: 0}
          - {record: ada, action: email, count: 0}
    """)
    assert_expectations_hold(result)
    [skipped] = entries(result, "skipped", "ada")
    assert "not enrolled: already meets the goal" in skipped.message


def test_members_of_a_suppression_list_are_not_enrolled(model: ModelFolder):
    """A contact "on the workflow's suppression list at the time of enrollment"
    is not enrolled (https://knowledge.hubspot.com/workflows/contact-company-deal-ticket-or-quote-not-enrolled-in-workflow)."""
    model.hubspot_workflow(_nurture(suppressionListIds=[7]))
    model.hubspot_workflow(
        contact_flow(
            "Do not contact",
            list_based([enum_filter("hs_lead_status", ["UNQUALIFIED"])]),
            [add_to_list("1", "7")],
            flow_id="1002",
        )
    )
    result = model.run("""
        name: unqualified first, then scored
        records:
          - {alias: ada, hubspot: contact, fields: {hs_lead_status: UNQUALIFIED}}
        journey:
          - {at: 1h, edit: {record: ada, fields: {hubspotscore: 60}}}
        expect:
          - {record: ada, entered: Nurture, count: 0}
    """)
    assert_expectations_hold(result)


def test_a_contact_that_joins_a_suppression_list_is_removed(model: ModelFolder):
    """Suppression lists unenrol contacts who join them (shared reference
    hubspot.md, "Unenrollment, goals, suppression";
    https://knowledge.hubspot.com/workflows/manage-workflow-enrollment-settings)."""
    model.hubspot_workflow(_nurture(suppressionListIds=[7]))
    model.hubspot_workflow(
        contact_flow(
            "Do not contact",
            list_based([enum_filter("hs_lead_status", ["UNQUALIFIED"])]),
            [add_to_list("1", "7")],
            flow_id="1002",
        )
    )
    result = model.run("""
        name: scored, then unqualified
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
        journey:
          - {at: 1d, edit: {record: ada, fields: {hs_lead_status: UNQUALIFIED}}}
        expect:
          - {record: ada, action: email, name: first, count: 1}
          - {record: ada, action: email, name: second, count: 0}
    """)
    assert_expectations_hold(result)
    [left] = entries(result, "unenrolled", "ada")
    assert "joined suppression list 7" in left.message


def test_enrolling_with_unenrol_from_all_other_workflows_removes_the_record(
    model: ModelFolder,
):
    """unEnrollmentSetting ALL: enrolling here takes the contact out of every
    other workflow (automationV4 spec, ApiUnEnrollmentSetting;
    https://knowledge.hubspot.com/workflows/manage-workflow-settings)."""
    model.hubspot_workflow(_nurture())
    model.hubspot_workflow(
        contact_flow(
            "Sales takes over",
            list_based([enum_filter("lifecyclestage", ["salesqualifiedlead"])]),
            [send_email("1", "handover")],
            flow_id="1002",
            unEnrollmentSetting={"type": "ALL", "flowIds": []},
        )
    )
    result = model.run("""
        name: an SQL leaves nurture
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
        journey:
          - {at: 1d, edit: {record: ada, fields: {lifecyclestage: salesqualifiedlead}}}
        expect:
          - {record: ada, action: email, name: second, count: 0}
          - {record: ada, action: email, name: handover, count: 1}
    """)
    assert_expectations_hold(result)
    [left] = entries(result, "unenrolled", "ada")
    assert "left 'Nurture': enrolled in 'Sales takes over'" in left.message


def test_selective_unenrolment_removes_the_record_only_from_the_listed_workflows(
    model: ModelFolder,
):
    """unEnrollmentSetting SELECTIVE with flowIds: only those workflows."""
    model.hubspot_workflow(_nurture())
    other = _nurture()
    other.update({"id": "1003", "name": "Other nurture"})
    model.hubspot_workflow(other)
    model.hubspot_workflow(
        contact_flow(
            "Sales takes over",
            list_based([enum_filter("lifecyclestage", ["salesqualifiedlead"])]),
            [send_email("1", "handover")],
            flow_id="1002",
            unEnrollmentSetting={"type": "SELECTIVE", "flowIds": ["1001"]},
        )
    )
    result = model.run("""
        name: an SQL leaves one nurture
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
        journey:
          - {at: 1d, edit: {record: ada, fields: {lifecyclestage: salesqualifiedlead}}}
        expect:
          - {record: ada, action: email, name: second, count: 1}
    """)
    assert_expectations_hold(result)
    [left] = entries(result, "unenrolled", "ada")
    assert "left 'Nurture'" in left.message


def test_a_deal_workflow_unenrols_records_that_meet_its_unenrolment_criteria(
    model: ModelFolder,
):
    """Platform flows use suppressionFilterBranch: "unenrollment criteria also
    block enrollment" and unenrol (https://knowledge.hubspot.com/workflows/manage-workflow-enrollment-settings)."""
    big = list_based([number_filter("amount", "IS_GREATER_THAN", 1000)])
    model.hubspot_workflow(
        deal_flow(
            "Big deal follow-up",
            big,
            [delay("1", 1, "DAYS", then="2"), send_email("2", "follow-up")],
            suppressionFilterBranch=all_of(enum_filter("dealstage", ["closedlost"])),
        )
    )
    result = model.run("""
        name: a big deal is lost
        until: 3d
        records:
          - alias: big
            hubspot: deal
            fields: {amount: 5000, dealstage: qualifiedtobuy}
          - alias: gone
            hubspot: deal
            fields: {amount: 5000, dealstage: closedlost}
        journey:
          - {at: 1h, stage_move: {record: big, stage: closedlost}}
        expect:
          - {record: big, entered: Big deal follow-up, count: 1}
          - {record: big, action: email, count: 0}
          - {record: gone, entered: Big deal follow-up, count: 0}
    """)
    assert_expectations_hold(result)
