"""The HubSpot–Salesforce connector: who syncs, when, and how leads are matched."""

from __future__ import annotations

from datetime import timedelta

from hubspot_json import add_to_list, contact_flow, enum_filter, list_based
from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    changes,
    entries,
    record,
)
from salesforce_xml import validation_rule

INCLUSION_LIST_42 = """
    inclusion_list:
      list_id: "42"
    create_as: Lead
    polling_interval: 15m
    hubspot_to_salesforce_delay: 1m
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
      - {hubspot: firstname, salesforce: FirstName, rule: two_way}
      - {hubspot: lastname, salesforce: LastName, rule: two_way}
      - {hubspot: company, salesforce: Company, rule: prefer_salesforce_unless_blank}
      - hubspot: lifecyclestage
        salesforce: Lifecycle_Stage__c
        rule: two_way
        values: {lead: Lead, marketingqualifiedlead: MQL,
                 salesqualifiedlead: SQL}
"""


def _mqls_join_list_42(model: ModelFolder) -> None:
    model.connector(INCLUSION_LIST_42)
    model.hubspot_workflow(
        contact_flow(
            "Sync MQLs",
            list_based([enum_filter("lifecyclestage", ["marketingqualifiedlead"])]),
            [add_to_list("1", "42")],
        )
    )


def test_a_contact_outside_the_inclusion_list_does_not_sync(model: ModelFolder):
    """With an inclusion list, only its members sync to Salesforce.

    https://knowledge.hubspot.com/salesforce/create-a-salesforce-inclusion-list
    Ada stays a lead and never joins list 42; Bob becomes an MQL and does.
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: only list members reach Salesforce
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, lifecyclestage: lead}
          - alias: bob
            hubspot: contact
            fields: {email: bob@example.com, firstname: Bob, lastname: Babbage,
                     company: Difference Ltd, lifecyclestage: lead}
        journey:
          - at: 1h
            edit: {record: ada, fields: {firstname: Adeline}}
          - at: 1h
            edit: {record: bob, fields: {lifecyclestage: marketingqualifiedlead}}
        expect:
          - record: bob
            system: salesforce
            field: Email
            equals: bob@example.com
    """)
    assert_expectations_hold(result)
    leads = result.simulation.records.of("salesforce", "Lead")
    assert [lead.fields["Email"] for lead in leads] == ["bob@example.com"]
    assert record(result, "ada").twin is None


def test_joining_the_inclusion_list_creates_a_lead_after_the_sync_delay(
    model: ModelFolder,
):
    """Joining the inclusion list is a sync trigger: the contact becomes a Lead
    (create_as: Lead) hubspot_to_salesforce_delay later, with its mapped
    fields, values mapped through the mapping's values.

    https://knowledge.hubspot.com/salesforce/create-a-salesforce-inclusion-list
    and https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    Bob joins list 42 at 2h; the Lead appears at 2h01m, not a second earlier.
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: an MQL becomes a Salesforce lead
        records:
          - alias: bob
            hubspot: contact
            fields: {email: bob@example.com, firstname: Bob, lastname: Babbage,
                     company: Difference Ltd, lifecyclestage: lead}
        journey:
          - at: 2h
            edit: {record: bob, fields: {lifecyclestage: marketingqualifiedlead}}
        expect:
          - record: bob
            system: salesforce
            field: Email
            at: 7259s
            equals: null
          - record: bob
            system: salesforce
            field: Email
            at: 121m
            equals: bob@example.com
          - record: bob
            system: salesforce
            field: FirstName
            equals: Bob
          - record: bob
            system: salesforce
            field: LastName
            equals: Babbage
          - record: bob
            system: salesforce
            field: Company
            equals: Difference Ltd
          - record: bob
            system: salesforce
            field: Lifecycle_Stage__c
            equals: MQL
    """)
    assert_expectations_hold(result)
    lead = record(result, "bob", "salesforce")
    assert lead.object == "Lead"
    [created] = entries(result, "created", "bob")
    assert created.lane == "hubspot"


def test_a_salesforce_change_reaches_hubspot_at_the_next_polling_tick(
    model: ModelFolder,
):
    """Salesforce → HubSpot changes are picked up when HubSpot next checks
    Salesforce: every polling_interval (15 minutes), counted from the start.

    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    The rep renames Bob at 2h05m; HubSpot has the old name at 2h14m59s and
    the new one at the 2h15m tick.
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: a rep renames the lead
        records:
          - alias: bob
            hubspot: contact
            fields: {email: bob@example.com, firstname: Bob, lastname: Babbage,
                     company: Difference Ltd, lifecyclestage: marketingqualifiedlead}
        journey:
          - at: 125m
            edit: {record: bob, system: salesforce, fields: {FirstName: Robert}}
        expect:
          - record: bob
            field: firstname
            at: 8099s
            equals: Bob
          - record: bob
            field: firstname
            at: 135m
            equals: Robert
    """)
    assert_expectations_hold(result)
    [renamed] = changes(result, "bob", "firstname")
    assert renamed.cause.kind == "connector"
    assert renamed.cause.name == "Salesforce → HubSpot"


def test_the_connector_cannot_move_lifecycle_stage_backward(model: ModelFolder):
    """The Salesforce connector "is unable to move lifecycle stages in reverse":
    an earlier stage from Salesforce is refused (and traced), a later one lands.

    https://knowledge.hubspot.com/articles/kcs_article/salesforce/why-did-salesforce-change-my-lifecycle-stage
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: Salesforce sends an earlier stage, then a later one
        records:
          - alias: bob
            hubspot: contact
            fields: {email: bob@example.com, firstname: Bob, lastname: Babbage,
                     company: Difference Ltd, lifecyclestage: marketingqualifiedlead}
        journey:
          - at: 1h
            edit: {record: bob, system: salesforce,
                   fields: {Lifecycle_Stage__c: Lead}}
          - at: 2h
            edit: {record: bob, system: salesforce,
                   fields: {Lifecycle_Stage__c: SQL}}
        expect:
          - record: bob
            field: lifecyclestage
            at: 75m
            equals: marketingqualifiedlead
          - record: bob
            field: lifecyclestage
            equals: salesqualifiedlead
          - record: bob
            field: lifecyclestage
            sequence: [marketingqualifiedlead, salesqualifiedlead]
    """)
    assert_expectations_hold(result)
    [refused] = entries(result, "refused", "bob")
    assert refused.time - result.scenario.start == timedelta(minutes=75)
    assert refused.cause.kind == "connector"


def test_the_connector_matches_an_existing_lead_by_email(model: ModelFolder):
    """A HubSpot contact whose email matches a Salesforce lead syncs into that
    lead instead of creating another.

    Shared reference hubspot.md (c), "Dedup key for contacts is email";
    https://knowledge.hubspot.com/integrations/sync-salesforce-leads-and-contacts-to-hubspot
    """
    model.connector("""
        create_as: Lead
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: jobtitle, salesforce: Title, rule: two_way}
    """)
    result = model.run("""
        name: the lead was there first
        records:
          - alias: lead
            salesforce: Lead
            fields: {Email: ada@example.com, FirstName: Ada, LastName: Lovelace,
                     Company: Analytical Engines}
          - alias: ada
            hubspot: contact
            at: 5m
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, jobtitle: CTO}
        expect:
          - record: lead
            field: Title
            at: 6m
            equals: CTO
    """)
    assert_expectations_hold(result)
    assert len(result.simulation.records.of("salesforce", "Lead")) == 1
    assert len(result.simulation.records.of("hubspot", "contact")) == 1
    assert record(result, "ada", "salesforce").key == record(result, "lead").key


def test_a_new_salesforce_lead_is_matched_to_the_hubspot_contact_by_email(
    model: ModelFolder,
):
    """A lead created in Salesforce dedupes against HubSpot contacts by email,
    even for a contact outside the inclusion list: no second contact.

    https://knowledge.hubspot.com/integrations/sync-salesforce-leads-and-contacts-to-hubspot
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: a rep enters a lead HubSpot already knows
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, lifecyclestage: lead}
          - alias: lead
            salesforce: Lead
            at: 5m
            fields: {Email: ada@example.com, FirstName: Ada, LastName: Lovelace,
                     Company: Analytical Engines}
        expect:
          - record: ada
            field: lifecyclestage
            equals: lead
    """)
    assert_expectations_hold(result)
    assert len(result.simulation.records.of("hubspot", "contact")) == 1
    assert record(result, "lead").twin == record(result, "ada").key


def test_a_lead_salesforce_refuses_is_a_sync_error_and_stays_unsynced(
    model: ModelFolder,
):
    """When Salesforce refuses the connector's write (a validation rule), the
    record has a sync error and does not sync until it is fixed.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    """
    model.connector("""
        create_as: Lead
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: lastname, salesforce: LastName, rule: two_way}
    """)
    model.validation_rule(
        "Lead",
        "Phone_Required",
        validation_rule("Phone_Required", "ISBLANK(Phone)", "Leads need a phone."),
    )
    result = model.run("""
        name: the lead has no phone
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace}
        expect:
          - record: ada
            field: email
            equals: ada@example.com
    """)
    assert_expectations_hold(result)
    assert result.simulation.records.of("salesforce", "Lead") == []
    [error] = [f for f in result.simulation.trace.findings if f.kind == "sync_error"]
    assert error.record == record(result, "ada").key


def test_a_new_lead_gets_not_provided_for_a_required_field_hubspot_lacks(
    model: ModelFolder,
):
    """Salesforce requires a Lead's LastName and Company; the connector fills
    a missing one with "[not provided]".

    revsim's documented convention (docs/settings.md, "Fixed choices"); the
    fields are required on Lead:
    https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
    """
    model.connector("""
        create_as: Lead
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: lastname, salesforce: LastName, rule: two_way}
          - hubspot: company
            salesforce: Company
            rule: prefer_salesforce_unless_blank
    """)
    result = model.run("""
        name: a contact without a company
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: null}
        expect:
          - record: ada
            system: salesforce
            field: Company
            equals: "[not provided]"
          - record: ada
            system: salesforce
            field: LastName
            equals: Lovelace
    """)
    assert_expectations_hold(result)


def test_an_inclusion_list_by_filter_syncs_the_contacts_that_meet_it(
    model: ModelFolder,
):
    """An inclusion list may be an active list defined by filters: contacts
    sync once they meet them.

    https://knowledge.hubspot.com/salesforce/create-a-salesforce-inclusion-list
    Bob becomes an MQL at 1h and his Lead appears at 1h01m.
    """
    model.connector("""
        inclusion_list:
          filter:
            - {property: lifecyclestage, operator: IS_ANY_OF,
               values: [marketingqualifiedlead, salesqualifiedlead]}
        create_as: Lead
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: lastname, salesforce: LastName, rule: two_way}
    """)
    result = model.run("""
        name: an MQL meets the inclusion filter
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, lastname: Lovelace,
                     lifecyclestage: lead}
          - alias: bob
            hubspot: contact
            fields: {email: bob@example.com, lastname: Babbage,
                     lifecyclestage: lead}
        journey:
          - at: 1h
            edit: {record: bob, fields: {lifecyclestage: marketingqualifiedlead}}
        expect:
          - record: bob
            system: salesforce
            field: Email
            at: 61m
            equals: bob@example.com
    """)
    assert_expectations_hold(result)
    assert record(result, "ada").twin is None


def test_create_as_contact_makes_a_salesforce_contact(model: ModelFolder):
    """The setting for new HubSpot contacts decides whether the connector
    creates a Salesforce Lead or a Contact.

    https://knowledge.hubspot.com/salesforce/manage-your-salesforce-integration-settings
    """
    model.connector("""
        create_as: Contact
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: lastname, salesforce: LastName, rule: two_way}
    """)
    result = model.run("""
        name: contacts become contacts
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, lastname: Lovelace}
        expect:
          - record: ada
            system: salesforce
            field: LastName
            equals: Lovelace
    """)
    assert_expectations_hold(result)
    assert record(result, "ada", "salesforce").object == "Contact"
    assert result.simulation.records.of("salesforce", "Lead") == []


def test_a_new_salesforce_lead_creates_a_hubspot_contact_at_the_next_tick(
    model: ModelFolder,
):
    """A lead created in Salesforce creates a HubSpot contact (the default
    setting), picked up at the next polling tick, with its mapped fields.

    https://knowledge.hubspot.com/integrations/sync-salesforce-leads-and-contacts-to-hubspot
    The rep enters the lead at 20m; the contact exists from the 30m tick.
    """
    _mqls_join_list_42(model)
    result = model.run("""
        name: a rep enters a new lead
        records:
          - alias: lead
            salesforce: Lead
            at: 20m
            fields: {Email: grace@example.com, FirstName: Grace, LastName: Hopper,
                     Company: Navy, Lifecycle_Stage__c: SQL}
        expect:
          - record: lead
            system: hubspot
            field: email
            at: 29m
            equals: null
          - record: lead
            system: hubspot
            field: email
            at: 30m
            equals: grace@example.com
          - record: lead
            system: hubspot
            field: lifecyclestage
            equals: salesqualifiedlead
    """)
    assert_expectations_hold(result)
    assert len(result.simulation.records.of("hubspot", "contact")) == 1
