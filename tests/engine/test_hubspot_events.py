"""HubSpot event-based enrolment: page views, email opens and clicks, property
changes, record creation, list membership, and enrolment by hand.

Event type ids: developers.hubspot.com/docs/api/automation/workflows ("Create a
workflow", 4-1639801) and the published eventTypeId tables the importer cites
(simulator/hubspot/enrollment.py, EVENT_TYPES).
"""

from __future__ import annotations

from hubspot_json import (
    contact_flow,
    enum_filter,
    event_based,
    manual,
    send_email,
    text_filter,
)
from model_folder import ModelFolder, assert_expectations_hold, entries

PAGE_VIEW, EMAIL_OPEN, EMAIL_CLICK = "4-96000", "4-666440", "4-666288"
PROPERTY_CHANGED, RECORD_CREATED = "4-655002", "4-1463224"


def test_a_page_view_enrols_when_its_url_passes_the_filter(model: ModelFolder):
    """Page view (4-96000) with a filter on hs_url enrols on that page only."""
    pricing = text_filter("hs_url", "/pricing", "CONTAINS")
    model.hubspot_workflow(
        contact_flow("Pricing", event_based(PAGE_VIEW, pricing), [send_email("1", "1")])
    )
    result = model.run("""
        name: pricing and blog
        records:
          - alias: ada
            hubspot: contact
          - alias: bob
            hubspot: contact
        journey:
          - at: 1h
            page_view: {record: ada, url: https://nextforce.example/pricing}
          - at: 1h
            page_view: {record: bob, url: https://nextforce.example/blog}
        expect:
          - {record: ada, entered: Pricing, count: 1}
          - {record: bob, entered: Pricing, count: 0}
    """)
    assert_expectations_hold(result)


def test_an_email_open_and_an_email_click_are_events_of_their_own(
    model: ModelFolder,
):
    """Marketing email opened (4-666440) and clicked (4-666288) enrol through
    their own triggers; an open is not a click."""
    model.hubspot_workflow(
        contact_flow(
            "Opened", event_based(EMAIL_OPEN), [send_email("1", "1")], flow_id="1"
        )
    )
    model.hubspot_workflow(
        contact_flow(
            "Clicked", event_based(EMAIL_CLICK), [send_email("1", "2")], flow_id="2"
        )
    )
    result = model.run("""
        name: opens, then clicks later
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            email_open: {record: ada, email: "184512300101"}
          - at: 2h
            email_click: {record: ada, email: "184512300101"}
        expect:
          - {record: ada, entered: Opened, count: 1}
          - {record: ada, entered: Clicked, count: 1}
    """)
    assert_expectations_hold(result)
    opened, clicked = (
        e.time - result.scenario.start for e in entries(result, "enrolled")
    )
    assert (opened.seconds, clicked.seconds) == (3600, 7200)


def test_a_property_value_changed_event_fires_on_the_change_it_names(
    model: ModelFolder,
):
    """Property value changed (4-655002) filters on hs_name and hs_value: the
    change of lifecyclestage to customer enrols; other changes do not."""
    became_customer = event_based(
        PROPERTY_CHANGED,
        text_filter("hs_name", "lifecyclestage"),
        text_filter("hs_value", "customer"),
        re_enroll=True,
    )
    model.hubspot_workflow(
        contact_flow("Became customer", became_customer, [send_email("1", "1")])
    )
    result = model.run("""
        name: becomes a customer once
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
        journey:
          - at: 1h
            edit: {record: ada, fields: {firstname: Ada}}
          - at: 2h
            edit: {record: ada, fields: {lifecyclestage: customer}}
          - at: 3h
            edit: {record: ada, fields: {jobtitle: CTO}}
        expect:
          - {record: ada, entered: Became customer, count: 1}
    """)
    assert_expectations_hold(result)


def test_a_record_created_event_enrols_each_new_record(model: ModelFolder):
    """CRM object created (4-1463224): every new contact enrols once."""
    model.hubspot_workflow(
        contact_flow("Welcome", event_based(RECORD_CREATED), [send_email("1", "1")])
    )
    result = model.run("""
        name: two contacts arrive
        records:
          - alias: ada
            hubspot: contact
          - alias: bob
            hubspot: contact
            at: 1d
        expect:
          - {record: ada, entered: Welcome, count: 1}
          - {record: bob, entered: Welcome, count: 1}
    """)
    assert_expectations_hold(result)


def test_an_event_enrols_only_members_of_the_lists_the_trigger_names(
    model: ModelFolder,
):
    """listMembershipFilterBranches are ANDed with the event: a form submission
    enrols only contacts in list 42 (automationV4 OpenAPI spec,
    ApiEventBasedEnrollmentCriteria)."""
    model.hubspot_workflow(
        contact_flow(
            "Members who open",
            event_based(EMAIL_OPEN, lists=["42"]),
            [send_email("1", "1")],
        )
    )
    model.hubspot_workflow(
        contact_flow(
            "Join 42",
            event_based(
                PROPERTY_CHANGED,
                text_filter("hs_name", "hs_lead_status"),
                text_filter("hs_value", "OPEN"),
            ),
            [
                {
                    "type": "SINGLE_CONNECTION",
                    "actionId": "1",
                    "actionTypeVersion": 0,
                    "actionTypeId": "0-13",
                    "fields": {"operation": "ADD", "list_id": "42"},
                }
            ],
            flow_id="1002",
        )
    )
    result = model.run("""
        name: opens before and after joining
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            email_open: {record: ada, email: "1"}
          - at: 2h
            edit: {record: ada, fields: {hs_lead_status: OPEN}}
          - at: 3h
            email_open: {record: ada, email: "1"}
        expect:
          - {record: ada, entered: Members who open, count: 1}
    """)
    assert_expectations_hold(result)
    [enrolled] = [e for e in entries(result, "enrolled") if "open" in e.message]
    assert (enrolled.time - result.scenario.start).seconds == 3 * 3600


def test_a_person_can_enrol_a_record_by_hand(model: ModelFolder):
    """MANUAL enrolment: a journey `enrol:` puts the contact in the workflow
    without triggers (ApiManualEnrollmentCriteria in the v4 spec)."""
    model.hubspot_workflow(contact_flow("By hand", manual(), [send_email("1", "9")]))
    result = model.run("""
        name: enrolled by a rep
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            enrol: {record: ada, workflow: By hand}
        expect:
          - {record: ada, entered: By hand, count: 1}
          - {record: ada, action: email, name: "9", count: 1}
    """)
    assert_expectations_hold(result)


def test_a_record_enrolled_before_enrols_by_hand_again_only_with_re_enrolment(
    model: ModelFolder,
):
    """Records enrol the first time they meet the triggers "or are enrolled
    manually"; a record enrolled before enrols again only when re-enrolment
    is on (https://knowledge.hubspot.com/workflows/contact-company-deal-ticket-or-quote-not-enrolled-in-workflow)."""
    model.hubspot_workflow(
        contact_flow("Once", manual(), [send_email("1", "1")], flow_id="1")
    )
    model.hubspot_workflow(
        contact_flow(
            "Again", manual(re_enroll=True), [send_email("1", "2")], flow_id="2"
        )
    )
    result = model.run("""
        name: enrolled twice by hand
        records:
          - alias: ada
            hubspot: contact
        journey:
          - {at: 1h, enrol: {record: ada, workflow: Once}}
          - {at: 2h, enrol: {record: ada, workflow: Once}}
          - {at: 1h, enrol: {record: ada, workflow: Again}}
          - {at: 2h, enrol: {record: ada, workflow: Again}}
        expect:
          - {record: ada, entered: Once, count: 1}
          - {record: ada, entered: Again, count: 2}
    """)
    assert_expectations_hold(result)
    [skipped] = entries(result, "skipped", "ada")
    assert "enrolled before, and re-enrolment is off" in skipped.message


def test_enrolling_in_a_workflow_that_is_not_in_the_model_is_a_finding(
    model: ModelFolder,
):
    model.hubspot_workflow(contact_flow("By hand", manual(), [send_email("1", "9")]))
    result = model.run("""
        name: a typo in the workflow name
        records:
          - alias: ada
            hubspot: contact
        journey:
          - {at: 1h, enrol: {record: ada, workflow: By hnad}}
    """)
    [finding] = result.simulation.trace.findings
    assert "no HubSpot workflow is named 'By hnad'" in finding.message
    assert "(workflows: By hand)" in finding.message


def test_a_refinement_criterion_on_lifecycle_stage_uses_the_value_at_the_event(
    model: ModelFolder,
):
    """refinementCriteria are checked when the event happens (v4 spec)."""
    leads = [enum_filter("lifecyclestage", ["lead"])]
    model.hubspot_workflow(
        contact_flow(
            "Lead opens",
            event_based(EMAIL_OPEN, refine=leads, re_enroll=True),
            [send_email("1", "1")],
        )
    )
    result = model.run("""
        name: opens as a subscriber, then as a lead
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: subscriber}
        journey:
          - {at: 1h, email_open: {record: ada, email: "1"}}
          - {at: 2h, edit: {record: ada, fields: {lifecyclestage: lead}}}
          - {at: 3h, email_open: {record: ada, email: "1"}}
        expect:
          - {record: ada, entered: Lead opens, count: 1}
    """)
    assert_expectations_hold(result)
