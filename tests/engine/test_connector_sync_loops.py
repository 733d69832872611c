"""Sync loops: both sides' automation rewriting one field through the connector.

Practitioners describe "endless sync loops" when a HubSpot workflow and
Salesforce automation both own a field
(https://intel.42agency.com/hubspot-salesforce/field-mapping; shared reference
hubspot.md (c), "Known loops"). The connector itself has no bound: a field that
changes on one side after the other side wrote it syncs back, on every poll
(https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers,
https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields,
two-way: the most recent value wins). revsim stops such a chain after
max_sync_round_trips round trips and reports a sync_loop finding.

The mistake modelled: HubSpot normalises lead source to "Web" whenever it
becomes "Website"; a Salesforce before-save flow normalises "Web" to
"Website" on every lead save.
"""

from __future__ import annotations

from datetime import timedelta

from hubspot_json import contact_flow, enum_filter, list_based, set_property
from model_folder import ModelFolder, changes, findings, record
from salesforce_xml import (
    assignment,
    record_triggered_flow,
    start_filter,
    text,
)

from simulator.engine.settings import EngineSettings

CONNECTOR = """
    create_as: Lead
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
      - {hubspot: lastname, salesforce: LastName, rule: two_way}
      - {hubspot: lead_source, salesforce: LeadSource, rule: two_way}
"""

SCENARIO = """
    name: two normalisations disagree
    until: 1d
    records:
      - alias: ada
        hubspot: contact
        fields: {email: ada@example.com, lastname: Lovelace,
                 lead_source: Website}
"""


def _hubspot_says_web(model: ModelFolder) -> None:
    website = enum_filter("lead_source", ["Website"])
    model.hubspot_workflow(
        contact_flow(
            "Normalise lead source",
            list_based([website], re_enroll=True, re_enrol_on=[website]),
            [set_property("1", "lead_source", "Web")],
        )
    )


def _salesforce_says_website(model: ModelFolder) -> None:
    model.flow(
        "Lead_Source_Website",
        record_triggered_flow(
            "Lead source is Website",
            "Lead",
            timing="RecordBeforeSave",
            when="CreateAndUpdate",
            first="Set_Website",
            filters=[start_filter("LeadSource", "EqualTo", text("Web"))],
            elements=assignment(
                "Set_Website", [("$Record.LeadSource", text("Website"))]
            ),
        ),
    )


def test_a_field_both_sides_keep_rewriting_stops_after_max_sync_round_trips(
    model: ModelFolder,
):
    """Each side rewrites the other's value; the chain stops after five round
    trips (max_sync_round_trips) with one sync_loop finding, not at the event
    budget, and the finding names the workflow, the flow and the mapping.
    """
    model.connector(CONNECTOR)
    _hubspot_says_web(model)
    _salesforce_says_website(model)
    result = model.run(SCENARIO)
    assert result.stopped is None
    [loop] = findings(result, "sync_loop")
    assert "lead_source ↔ LeadSource" in loop.message
    assert "'Normalise lead source'" in loop.message
    assert "'Lead source is Website'" in loop.message
    assert "lead_source → LeadSource" in loop.message
    assert "LeadSource → lead_source" in loop.message
    from_salesforce = [
        c for c in changes(result, "ada", "lead_source") if c.new == "Website"
    ]
    assert len(from_salesforce) == 5
    last = from_salesforce[-1].time - result.scenario.start
    assert loop.time - result.scenario.start == last + timedelta(minutes=1)


def test_max_sync_round_trips_is_the_bound(model: ModelFolder):
    """The bound is the setting max_sync_round_trips (docs/settings.md)."""
    model.connector(CONNECTOR)
    _hubspot_says_web(model)
    _salesforce_says_website(model)
    result = model.run(SCENARIO, EngineSettings(max_sync_round_trips=2))
    from_salesforce = [
        c for c in changes(result, "ada", "lead_source") if c.new == "Website"
    ]
    assert len(from_salesforce) == 2
    assert len(findings(result, "sync_loop")) == 1


def test_a_value_rewritten_once_in_salesforce_syncs_back_and_is_no_loop(
    model: ModelFolder,
):
    """A before-save flow that rewrites the value the connector wrote leaves
    Salesforce newer and different: the next poll brings its value to
    HubSpot (two-way, most recent wins). Without a workflow rewriting it
    again in HubSpot, that is one round trip and no loop.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    model.connector(CONNECTOR)
    _salesforce_says_website(model)
    result = model.run("""
        name: Salesforce's normalisation wins
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, lastname: Lovelace, lead_source: Web}
        expect:
          - record: ada
            field: lead_source
            at: 14m
            equals: Web
          - record: ada
            field: lead_source
            at: 15m
            equals: Website
          - record: ada
            system: salesforce
            field: LeadSource
            equals: Website
    """)
    assert result.failures == []
    assert findings(result, "sync_loop") == []


def test_a_workflow_fighting_a_salesforce_owned_property_is_a_loop_too(
    model: ModelFolder,
):
    """Under "Always use Salesforce" a HubSpot edit changes back at once
    (MAPPING); a workflow that sets the property again whenever it changes
    makes that a loop, stopped after max_sync_round_trips round trips.
    """
    model.connector(
        CONNECTOR.replace(
            "{hubspot: lead_source, salesforce: LeadSource, rule: two_way}",
            "{hubspot: lead_source, salesforce: LeadSource, "
            "rule: always_use_salesforce}",
        )
    )
    _hubspot_says_web(model)
    result = model.run("""
        name: marketing fights sales over the lead source
        until: 1d
        records:
          - alias: lead
            salesforce: Lead
            fields: {Email: ada@example.com, LastName: Lovelace,
                     Company: Analytical Engines, LeadSource: Website}
    """)
    assert result.stopped is None
    [loop] = findings(result, "sync_loop")
    assert "'Normalise lead source'" in loop.message
    contact = record(result, "lead", "hubspot")
    back = [
        e
        for e in result.simulation.trace.entries
        if e.record == contact.key and e.field == "lead_source" and e.new == "Website"
    ]
    assert len(back) == 5  # five changes back after the workflow's Web
