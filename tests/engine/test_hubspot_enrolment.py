"""HubSpot enrolment: first time only, never twice at once, events, re-enrolment."""

from __future__ import annotations

from datetime import timedelta

from hubspot_json import (
    add_to_list,
    contact_flow,
    delay,
    enum_filter,
    form_submitted,
    in_list,
    known,
    list_based,
    number_filter,
    remove_from_list,
    send_email,
    time_point_filter,
)
from model_folder import ModelFolder, assert_expectations_hold, entries

DEMO_FORM = "c3a9f0e2-81d4-4b7c-a6e5-2d9b4f1c7a30"
WEBINAR_FORM = "7d1e2c9a-4b3f-4e8a-9c21-5f0b6a3d8e14"
SCORE_50 = number_filter("hubspotscore", "IS_GREATER_THAN_OR_EQUAL_TO", 50)


def test_a_contact_that_meets_the_filter_twice_enrols_once(model: ModelFolder):
    """By default a record enrols only the first time it meets the triggers.

    https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow
    Ada meets "score >= 50" at 1h, stops meeting it at 2h and meets it again
    at 3h; without re-enrolment she goes through the workflow once.
    """
    model.hubspot_workflow(
        contact_flow(
            "Score reached 50", list_based([SCORE_50]), [send_email("1", "5001")]
        )
    )
    result = model.run("""
        name: meets the filter twice
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 10}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hubspotscore: 60}}
          - at: 2h
            edit: {record: ada, fields: {hubspotscore: 10}}
          - at: 3h
            edit: {record: ada, fields: {hubspotscore: 70}}
        expect:
          - record: ada
            entered: Score reached 50
            count: 1
          - record: ada
            action: email
            name: "5001"
            count: 1
    """)
    assert_expectations_hold(result)


def test_a_contact_is_never_enrolled_twice_at_once(model: ModelFolder):
    """A record already in a workflow does not enrol again until it has left it.

    https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow
    (shared reference hubspot.md, "Enrollment"). Re-enrolment is on, and every
    form submission is a new trigger; the submission at 1h comes while Ada
    waits in the one-day delay, so it is ignored. The one at 2d comes after
    she left, so she enrols again: two enrolments, not three.
    """
    model.forms(**{"demo-request": DEMO_FORM})
    model.hubspot_workflow(
        contact_flow(
            "Demo follow-up",
            form_submitted(DEMO_FORM, re_enroll=True),
            [delay("1", 1, "DAYS", then="2"), send_email("2", "5002")],
        )
    )
    result = model.run("""
        name: submits again while enrolled
        until: 5d
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 0m
            form_submission: {record: ada, form: demo-request}
          - at: 1h
            form_submission: {record: ada, form: demo-request}
          - at: 2d
            form_submission: {record: ada, form: demo-request}
        expect:
          - record: ada
            entered: Demo follow-up
            count: 2
          - record: ada
            action: email
            name: "5002"
            count: 2
    """)
    assert_expectations_hold(result)


def test_a_form_submission_enrols_only_through_the_form_its_filter_names(
    model: ModelFolder,
):
    """An event-based workflow on form submissions (eventTypeId 4-1639801)
    filtered on hs_form_id enrols contacts who submit that form, no other.

    https://developers.hubspot.com/docs/api/automation/workflows ("Create a
    workflow": EVENT_BASED enrolment on a form submission with a form id filter).
    """
    model.forms(**{"demo-request": DEMO_FORM, "webinar-registration": WEBINAR_FORM})
    model.hubspot_workflow(
        contact_flow(
            "Demo request", form_submitted(DEMO_FORM), [send_email("1", "5003")]
        )
    )
    result = model.run("""
        name: demo form enrols, webinar form does not
        records:
          - alias: ada
            hubspot: contact
          - alias: bob
            hubspot: contact
        journey:
          - at: 5m
            form_submission: {record: ada, form: demo-request}
          - at: 5m
            form_submission: {record: bob, form: webinar-registration}
        expect:
          - record: ada
            entered: Demo request
            count: 1
          - record: bob
            entered: Demo request
            count: 0
          - record: bob
            action: email
            count: 0
    """)
    assert_expectations_hold(result)


def test_re_enrolment_fires_when_a_trigger_goes_from_not_matching_to_matching(
    model: ModelFolder,
):
    """With shouldReEnroll, a record enrols again when a re-enrolment trigger
    goes from not matching to matching while it meets the enrolment triggers;
    staying matched is not a new trigger.

    https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow
    Ada meets "score >= 50" at creation (1st), drops to 10 at 1h, climbs to 70
    at 2h (2nd), then to 80 at 3h while still matching: no third enrolment.
    """
    model.hubspot_workflow(
        contact_flow(
            "Score reached 50",
            list_based([SCORE_50], re_enroll=True, re_enrol_on=[SCORE_50]),
            [send_email("1", "5004")],
        )
    )
    result = model.run("""
        name: re-enrols on a new match
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hubspotscore: 10}}
          - at: 2h
            edit: {record: ada, fields: {hubspotscore: 70}}
          - at: 3h
            edit: {record: ada, fields: {hubspotscore: 80}}
        expect:
          - record: ada
            entered: Score reached 50
            count: 2
          - record: ada
            action: email
            name: "5004"
            count: 2
    """)
    assert_expectations_hold(result)
    enrolled = [e.time - result.scenario.start for e in entries(result, "enrolled")]
    assert [str(t) for t in enrolled] == ["0:00:00", "2:00:00"]


def test_without_should_re_enroll_a_re_enrolment_trigger_does_nothing(
    model: ModelFolder,
):
    """Re-enrolment triggers take effect only when re-enrolment is turned on.

    https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow
    """
    model.hubspot_workflow(
        contact_flow(
            "Score reached 50",
            list_based([SCORE_50], re_enroll=False, re_enrol_on=[SCORE_50]),
            [send_email("1", "5005")],
        )
    )
    result = model.run("""
        name: re-enrolment off
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hubspotscore: 10}}
          - at: 2h
            edit: {record: ada, fields: {hubspotscore: 70}}
        expect:
          - record: ada
            entered: Score reached 50
            count: 1
    """)
    assert_expectations_hold(result)


def test_an_event_enrols_only_contacts_who_meet_the_refinement_criteria(
    model: ModelFolder,
):
    """An event-based trigger's refinementCriteria must also hold for the
    contact ("submitted the form, and lifecycle stage is lead").

    HubSpot's v4 flow spec, EVENT_BASED refinementCriteria:
    https://github.com/HubSpot/HubSpot-public-api-spec-collection
    (PublicApiSpecs/Automation/Automation V4); shared reference hubspot.md (a).
    """
    model.forms(**{"demo-request": DEMO_FORM})
    leads_only = [enum_filter("lifecyclestage", ["lead"])]
    model.hubspot_workflow(
        contact_flow(
            "Demo request from a lead",
            form_submitted(DEMO_FORM, refine=leads_only),
            [send_email("1", "5008")],
        )
    )
    result = model.run("""
        name: a lead and a customer ask for a demo
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
          - alias: bob
            hubspot: contact
            fields: {lifecyclestage: customer}
        journey:
          - at: 5m
            form_submission: {record: ada, form: demo-request}
          - at: 5m
            form_submission: {record: bob, form: demo-request}
        expect:
          - record: ada
            entered: Demo request from a lead
            count: 1
          - record: bob
            entered: Demo request from a lead
            count: 0
    """)
    assert_expectations_hold(result)


def test_a_contact_that_stops_meeting_the_criteria_is_unenrolled(
    model: ModelFolder,
):
    """With "unenroll records that no longer meet the enrollment triggers"
    (unEnrollObjectsNotMeetingCriteria) a contact who stops matching leaves the
    workflow and skips its remaining actions.

    https://knowledge.hubspot.com/workflows/manage-workflow-enrollment-settings
    Ada waits in a one-day delay; her score drops at 1h, so no email at 1d.
    """
    model.hubspot_workflow(
        contact_flow(
            "Score reached 50",
            list_based([SCORE_50], unenrol_when_not_met=True),
            [delay("1", 1, "DAYS", then="2"), send_email("2", "5009")],
        )
    )
    result = model.run("""
        name: the score drops during the delay
        until: 3d
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hubspotscore: 10}}
        expect:
          - record: ada
            entered: Score reached 50
            count: 1
          - record: ada
            action: email
            count: 0
    """)
    assert_expectations_hold(result)
    [left] = entries(result, "unenrolled", "ada")
    assert left.time - result.scenario.start == timedelta(hours=1)
    assert "no longer meets the enrolment criteria" in left.message


def test_re_enrolment_on_list_membership_fires_when_the_contact_rejoins_the_list(
    model: ModelFolder,
):
    """A list-membership re-enrolment trigger fires on joining the list, so a
    contact who leaves and rejoins enrols again; staying in it does not.

    https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow
    (shared reference hubspot.md, "Re-enrollment": from not matching to
    matching, "e.g. joining a list"). Ada joins list 42 at 1h, leaves at 2h and
    rejoins at 3h.
    """
    status_is = {
        status: list_based(
            [enum_filter("hs_lead_status", [status])],
            re_enroll=True,
            re_enrol_on=[enum_filter("hs_lead_status", [status])],
        )
        for status in ("OPEN", "BAD_TIMING")
    }
    model.hubspot_workflow(
        contact_flow("Open joins 42", status_is["OPEN"], [add_to_list("1", "42")])
    )
    model.hubspot_workflow(
        contact_flow(
            "Bad timing leaves 42",
            status_is["BAD_TIMING"],
            [remove_from_list("1", "42")],
            flow_id="1002",
        )
    )
    model.hubspot_workflow(
        contact_flow(
            "Members of 42",
            list_based([in_list("42")], re_enroll=True, re_enrol_on=[in_list("42")]),
            [send_email("1", "5010")],
            flow_id="1003",
        )
    )
    result = model.run("""
        name: joins, leaves and rejoins list 42
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            edit: {record: ada, fields: {hs_lead_status: OPEN}}
          - at: 2h
            edit: {record: ada, fields: {hs_lead_status: BAD_TIMING}}
          - at: 3h
            edit: {record: ada, fields: {hs_lead_status: OPEN}}
          - at: 4h
            edit: {record: ada, fields: {firstname: Adeline}}
        expect:
          - record: ada
            entered: Members of 42
            count: 2
    """)
    assert_expectations_hold(result)


def test_a_workflow_that_is_turned_off_enrols_no_one(model: ModelFolder):
    """A workflow that is off (isEnabled false) takes no new enrolments.

    https://knowledge.hubspot.com/workflows/workflows-faq (turning a workflow
    off); shared reference hubspot.md (b), "Enrollment".
    """
    flow = contact_flow(
        "Score reached 50", list_based([SCORE_50]), [send_email("1", "5011")]
    )
    model.hubspot_workflow({**flow, "isEnabled": False})
    result = model.run("""
        name: the workflow is off
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
        expect:
          - record: ada
            entered: Score reached 50
            count: 0
    """)
    assert_expectations_hold(result)


def test_an_is_known_re_enrolment_trigger_fires_when_the_value_changes(
    model: ModelFolder,
):
    """An "is known" re-enrolment trigger fires when the property gains a value
    or changes from one value to another (shared reference hubspot.md,
    "Re-enrollment"; RE-ENROL)."""
    owner_known = known("hubspot_owner_id")
    model.hubspot_workflow(
        contact_flow(
            "Owner assigned",
            list_based([owner_known], re_enroll=True, re_enrol_on=[owner_known]),
            [send_email("1", "5012")],
        )
    )
    result = model.run("""
        name: the owner changes twice
        records:
          - alias: ada
            hubspot: contact
        journey:
          - {at: 1h, edit: {record: ada, fields: {hubspot_owner_id: "61"}}}
          - {at: 2h, edit: {record: ada, fields: {hubspot_owner_id: "62"}}}
          - {at: 3h, edit: {record: ada, fields: {firstname: Ada}}}
        expect:
          - {record: ada, entered: Owner assigned, count: 2}
    """)
    assert_expectations_hold(result)


def test_a_re_enrolment_trigger_enrols_only_while_the_enrolment_criteria_hold(
    model: ModelFolder,
):
    """The record must meet a re-enrolment trigger "and the initial enrollment
    triggers at that moment" (RE-ENROL). The trigger (status OPEN) holds at
    2h while the score is below 50: no second enrolment."""
    status_open = enum_filter("hs_lead_status", ["OPEN"])
    model.hubspot_workflow(
        contact_flow(
            "Score and status",
            list_based([SCORE_50], re_enroll=True, re_enrol_on=[status_open]),
            [send_email("1", "5013")],
        )
    )
    result = model.run("""
        name: status opens while the score is low
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
        journey:
          - {at: 1h, edit: {record: ada, fields: {hubspotscore: 10}}}
          - {at: 2h, edit: {record: ada, fields: {hs_lead_status: OPEN}}}
          - {at: 3h, edit: {record: ada, fields: {hubspotscore: 70}}}
        expect:
          - {record: ada, entered: Score and status, count: 1}
    """)
    assert_expectations_hold(result)


def test_nested_and_or_and_not_any_branches_decide_enrolment(model: ModelFolder):
    """Filter branches nest: an OR of AND groups, with a NOT_ANY inside
    (filterBranchType in the v4 spec; list filters guide
    https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters)."""
    not_competitor = {
        "filterBranchType": "NOT_ANY",
        "filterBranchOperator": "NOT_ANY",
        "filters": [enum_filter("industry", ["COMPETITOR"])],
        "filterBranches": [],
    }
    criteria = list_based([SCORE_50], [enum_filter("hs_lead_status", ["OPEN"])])
    criteria["listFilterBranch"]["filterBranches"][0]["filterBranches"] = [
        not_competitor
    ]
    model.hubspot_workflow(contact_flow("Nested", criteria, [send_email("1", "1")]))
    result = model.run("""
        name: three contacts
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
          - alias: bob
            hubspot: contact
            fields: {hubspotscore: 60, industry: COMPETITOR}
          - {alias: cy, hubspot: contact, fields: {hs_lead_status: OPEN}}
        expect:
          - {record: ada, entered: Nested, count: 1}
          - {record: bob, entered: Nested, count: 0}
          - {record: cy, entered: Nested, count: 1}
    """)
    assert_expectations_hold(result)


def test_a_has_ever_been_filter_enrols_on_a_value_held_before(model: ModelFolder):
    """HAS_EVER_BEEN_ANY_OF is evaluated over the property's history
    (legacy contact lists overview, historical operators:
    https://legacydocs.hubspot.com/docs/methods/lists/contact-lists-overview)."""
    ever_customer = enum_filter("lifecyclestage", ["customer"], "HAS_EVER_BEEN_ANY_OF")
    model.hubspot_workflow(
        contact_flow(
            "Former customers",
            list_based([ever_customer, enum_filter("lifecyclestage", ["other"])]),
            [send_email("1", "1")],
        )
    )
    result = model.run("""
        name: customer, then other
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: customer}}
          - {alias: bob, hubspot: contact, fields: {lifecyclestage: lead}}
        journey:
          - {at: 1h, edit: {record: ada, fields: {lifecyclestage: other}}}
          - {at: 1h, edit: {record: bob, fields: {lifecyclestage: other}}}
        expect:
          - {record: ada, entered: Former customers, count: 1}
          - {record: bob, entered: Former customers, count: 0}
    """)
    assert_expectations_hold(result)


def test_a_filter_relative_to_now_enrols_when_time_makes_it_true(model: ModelFolder):
    """A TIME_POINT against INDEXED NOW minus 3 days is evaluated on the
    virtual clock: a trial started at 0h is "more than 3 days ago" after 72h,
    checked every date_filter_recheck_minutes (docs/settings.md)."""
    trial_old = time_point_filter("trial_started", "IS_BEFORE", days=-3)
    model.hubspot_workflow(
        contact_flow("Trial ending", list_based([trial_old]), [send_email("1", "1")])
    )
    result = model.run("""
        name: a three-day-old trial
        start: 2026-01-05T09:00:00Z
        until: 5d
        records:
          - alias: ada
            hubspot: contact
            fields: {trial_started: 2026-01-05T09:00:00Z}
        expect:
          - {record: ada, entered: Trial ending, count: 1}
    """)
    assert_expectations_hold(result)
    [enrolled] = entries(result, "enrolled", "ada")
    assert enrolled.time - result.scenario.start == timedelta(hours=73)


def test_a_workflow_turned_on_without_existing_records_waits_for_a_change(
    model: ModelFolder,
):
    """Turned on without enrolling existing records, "the only objects that
    will enroll are the ones that change to meet the enrollment triggers after
    the workflow is turned on" (https://knowledge.hubspot.com/workflows/workflows-faq).
    Ada qualifies before 1h: not enrolled, even on an unrelated edit; Bob
    comes to qualify at 3h: enrolled."""
    flow = contact_flow("Score 50", list_based([SCORE_50]), [send_email("1", "1")])
    model.hubspot_workflow({**flow, "isEnabled": False})
    result = model.run("""
        name: turned on at 1h
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
          - {alias: bob, hubspot: contact, fields: {hubspotscore: 10}}
        journey:
          - {at: 1h, turn_on: {workflow: Score 50}}
          - {at: 2h, edit: {record: ada, fields: {firstname: Ada}}}
          - {at: 3h, edit: {record: bob, fields: {hubspotscore: 70}}}
        expect:
          - {record: ada, entered: Score 50, count: 0}
          - {record: bob, entered: Score 50, count: 1}
    """)
    assert_expectations_hold(result)


def test_a_workflow_turned_on_with_existing_records_enrols_those_who_qualify(
    model: ModelFolder,
):
    """ "Do you want to enroll them when this workflow turns on?" Yes: records
    that already meet the triggers enrol at once (workflows FAQ)."""
    flow = contact_flow("Score 50", list_based([SCORE_50]), [send_email("1", "1")])
    model.hubspot_workflow({**flow, "isEnabled": False})
    result = model.run("""
        name: turned on with existing records
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
          - {alias: bob, hubspot: contact, fields: {hubspotscore: 10}}
        journey:
          - {at: 1h, turn_on: {workflow: Score 50, enrol_existing: true}}
        expect:
          - {record: ada, entered: Score 50, count: 1}
          - {record: bob, entered: Score 50, count: 0}
    """)
    assert_expectations_hold(result)


def test_a_workflow_turned_off_skips_actions_but_records_go_through_delays(
    model: ModelFolder,
):
    """When a workflow is off, "records that are still in the workflow will
    continue through the workflow, but any actions apart from delays will not
    be executed"; turned back on before an action is due, the action runs
    (https://knowledge.hubspot.com/workflows/turn-off-workflows)."""
    model.hubspot_workflow(
        contact_flow(
            "Nurture",
            list_based([SCORE_50]),
            [
                delay("1", 1, "DAYS", then="2"),
                send_email("2", "first", then="3"),
                delay("3", 1, "DAYS", then="4"),
                send_email("4", "second"),
            ],
        )
    )
    result = model.run("""
        name: off for the first email, on again for the second
        until: 3d
        records:
          - {alias: ada, hubspot: contact, fields: {hubspotscore: 60}}
          - {alias: bob, hubspot: contact, at: 2h, fields: {hubspotscore: 60}}
        journey:
          - {at: 1h, turn_off: {workflow: Nurture}}
          - {at: 36h, turn_on: {workflow: Nurture}}
        expect:
          - {record: ada, action: email, name: first, count: 0}
          - {record: ada, action: email, name: second, count: 1}
          - {record: bob, entered: Nurture, count: 0}
    """)
    assert_expectations_hold(result)
    [skipped] = entries(result, "skipped", "ada")
    assert "action 2 skipped: 'Nurture' is off" in skipped.message
