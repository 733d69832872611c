"""HubSpot lifecycle stage: forward only, clear-then-set, people, deals, pipelines."""

from __future__ import annotations

from hubspot_json import (
    contact_flow,
    create_record,
    enum_filter,
    list_based,
    set_property,
)
from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    changes,
    entries,
    findings,
)

from simulator.engine.settings import EngineSettings

BAD_TIMING = list_based([enum_filter("hs_lead_status", ["BAD_TIMING"])])


def test_a_workflow_cannot_move_lifecycle_stage_backward(model: ModelFolder):
    """Automation may not set lifecyclestage to an earlier stage: the change is
    refused, the stage stays, and the trace says "refused".

    https://knowledge.hubspot.com/articles/kcs_article/salesforce/why-did-salesforce-change-my-lifecycle-stage
    and https://knowledge.hubspot.com/crm-setup/manage-how-lifecycle-stages-sync-between-objects
    (forward only); for workflow actions the rule is practitioners' (shared
    reference hubspot.md, "Lifecycle stage"), the engine's documented default
    (docs/settings.md, lifecycle_backward_moves = "refuse").
    """
    model.hubspot_workflow(
        contact_flow(
            "Recycle bad timing",
            BAD_TIMING,
            [set_property("1", "lifecyclestage", "lead")],
        )
    )
    result = model.run("""
        name: workflow sets lead on an SQL
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: salesqualifiedlead}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hs_lead_status: BAD_TIMING}}
        expect:
          - record: ada
            field: lifecyclestage
            equals: salesqualifiedlead
          - record: ada
            field: lifecyclestage
            sequence: [salesqualifiedlead]
    """)
    assert_expectations_hold(result)
    [refused] = entries(result, "refused", "ada")
    assert "lifecyclestage stays 'salesqualifiedlead'" in refused.message
    assert refused.cause.name == "Recycle bad timing"


def test_a_workflow_that_clears_lifecycle_stage_first_can_set_an_earlier_one(
    model: ModelFolder,
):
    """Clearing the property, then setting it, moves the stage back.

    Shared reference hubspot.md, "Lifecycle stage" (practitioners' rule: two
    actions, clear then set); NextForce's "Closed-lost recycle" does this.
    """
    model.hubspot_workflow(
        contact_flow(
            "Recycle bad timing",
            BAD_TIMING,
            [
                set_property("1", "lifecyclestage", "", then="2"),
                set_property("2", "lifecyclestage", "lead"),
            ],
        )
    )
    result = model.run("""
        name: workflow clears then sets lead
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: salesqualifiedlead}
        journey:
          - at: 1h
            edit: {record: ada, fields: {hs_lead_status: BAD_TIMING}}
        expect:
          - record: ada
            field: lifecyclestage
            equals: lead
          - record: ada
            field: lifecyclestage
            sequence: [salesqualifiedlead, lead]
    """)
    assert_expectations_hold(result)
    assert list(entries(result, "refused", "ada")) == []
    moves = [(c.old, c.new) for c in changes(result, "ada", "lifecyclestage")]
    assert moves == [("salesqualifiedlead", None), (None, "lead")]


def test_a_person_may_move_lifecycle_stage_backward(model: ModelFolder):
    """The forward-only rule binds automation, not a person editing the record.

    https://knowledge.hubspot.com/articles/kcs_article/salesforce/why-did-salesforce-change-my-lifecycle-stage
    (the connector and automatic updates are the ones that cannot move it back).
    """
    result = model.run("""
        name: a rep sets a customer back to lead
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: customer}
        journey:
          - at: 1h
            edit: {record: ada, fields: {lifecyclestage: lead}}
        expect:
          - record: ada
            field: lifecyclestage
            equals: lead
    """)
    assert_expectations_hold(result)
    [change] = changes(result, "ada", "lifecyclestage")
    assert change.cause.kind == "person"


PIPELINES = {
    "results": [
        {
            "id": "default",
            "label": "Sales Pipeline",
            "displayOrder": 0,
            "stages": [
                {
                    "id": "discovery",
                    "label": "Discovery",
                    "displayOrder": 0,
                    "metadata": {"isClosed": "false", "probability": "0.1"},
                },
                {
                    "id": "signed",
                    "label": "Signed",
                    "displayOrder": 1,
                    "metadata": {"isClosed": "true", "probability": "1.0"},
                },
                {
                    "id": "lost",
                    "label": "Lost",
                    "displayOrder": 2,
                    "metadata": {"isClosed": "true", "probability": "0.0"},
                },
            ],
        }
    ]
}


def test_a_contact_associated_with_a_new_deal_becomes_an_opportunity(
    model: ModelFolder,
):
    """Contacts "become opportunity when first associated with a deal"
    (https://community.hubspot.com/t5/CRM/Automatic-lifecycle-stage-assignments/m-p/16052;
    setting deal_makes_opportunity, docs/settings.md). NextForce's workflow
    creates the deal; the contact moves from SQL to opportunity."""
    model.hubspot_workflow(
        contact_flow(
            "Open a deal",
            list_based([enum_filter("hs_lead_status", ["CONNECTED"])]),
            [
                create_record(
                    "1", "0-3", {"dealname": "New", "dealstage": "qualifiedtobuy"}
                )
            ],
        )
    )
    result = model.run("""
        name: an SQL gets a deal
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: salesqualifiedlead}}
        journey:
          - {at: 1h, edit: {record: ada, fields: {hs_lead_status: CONNECTED}}}
        expect:
          - record: ada
            field: lifecyclestage
            sequence: [salesqualifiedlead, opportunity]
    """)
    assert_expectations_hold(result)
    [change] = changes(result, "ada", "lifecyclestage")[-1:]
    assert "associated with an open deal" in change.cause.name


def test_a_contact_whose_deal_is_won_becomes_a_customer(model: ModelFolder):
    """A deal reaching a closed 100% stage makes its contacts customers
    (community answer above; agent-cli-skills lifecycle-stage-progression.md;
    setting deal_won_makes_customer). The stage's probability comes from the
    pipeline (GET /crm/v3/pipelines/deals metadata.probability)."""
    result = model.run("""
        name: a deal is won
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
          - alias: deal
            hubspot: deal
            fields: {dealname: Big, dealstage: appointmentscheduled}
            associations: [ada]
        journey:
          - {at: 1d, stage_move: {record: deal, stage: closedwon}}
        expect:
          - record: ada
            field: lifecyclestage
            sequence: [lead, opportunity, customer]
          - {record: deal, field: hs_deal_stage_probability, sequence: [0.2, 1.0]}
    """)
    assert_expectations_hold(result)


def test_with_the_deal_settings_off_deals_do_not_move_lifecycle_stages(
    model: ModelFolder,
):
    """deal_makes_opportunity = false and deal_won_makes_customer = false model a
    portal whose automatic lifecycle updates are off (docs/settings.md)."""
    result = model.run(
        """
        name: a deal is won, settings off
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
          - alias: deal
            hubspot: deal
            fields: {dealstage: appointmentscheduled}
            associations: [ada]
        journey:
          - {at: 1d, stage_move: {record: deal, stage: closedwon}}
        expect:
          - {record: ada, field: lifecyclestage, sequence: [lead]}
        """,
        EngineSettings(deal_makes_opportunity=False, deal_won_makes_customer=False),
    )
    assert_expectations_hold(result)


def test_a_pipelines_file_gives_the_stages_their_probabilities_and_closed_won(
    model: ModelFolder,
):
    """pipelines.json, as GET /crm/v3/pipelines/deals returns it, replaces the
    default pipeline: "signed" (closed, 1.0) is won here; "closedwon" is no
    stage of it, a finding (https://developers.hubspot.com/docs/api/crm/pipelines)."""
    model.hubspot_file("pipelines.json", PIPELINES)
    result = model.run("""
        name: signed in a custom pipeline
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
          - alias: deal
            hubspot: deal
            fields: {dealstage: discovery, pipeline: default}
            associations: [ada]
          - {alias: odd, hubspot: deal, fields: {dealstage: closedwon}}
        journey:
          - {at: 1d, stage_move: {record: deal, stage: signed}}
        expect:
          - {record: ada, field: lifecyclestage, equals: customer}
          - {record: deal, field: hs_deal_stage_probability, equals: 1.0}
    """)
    assert_expectations_hold(result)
    [finding] = findings(result, "unknown_deal_stage")
    assert "dealstage 'closedwon' is not a stage of pipeline 'default'" in (
        finding.message
    )
    assert "(stages: discovery, signed, lost)" in finding.message


def test_a_lost_deal_leaves_its_contacts_where_they_are(model: ModelFolder):
    """Only an open deal makes an opportunity, only a won one a customer."""
    result = model.run("""
        name: a deal is lost at once
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
          - alias: deal
            hubspot: deal
            fields: {dealstage: closedlost}
            associations: [ada]
        expect:
          - {record: ada, field: lifecyclestage, sequence: [lead]}
    """)
    assert_expectations_hold(result)


def test_custom_lifecycle_stages_from_the_properties_file_set_the_order(
    model: ModelFolder,
):
    """The lifecyclestage options of GET /crm/v3/properties/contacts, by
    displayOrder, are the stages' order for the forward-only rule
    (https://developers.hubspot.com/docs/api/crm/properties)."""
    options = [
        {"label": "Lead", "value": "lead", "displayOrder": 0},
        {"label": "Trial", "value": "trial", "displayOrder": 1},
        {"label": "Customer", "value": "customer", "displayOrder": 2},
    ]
    model.hubspot_file(
        "properties/contacts.json",
        {
            "results": [
                {
                    "name": "lifecyclestage",
                    "type": "enumeration",
                    "fieldType": "radio",
                    "options": options,
                }
            ]
        },
    )
    model.hubspot_workflow(
        contact_flow(
            "Back to trial",
            BAD_TIMING,
            [set_property("1", "lifecyclestage", "trial")],
        )
    )
    result = model.run("""
        name: a customer cannot go back to trial
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: customer}}
        journey:
          - {at: 1h, edit: {record: ada, fields: {hs_lead_status: BAD_TIMING}}}
        expect:
          - {record: ada, field: lifecyclestage, equals: customer}
    """)
    assert_expectations_hold(result)
