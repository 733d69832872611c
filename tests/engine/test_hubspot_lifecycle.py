"""HubSpot lifecycle stage: forward only for automation, clear-then-set, people."""

from __future__ import annotations

from hubspot_json import contact_flow, enum_filter, list_based, set_property
from model_folder import ModelFolder, assert_expectations_hold, changes, entries

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
