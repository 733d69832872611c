"""Deals ↔ opportunities: the synced pipeline and its stage mapping.

https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot:
with "Sync deals" on, opportunities create deals in the synced pipeline and
deals create opportunities; a deal moved to a pipeline that does not sync
stops syncing. Deals and opportunities are matched by their link only.
"""

from __future__ import annotations

from datetime import timedelta

from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    findings,
    record,
)

DEALS = """
    create_as: Lead
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
    companies:
      mappings:
        - {hubspot: name, salesforce: Name, rule: two_way}
    deals:
      pipeline: default
      stages:
        appointmentscheduled: Prospecting
        qualifiedtobuy: Qualification
        presentationscheduled: Proposal/Price Quote
        closedwon: Closed Won
        closedlost: Closed Lost
      mappings:
        - {hubspot: dealname, salesforce: Name, rule: two_way}
        - {hubspot: amount, salesforce: Amount, rule: two_way}
        - {hubspot: closedate, salesforce: CloseDate, rule: two_way}
"""

OPPORTUNITY = """
          - alias: expansion
            salesforce: Opportunity
            at: 20m
            fields: {Name: Acme Expansion, StageName: Qualification,
                     CloseDate: 2026-03-31, Amount: 24000}
"""

DEAL = """
          - alias: renewal
            hubspot: deal
            fields: {dealname: Acme Renewal, pipeline: default,
                     dealstage: appointmentscheduled, amount: 12000,
                     closedate: 2026-04-30}
"""


def test_an_opportunity_creates_a_deal_in_the_synced_pipeline_at_the_next_poll(
    model: ModelFolder,
):
    """A new opportunity creates a deal in the synced pipeline, its stage
    matched through the stage mapping, at the next polling tick.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot
    The rep enters the opportunity at 20m; the deal exists from the 30m tick.
    """
    model.connector(DEALS)
    result = model.run(f"""
        name: a rep opens an opportunity
        records:{OPPORTUNITY}
        expect:
          - record: expansion
            system: hubspot
            field: dealstage
            equals: qualifiedtobuy
          - record: expansion
            system: hubspot
            field: pipeline
            equals: default
          - record: expansion
            system: hubspot
            field: amount
            equals: 24000
          - record: expansion
            system: hubspot
            field: dealname
            at: 29m
            equals: null
    """)
    assert_expectations_hold(result)
    deal = record(result, "expansion", "hubspot")
    assert deal.object == "deal"
    assert deal.created_at - result.scenario.start == timedelta(minutes=30)


def test_a_deal_creates_an_opportunity_and_its_stage_moves_reach_it(
    model: ModelFolder,
):
    """A deal in the synced pipeline creates an opportunity (after the sync
    delay); moving the deal's stage moves the opportunity's StageName to the
    mapped Salesforce stage.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot
    """
    model.connector(DEALS)
    result = model.run(f"""
        name: a rep works a deal in HubSpot
        records:{DEAL}
        journey:
          - at: 2h
            stage_move: {{record: renewal, stage: presentationscheduled}}
          - at: 3h
            stage_move: {{record: renewal, stage: closedwon}}
        expect:
          - record: renewal
            system: salesforce
            field: StageName
            at: 1m
            equals: Prospecting
          - record: renewal
            system: salesforce
            field: StageName
            sequence: [Prospecting, Proposal/Price Quote, Closed Won]
          - record: renewal
            system: salesforce
            field: StageName
            at: 121m
            equals: Proposal/Price Quote
          - record: renewal
            system: salesforce
            field: Amount
            equals: 12000
    """)
    assert_expectations_hold(result)
    assert record(result, "renewal", "salesforce").object == "Opportunity"


def test_an_opportunity_stage_change_reaches_the_deal_at_the_next_poll(
    model: ModelFolder,
):
    """A StageName change in Salesforce moves the deal to the mapped stage at
    the next polling tick.

    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    (an opportunity's mapped field change is a sync trigger; HubSpot polls
    every 15 minutes)
    """
    model.connector(DEALS)
    result = model.run(f"""
        name: the opportunity is won in Salesforce
        records:{OPPORTUNITY}
        journey:
          - at: 125m
            stage_move: {{record: expansion, stage: Closed Won}}
        expect:
          - record: expansion
            system: hubspot
            field: dealstage
            at: 134m
            equals: qualifiedtobuy
          - record: expansion
            system: hubspot
            field: dealstage
            at: 135m
            equals: closedwon
    """)
    assert_expectations_hold(result)


def test_a_deal_in_a_pipeline_that_does_not_sync_creates_no_opportunity(
    model: ModelFolder,
):
    """Only deals of the synced pipeline become opportunities.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot
    """
    model.connector(DEALS)
    result = model.run("""
        name: a partner deal stays in HubSpot
        records:
          - alias: partner
            hubspot: deal
            fields: {dealname: Reseller deal, pipeline: partners,
                     dealstage: appointmentscheduled, closedate: 2026-04-30}
    """)
    assert result.simulation.records.of("salesforce", "Opportunity") == []
    assert record(result, "partner").twin is None


def test_a_deal_moved_to_a_pipeline_that_does_not_sync_stops_syncing(
    model: ModelFolder,
):
    """Moving a deal to a pipeline that does not sync stops it syncing, both
    ways: later changes on either side stay where they were made.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot
    ("You can move a deal to an unsynced pipeline to stop it syncing")
    """
    model.connector(DEALS)
    result = model.run(f"""
        name: the renewal moves to the partner pipeline
        records:{DEAL}
        journey:
          - at: 1h
            edit: {{record: renewal, fields: {{pipeline: partners}}}}
          - at: 2h
            edit: {{record: renewal, fields: {{amount: 15000}}}}
          - at: 3h
            edit: {{record: renewal, system: salesforce, fields: {{Amount: 9000}}}}
        expect:
          - record: renewal
            system: salesforce
            field: Amount
            equals: 9000
          - record: renewal
            field: amount
            equals: 15000
    """)
    assert_expectations_hold(result)


def test_a_deal_stage_the_stage_mapping_lacks_is_a_sync_error(model: ModelFolder):
    """A deal stage with no Salesforce stage in the mapping cannot sync: a
    sync error, and the opportunity keeps its stage.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    (property value errors)
    """
    model.connector(DEALS)
    result = model.run(f"""
        name: a stage nobody mapped
        records:{DEAL}
        journey:
          - at: 1h
            stage_move: {{record: renewal, stage: contractsent}}
        expect:
          - record: renewal
            system: salesforce
            field: StageName
            equals: Prospecting
    """)
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "deal stage 'contractsent' has no Salesforce stage in the stage mapping"
    )


def test_an_opportunity_with_an_account_belongs_to_the_accounts_company(
    model: ModelFolder,
):
    """With company sync on, the deal of an opportunity is associated with the
    company of the opportunity's account.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot
    (company sync must be on for deals and companies to be associated)
    """
    model.connector(DEALS)
    result = model.run("""
        name: an opportunity of Acme
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme Corporation}
          - alias: expansion
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31, AccountId: acme}
        expect:
          - record: acme
            system: hubspot
            field: name
            equals: Acme Corporation
    """)
    assert_expectations_hold(result)
    company = record(result, "acme", "hubspot")
    deal = record(result, "expansion", "hubspot")
    assert company.key in deal.associations
