"""The four sync rules of a field mapping, each tested in both directions.

https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
Every contact syncs (no inclusion list); Ada's Lead is created at 1m,
HubSpot changes reach Salesforce a minute later and Salesforce changes reach
HubSpot on the next 15-minute tick.
"""

from __future__ import annotations

import pytest
from model_folder import ModelFolder, assert_expectations_hold

CONNECTOR = """
    create_as: Lead
    polling_interval: 15m
    hubspot_to_salesforce_delay: 1m
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
      - {hubspot: firstname, salesforce: FirstName, rule: two_way}
      - {hubspot: lastname, salesforce: LastName, rule: two_way}
      - {hubspot: company, salesforce: Company, rule: prefer_salesforce_unless_blank}
      - {hubspot: jobtitle, salesforce: Title, rule: prefer_salesforce_unless_blank}
      - {hubspot: industry, salesforce: Industry, rule: always_use_salesforce}
      - {hubspot: website, salesforce: Website, rule: dont_sync}
"""


@pytest.fixture
def synced(model: ModelFolder) -> ModelFolder:
    model.connector(CONNECTOR)
    return model


def test_prefer_salesforce_unless_blank_writes_hubspot_only_into_a_blank_field(
    synced: ModelFolder,
):
    """ "Prefer Salesforce unless blank": HubSpot's value goes to Salesforce only
    while Salesforce's field is empty; a Salesforce value overwrites HubSpot's.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    Title is blank on the new Lead, so CTO (1h) is written; CEO (2h) is not,
    and HubSpot's job title changes back to CTO at the sync it triggers
    (2h01m); the rep's Chief Engineer (3h) reaches HubSpot at the 3h15m tick.
    """
    result = synced.run("""
        name: job title, prefer Salesforce unless blank
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}
        journey:
          - at: 1h
            edit: {record: ada, fields: {jobtitle: CTO}}
          - at: 2h
            edit: {record: ada, fields: {jobtitle: CEO}}
          - at: 3h
            edit: {record: ada, system: salesforce, fields: {Title: Chief Engineer}}
        expect:
          - record: ada
            system: salesforce
            field: Title
            at: 3659s
            equals: null
          - record: ada
            system: salesforce
            field: Title
            at: 61m
            equals: CTO
          - record: ada
            system: salesforce
            field: Title
            at: 179m
            equals: CTO
          - record: ada
            field: jobtitle
            at: 7259s
            equals: CEO
          - record: ada
            field: jobtitle
            at: 121m
            equals: CTO
          - record: ada
            field: jobtitle
            sequence: [CTO, CEO, CTO, Chief Engineer]
          - record: ada
            field: jobtitle
            at: 195m
            equals: Chief Engineer
          - record: ada
            system: salesforce
            field: Title
            sequence: [CTO, Chief Engineer]
    """)
    assert_expectations_hold(result)


def test_always_use_salesforce_never_writes_hubspot_values_to_salesforce(
    synced: ModelFolder,
):
    """ "Always use Salesforce": HubSpot never writes the field, not even into a
    blank one; Salesforce's value always overwrites HubSpot's.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    result = synced.run("""
        name: industry, always use Salesforce
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, industry: Aerospace}
        journey:
          - at: 1h
            edit: {record: ada, fields: {industry: Software}}
          - at: 2h
            edit: {record: ada, system: salesforce,
                   fields: {Industry: Manufacturing}}
        expect:
          - record: ada
            system: salesforce
            field: Industry
            at: 119m
            equals: null
          - record: ada
            field: industry
            at: 134m
            equals: Software
          - record: ada
            field: industry
            at: 135m
            equals: Manufacturing
          - record: ada
            system: salesforce
            field: Industry
            sequence: [Manufacturing]
    """)
    assert_expectations_hold(result)


def test_two_way_the_most_recent_value_wins_in_both_directions(
    synced: ModelFolder,
):
    """ "Two-way": the most recent value is used, whichever side set it.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    HubSpot renames at 1h, Salesforce at 2h, HubSpot again at 3h: each name
    reaches the other side in turn.
    """
    result = synced.run("""
        name: first name, two-way
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}
        journey:
          - at: 1h
            edit: {record: ada, fields: {firstname: Adeline}}
          - at: 2h
            edit: {record: ada, system: salesforce, fields: {FirstName: Augusta}}
          - at: 3h
            edit: {record: ada, fields: {firstname: Ada}}
        expect:
          - record: ada
            system: salesforce
            field: FirstName
            at: 61m
            equals: Adeline
          - record: ada
            field: firstname
            at: 135m
            equals: Augusta
          - record: ada
            system: salesforce
            field: FirstName
            at: 181m
            equals: Ada
          - record: ada
            system: salesforce
            field: FirstName
            sequence: [Ada, Adeline, Augusta, Ada]
          - record: ada
            field: firstname
            sequence: [Ada, Adeline, Augusta, Ada]
    """)
    assert_expectations_hold(result)


@pytest.mark.parametrize(
    ("hubspot_at", "salesforce_at", "winner"),
    [("4h5m", "4h10m", "Salesforce"), ("4h10m", "4h5m", "HubSpot")],
)
def test_two_way_the_later_of_two_edits_between_syncs_wins(
    synced: ModelFolder, hubspot_at: str, salesforce_at: str, winner: str
):
    """When both sides change a two-way field before either change has synced,
    the later edit is the value both sides end with.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    ("most recent value").
    """
    minutes = {"4h5m": "245m", "4h10m": "250m"}
    result = synced.run(f"""
        name: both sides rename, {winner} last
        records:
          - alias: ada
            hubspot: contact
            fields: {{email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}}
        journey:
          - at: {minutes[hubspot_at]}
            edit: {{record: ada, fields: {{firstname: HubSpot}}}}
          - at: {minutes[salesforce_at]}
            edit: {{record: ada, system: salesforce, fields: {{FirstName: Salesforce}}}}
        expect:
          - record: ada
            field: firstname
            equals: {winner}
          - record: ada
            system: salesforce
            field: FirstName
            equals: {winner}
    """)
    assert_expectations_hold(result)


def test_dont_sync_passes_nothing_either_way(synced: ModelFolder):
    """ "Don't sync": neither side's value passes to the other.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    result = synced.run("""
        name: website, don't sync
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, website: ada.example.com}
        journey:
          - at: 1h
            edit: {record: ada, fields: {website: lovelace.example.com}}
          - at: 2h
            edit: {record: ada, system: salesforce,
                   fields: {Website: engines.example.com}}
        expect:
          - record: ada
            system: salesforce
            field: Website
            at: 119m
            equals: null
          - record: ada
            system: salesforce
            field: Website
            equals: engines.example.com
          - record: ada
            field: website
            equals: lovelace.example.com
    """)
    assert_expectations_hold(result)


def test_a_new_lead_takes_hubspot_values_of_prefer_salesforce_fields(
    synced: ModelFolder,
):
    """A Lead created by the connector has blank fields, so "Prefer Salesforce
    unless blank" fields take HubSpot's values; "Always use Salesforce" and
    "Don't sync" fields stay blank.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    result = synced.run("""
        name: the lead as first created
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, jobtitle: CTO,
                     industry: Aerospace, website: ada.example.com}
        expect:
          - record: ada
            system: salesforce
            field: Company
            equals: Analytical Engines
          - record: ada
            system: salesforce
            field: Title
            equals: CTO
          - record: ada
            system: salesforce
            field: Industry
            equals: null
          - record: ada
            system: salesforce
            field: Website
            equals: null
    """)
    assert_expectations_hold(result)


@pytest.mark.parametrize(
    ("hubspot", "salesforce", "cleared"),
    [
        ("jobtitle", "Title", True),  # prefer Salesforce unless blank
        ("industry", "Industry", True),  # always use Salesforce
        ("firstname", "FirstName", True),  # two-way
        ("website", "Website", False),  # don't sync
    ],
)
def test_clearing_a_salesforce_value_clears_hubspot_unless_the_rule_is_dont_sync(
    synced: ModelFolder, hubspot: str, salesforce: str, cleared: bool
):
    """Deleting the Salesforce value deletes the HubSpot value under "Prefer
    Salesforce unless blank", "Always use Salesforce" and "Two-way"; under
    "Don't sync" deletions do not propagate.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    result = synced.run(f"""
        name: the rep clears {salesforce}
        records:
          - alias: ada
            hubspot: contact
            fields: {{email: ada@example.com, lastname: Lovelace,
                     company: Analytical Engines, {hubspot}: kept}}
        journey:
          - at: 30m
            edit: {{record: ada, system: salesforce, fields: {{{salesforce}: set}}}}
          - at: 2h
            edit: {{record: ada, system: salesforce, fields: {{{salesforce}: null}}}}
        expect:
          - record: ada
            field: {hubspot}
            at: 119m
            equals: {"set" if cleared else "kept"}
          - record: ada
            field: {hubspot}
            equals: {"null" if cleared else "kept"}
    """)
    assert_expectations_hold(result)


def test_two_way_clearing_the_hubspot_value_clears_salesforce(synced: ModelFolder):
    """Under "Two-way" deletions propagate both ways.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    """
    result = synced.run("""
        name: HubSpot clears the first name
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}
        journey:
          - at: 1h
            edit: {record: ada, fields: {firstname: null}}
        expect:
          - record: ada
            system: salesforce
            field: FirstName
            at: 60m
            equals: Ada
          - record: ada
            system: salesforce
            field: FirstName
            at: 61m
            equals: null
    """)
    assert_expectations_hold(result)


def test_two_way_a_form_submission_does_not_send_an_older_hubspot_value(
    synced: ModelFolder,
):
    """A form submission is a sync trigger that sends the contact's mapped
    fields; under two-way the most recent value still wins, so a first name
    the rep changed in Salesforce after HubSpot's is not overwritten.

    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    (form submission); MAPPING ("most recent value"). The rep renames Ada at
    2h; she submits a form at 2h05m; the 2h15m poll brings Adeline to HubSpot.
    """
    result = synced.run("""
        name: a form after a rep's correction
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}
        journey:
          - at: 2h
            edit: {record: ada, system: salesforce, fields: {FirstName: Adeline}}
          - at: 125m
            form_submission: {record: ada, form: newsletter}
        expect:
          - record: ada
            system: salesforce
            field: FirstName
            sequence: [Ada, Adeline]
          - record: ada
            field: firstname
            at: 135m
            equals: Adeline
    """)
    assert_expectations_hold(result)


def test_a_hubspot_change_under_a_salesforce_rule_changes_back(
    synced: ModelFolder,
):
    """Under "Always use Salesforce" (and "Prefer Salesforce unless blank"), a
    Salesforce value "will always overwrite the existing value in HubSpot": a
    HubSpot edit changes back at the sync it triggers, and nothing reaches
    Salesforce. While Salesforce is blank, the HubSpot value stays.

    https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields;
    https://knowledge.hubspot.com/articles/KCS_Article/Salesforce/I-am-changing-a-HubSpot-contact-property-but-it-keeps-changing-back-to-the-original
    (redirects to the same page)
    """
    result = synced.run("""
        name: industry keeps changing back
        records:
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines, industry: Aerospace}
        journey:
          - at: 1h
            edit: {record: ada, system: salesforce,
                   fields: {Industry: Manufacturing}}
          - at: 2h
            edit: {record: ada, fields: {industry: Retail}}
        expect:
          - record: ada
            field: industry
            sequence: [Aerospace, Manufacturing, Retail, Manufacturing]
          - record: ada
            field: industry
            at: 121m
            equals: Manufacturing
          - record: ada
            system: salesforce
            field: Industry
            sequence: [Manufacturing]
    """)
    assert_expectations_hold(result)
