"""HubSpot workflow actions: what each does to the record, and what it records."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hubspot_json import (
    add_to_list,
    add_to_list_v5,
    any_of,
    contact_flow,
    create_record,
    delay,
    enum_filter,
    in_list,
    increment,
    list_based,
    list_branch,
    manual,
    number_filter,
    remove_from_list,
    send_email,
    set_property,
    set_value,
    single,
    webhook,
)
from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    changes,
    entries,
    findings,
    record,
)

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


def test_set_property_clears_copies_and_stamps_the_time(model: ModelFolder):
    """0-5 "Set property value": a blank static value clears the property,
    OBJECT_PROPERTY copies another one, TIMESTAMP EXECUTION_TIME stamps the
    time the action runs (value types of the v4 spec; actions table of
    https://developers.hubspot.com/docs/api/automation/workflows)."""
    model.hubspot_workflow(
        contact_flow(
            "Tidy",
            EVERY_LEAD,
            [
                set_property("1", "hs_lead_status", "", then="2"),
                set_value(
                    "2",
                    "original_source",
                    {"type": "OBJECT_PROPERTY", "propertyName": "hs_analytics_source"},
                    then="3",
                ),
                set_value(
                    "3",
                    "mql_date",
                    {"type": "TIMESTAMP", "timestampType": "EXECUTION_TIME"},
                ),
            ],
        )
    )
    result = model.run("""
        name: tidy a lead
        records:
          - alias: ada
            hubspot: contact
            at: 2h
            fields:
              lifecyclestage: lead
              hs_lead_status: NEW
              hs_analytics_source: ORGANIC_SEARCH
        expect:
          - {record: ada, field: hs_lead_status, equals: null}
          - {record: ada, field: original_source, equals: ORGANIC_SEARCH}
          - {record: ada, field: mql_date, equals: 2026-01-05T11:00:00Z}
    """)
    assert_expectations_hold(result)


def test_tasks_emails_and_notifications_are_recorded_as_actions(model: ModelFolder):
    """Create task (0-3), send marketing email (0-4), internal email (0-8) and
    in-app notification (0-9) leave no field change: each is an action in the
    trace, the two notifications by their subject (actions table of
    https://developers.hubspot.com/docs/api/automation/workflows)."""
    internal = single(
        "3",
        "0-8",
        {"subject": "New lead", "body": "<p>b</p>", "owner_properties": ["owner"]},
        "4",
    )
    in_app = single(
        "4", "0-9", {"subject": "Ping", "body": "b", "user_ids": ["1"]}, None
    )
    task = single("1", "0-3", {"subject": "Call", "task_type": "CALL"}, "2")
    model.hubspot_workflow(
        contact_flow(
            "Tell everyone",
            EVERY_LEAD,
            [task, send_email("2", "7", then="3"), internal, in_app],
        )
    )
    result = model.run("""
        name: one of each
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        expect:
          - {record: ada, action: task, name: Call, count: 1}
          - {record: ada, action: email, name: "7", count: 1}
          - {record: ada, action: notification, name: New lead, count: 1}
          - {record: ada, action: notification, name: Ping, count: 1}
    """)
    assert_expectations_hold(result)


def test_a_remove_from_static_list_action_ends_the_membership(model: ModelFolder):
    """0-13 with operation REMOVE takes the contact out of the list: the
    actionTypeId table of https://developers.hubspot.com/docs/api/automation/workflows
    names 0-13 "add to / remove from static list", with an ``operation``."""
    model.hubspot_workflow(
        contact_flow(
            "In and out",
            EVERY_LEAD,
            [add_to_list("1", "42", then="2"), remove_from_list("2", "42")],
        )
    )
    result = model.run("""
        name: joins and leaves
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
    """)
    assert record(result, "ada").lists == set()
    assert [e.message for e in entries(result, "list", "ada")] == [
        "added to list 42",
        "removed from list 42",
    ]


def test_creating_a_ticket_associates_it_with_the_contact_and_its_company(
    model: ModelFolder,
):
    """0-14 creates a record with its associations: ENROLLED_OBJECT and a
    COPY_ASSOCIATION of the contact's company (HubSpot docs "Create a
    workflow": ticket associated by types 16 and 339, copying 279)."""
    model.hubspot_workflow(
        contact_flow(
            "Triage",
            EVERY_LEAD,
            [create_record("1", "0-5", {"subject": "Review"}, copy_company=True)],
        )
    )
    result = model.run("""
        name: a lead of Acme
        records:
          - {alias: acme, hubspot: company, fields: {name: Acme}}
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
            associations: [acme]
    """)
    ada, acme = record(result, "ada"), record(result, "acme")
    [ticket] = result.simulation.records.of("hubspot", "ticket")
    assert ticket.fields["subject"] == "Review"
    assert ticket.associations == {ada.key, acme.key}
    assert ticket.key in acme.associations


def test_a_create_record_action_that_would_re_enrol_its_own_output_is_skipped(
    model: ModelFolder,
):
    """ "Your workflow has an action to create a record that also meets the
    enrollment criteria for the same workflow… HubSpot prevents this action
    from occurring" (https://knowledge.hubspot.com/workflows/workflows-faq)."""
    model.hubspot_workflow(
        contact_flow(
            "Clone leads",
            EVERY_LEAD,
            [create_record("1", "0-1", {"lifecyclestage": "lead"})],
        )
    )
    result = model.run("""
        name: one lead, no clones
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
    """)
    assert len(result.simulation.records.of("hubspot", "contact")) == 1
    [skipped] = entries(result, "skipped", "ada")
    assert "to prevent an infinite loop" in skipped.message


def test_set_property_on_the_associated_company(model: ModelFolder):
    """0-5 with an association (type 1, contact to primary company) sets the
    property on the associated record instead (shared reference hubspot.md,
    0-5 row; association type ids: HubSpot associations API guide)."""
    on_company = single(
        "1",
        "0-5",
        {
            "property_name": "has_leads",
            "value": {"type": "STATIC_VALUE", "staticValue": "true"},
            "association": {
                "associationCategory": "HUBSPOT_DEFINED",
                "associationTypeId": 1,
            },
        },
        None,
    )
    model.hubspot_workflow(contact_flow("Flag company", EVERY_LEAD, [on_company]))
    result = model.run("""
        name: Acme gets a lead
        records:
          - {alias: acme, hubspot: company}
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead}
            associations: [acme]
        expect:
          - {record: acme, field: has_leads, equals: "true"}
          - {record: ada, field: has_leads, equals: null}
    """)
    assert_expectations_hold(result)


def test_enrol_in_another_workflow_enrols_without_its_triggers(model: ModelFolder):
    """0-15 enrols the record in the workflow its flow_id names (real export
    1616884398; shared reference hubspot.md, 0-15 row)."""
    model.hubspot_workflow(
        contact_flow(
            "Hand over", EVERY_LEAD, [single("1", "0-15", {"flow_id": "2002"}, None)]
        )
    )
    model.hubspot_workflow(
        contact_flow("Sales sequence", manual(), [send_email("1", "s")], flow_id="2002")
    )
    result = model.run("""
        name: handed over
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        expect:
          - {record: ada, entered: Sales sequence, count: 1}
          - {record: ada, action: email, name: s, count: 1}
    """)
    assert_expectations_hold(result)


def test_rotate_owner_gives_each_record_the_next_user_in_turn(model: ModelFolder):
    """Rotate record to owner (0-11: user_ids, target_property,
    overwrite_current_owner) assigns owners in rotation; an owner already set
    stays unless overwriting (https://knowledge.hubspot.com/workflows/assign-tickets-using-workflows;
    the action id is from exports, docs/rules.md)."""
    rotate = single(
        "1",
        "0-11",
        {
            "user_ids": ["101", "102"],
            "target_property": "hubspot_owner_id",
            "overwrite_current_owner": "false",
        },
        None,
    )
    model.hubspot_workflow(contact_flow("Round robin", EVERY_LEAD, [rotate]))
    result = model.run("""
        name: three leads, one owned
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
          - {alias: bo, hubspot: contact, at: 1m, fields: {lifecyclestage: lead}}
          - alias: cy
            hubspot: contact
            at: 2m
            fields: {lifecyclestage: lead, hubspot_owner_id: "999"}
          - {alias: di, hubspot: contact, at: 3m, fields: {lifecyclestage: lead}}
        expect:
          - {record: ada, field: hubspot_owner_id, equals: "101"}
          - {record: bo, field: hubspot_owner_id, equals: "102"}
          - {record: cy, field: hubspot_owner_id, equals: "999"}
          - {record: di, field: hubspot_owner_id, equals: "101"}
    """)
    assert_expectations_hold(result)


def test_a_webhook_is_a_stub_whose_outcome_the_scenario_gives(model: ModelFolder):
    """Webhooks are not called; the stub is recorded, and a scenario's stub
    may set what the webhook's receiver would write back (docs/formats.md)."""
    model.hubspot_workflow(
        contact_flow(
            "Enrich", EVERY_LEAD, [webhook("1", then="2"), send_email("2", "x")]
        )
    )
    result = model.run("""
        name: the enrichment service answers
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        stubs:
          - {action: webhook 1, set: {company_size: "50-200"}}
        expect:
          - {record: ada, action: stub, name: webhook 1, count: 1}
          - {record: ada, field: company_size, equals: 50-200}
          - {record: ada, action: email, name: x, count: 1}
    """)
    assert_expectations_hold(result)
    [change] = changes(result, "ada", "company_size")
    assert change.cause.kind == "journey" and "stub" in change.cause.name


def test_a_value_that_is_not_one_of_the_propertys_options_is_not_written(
    model: ModelFolder,
):
    """An enumeration property takes only its options' internal values; HubSpot
    refuses another (INVALID_OPTION; https://developers.hubspot.com/docs/api/crm/properties).
    hs_lead_status has HubSpot's default options unless
    hubspot/properties/contacts.json says otherwise; a person's edit is not
    checked (the UI offers only the options)."""
    model.hubspot_workflow(
        contact_flow(
            "Typo",
            EVERY_LEAD,
            [
                set_property("1", "hs_lead_status", "IN PROGRESS", then="2"),
                set_property("2", "hs_lead_status", "IN_PROGRESS"),
            ],
        )
    )
    result = model.run("""
        name: the first value is misspelt
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        expect:
          - {record: ada, field: hs_lead_status, sequence: [IN_PROGRESS]}
    """)
    assert_expectations_hold(result)
    [finding] = findings(result, "invalid_option")
    assert "hs_lead_status cannot be 'IN PROGRESS'" in finding.message
    assert "(NEW, OPEN, IN_PROGRESS," in finding.message
