"""Sync errors: Salesforce refusing the connector's write, as HubSpot reports it.

https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
lists the error types (custom code and validation rules, duplicate rules,
property values such as a required field or a picklist value) and says a
record with an error does not sync until the error is resolved.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from model_folder import (
    SFDX,
    ModelFolder,
    assert_expectations_hold,
    entries,
    findings,
    record,
)
from salesforce_xml import picklist_field, text_field, validation_rule

from simulator.engine.settings import EngineSettings
from simulator.engine.sync_errors import reason

LEADS = """
    create_as: Lead
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
      - {hubspot: firstname, salesforce: FirstName, rule: two_way}
      - {hubspot: lastname, salesforce: LastName, rule: two_way}
      - {hubspot: company, salesforce: Company, rule: two_way}
      - {hubspot: jobtitle, salesforce: Title, rule: two_way}
"""

ADA = """
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, firstname: Ada, lastname: Lovelace,
                     company: Analytical Engines}
"""


def _no_interns(model: ModelFolder) -> None:
    model.connector(LEADS)
    model.validation_rule(
        "Lead",
        "No_Interns",
        validation_rule(
            "No_Interns", 'Title = "Intern"', "Sales does not call interns."
        ),
    )


def test_a_validation_rule_refusing_the_write_is_a_sync_error_naming_the_rule(
    model: ModelFolder,
):
    """A validation rule that blocks the connector's write is a sync error
    that names the rule and its message, reported once, by the connector:
    Salesforce's rolled-back save is not a second finding.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    ("Salesforce custom code errors": validation rules block the write)
    """
    _no_interns(model)
    result = model.run(f"""
        name: an intern's title is refused
        records:{ADA}
        journey:
          - at: 1h
            edit: {{record: ada, fields: {{jobtitle: Intern}}}}
        expect:
          - record: ada
            system: salesforce
            field: Title
            equals: null
    """)
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "validation rule Lead.No_Interns: Sales does not call interns."
    )
    assert error.record == record(result, "ada").key
    assert error.time - result.scenario.start == timedelta(minutes=61)
    assert findings(result, "validation_failed") == []


def test_later_changes_wait_while_the_record_has_a_sync_error_then_sync_once_fixed(
    model: ModelFolder,
):
    """A record with a sync error stays out of sync: a later mapped change
    waits with the refused one; when the refused value is fixed, the next
    write carries every waiting change and the error clears.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    Intern is refused at 1h01m; the new first name (2h) waits; CTO (3h) is
    accepted at 3h01m together with the first name.
    """
    _no_interns(model)
    result = model.run(f"""
        name: the title is fixed and the sync resumes
        records:{ADA}
        journey:
          - at: 1h
            edit: {{record: ada, fields: {{jobtitle: Intern}}}}
          - at: 2h
            edit: {{record: ada, fields: {{firstname: Adeline}}}}
          - at: 3h
            edit: {{record: ada, fields: {{jobtitle: CTO}}}}
        expect:
          - record: ada
            system: salesforce
            field: FirstName
            at: 179m
            equals: Ada
          - record: ada
            system: salesforce
            field: FirstName
            at: 181m
            equals: Adeline
          - record: ada
            system: salesforce
            field: Title
            equals: CTO
    """)
    assert_expectations_hold(result)
    assert len(findings(result, "sync_error")) == 1
    [still] = [e for e in entries(result, "sync_error", "ada")]
    assert still.time - result.scenario.start == timedelta(minutes=121)
    [resumed] = [e for e in entries(result, "sync", "ada") if "resumed" in e.message]
    assert resumed.time - result.scenario.start == timedelta(minutes=181)


def test_a_fix_made_in_salesforce_lets_the_waiting_changes_through(model: ModelFolder):
    """A sync trigger on either side retries a record with a sync error: a rep
    who fixes the blocking value in a mapped Salesforce field lets HubSpot's
    waiting change through.

    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    (a mapped Salesforce change is a sync trigger);
    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    Leads need a phone to take a title; the rep adds one at 2h.
    """
    model.connector(
        LEADS + "      - {hubspot: phone, salesforce: Phone, rule: two_way}\n"
    )
    model.validation_rule(
        "Lead",
        "Title_Needs_Phone",
        validation_rule(
            "Title_Needs_Phone",
            "AND(ISCHANGED(Title), ISBLANK(Phone))",
            "Add a phone before the title.",
        ),
    )
    no_phone = ADA.replace(
        "company: Analytical Engines}",
        "company: Analytical Engines,\n                     phone: null}",
    )
    result = model.run(f"""
        name: the rep adds the phone
        records:{no_phone}
        journey:
          - at: 1h
            edit: {{record: ada, fields: {{jobtitle: CTO}}}}
          - at: 2h
            edit: {{record: ada, system: salesforce,
                   fields: {{Phone: "+44 20 7946 0000"}}}}
        expect:
          - record: ada
            system: salesforce
            field: Title
            at: 119m
            equals: null
          - record: ada
            system: salesforce
            field: Title
            at: 121m
            equals: CTO
    """)
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert "validation rule Lead.Title_Needs_Phone" in error.message


def test_every_20_minutes_retries_an_errored_record_ten_times_then_nightly(
    model: ModelFolder,
):
    """With sync_error_retry = "every_20_minutes", HubSpot retries an errored
    record every 20 minutes up to ten times, then every night at midnight GMT.

    https://knowledge.hubspot.com/articles/kcs_article/salesforce/why-are-my-errored-syncs-not-automatically-retrying
    The first write fails at 09:01; retries at 09:21 … 12:21, then 00:00.
    """
    _no_interns(model)
    result = model.run(
        f"""
        name: an intern keeps being refused
        until: 2d
        records:{ADA}
        journey:
          - at: 0m
            edit: {{record: ada, fields: {{jobtitle: Intern}}}}
        """,
        EngineSettings(sync_error_retry="every_20_minutes"),
    )
    start = result.scenario.start
    retries = [e.time - start for e in entries(result, "sync_error", "ada")]
    first_ten = [timedelta(minutes=1 + 20 * n) for n in range(1, 11)]
    assert retries[:10] == first_ten
    midnights = [timedelta(hours=15), timedelta(hours=39)]
    assert retries[10:] == midnights
    assert len(findings(result, "sync_error")) == 1


def test_a_duplicate_rule_that_blocks_a_second_lead_is_a_sync_error(
    model: ModelFolder,
):
    """A Salesforce duplicate rule set to Block on insert refuses the Lead the
    connector creates when it matches an existing lead; HubSpot shows a
    "Salesforce duplicate rule" sync error. revsim reads the rule and its
    matching rule from the SFDX tree.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    (duplicate errors); Metadata API Developer Guide, DuplicateRule and
    MatchingRule. A rep entered Ada with her personal email; her work email in
    HubSpot does not match it, but name and company do.
    """
    model.connector(LEADS)
    _write(model, "matchingRules/Lead.matchingRule-meta.xml", NAME_AND_COMPANY)
    _write(
        model,
        "duplicateRules/Lead.Block_Same_Person.duplicateRule-meta.xml",
        BLOCK_SAME_PERSON,
    )
    result = model.run(f"""
        name: Ada is already a lead under another email
        records:
          - alias: known
            salesforce: Lead
            fields: {{Email: ada@home.example, FirstName: Ada, LastName: Lovelace,
                     Company: Analytical Engines}}
{ADA}
        expect:
          - record: known
            field: Email
            equals: ada@home.example
    """)
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "duplicate rule Block same person: Ada is already a lead."
    )
    assert len(result.simulation.records.of("salesforce", "Lead")) == 1
    assert record(result, "ada").twin is None


def test_an_inactive_duplicate_rule_blocks_nothing(model: ModelFolder):
    """Only an active duplicate rule (isActive) blocks a save.

    Metadata API Developer Guide, DuplicateRule (isActive).
    """
    model.connector(LEADS)
    _write(model, "matchingRules/Lead.matchingRule-meta.xml", NAME_AND_COMPANY)
    _write(
        model,
        "duplicateRules/Lead.Block_Same_Person.duplicateRule-meta.xml",
        BLOCK_SAME_PERSON.replace("<isActive>true", "<isActive>false"),
    )
    result = model.run(f"""
        name: the duplicate rule is off
        records:
          - alias: known
            salesforce: Lead
            fields: {{Email: ada@home.example, FirstName: Ada, LastName: Lovelace,
                     Company: Analytical Engines}}
{ADA}
    """)
    assert findings(result, "sync_error") == []
    assert len(result.simulation.records.of("salesforce", "Lead")) == 2


def test_a_required_field_hubspot_leaves_blank_is_a_sync_error_naming_the_field(
    model: ModelFolder,
):
    """A field Salesforce requires (here a custom field marked required) that
    the connector's new lead lacks: the insert is refused, HubSpot shows a
    property value error naming the field, and no lead exists.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    (property value errors: a required field missing)
    """
    model.connector(LEADS)
    model.field("Lead", "Region__c", text_field("Region__c", required=True))
    result = model.run(f"""
        name: the lead needs a region
        records:{ADA}
    """)
    [error] = findings(result, "sync_error")
    assert error.message.startswith("required field Region__c missing")
    assert result.simulation.records.of("salesforce", "Lead") == []


def test_a_picklist_value_salesforce_does_not_accept_is_a_sync_error(
    model: ModelFolder,
):
    """A value a restricted picklist does not list is refused: HubSpot shows a
    property value error naming the value and the field; the lead keeps its
    value until HubSpot sends one the picklist accepts.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    (property value errors: picklist value not allowed)
    """
    model.connector(
        LEADS + "      - {hubspot: industry, salesforce: Industry, rule: two_way}\n"
    )
    model.field(
        "Lead",
        "Industry",
        picklist_field("Industry", ["Banking", "Retail"], restricted=True),
    )
    result = model.run(f"""
        name: an industry Salesforce does not list
        records:{ADA}
        journey:
          - at: 1h
            edit: {{record: ada, fields: {{industry: Aerospace}}}}
          - at: 2h
            edit: {{record: ada, fields: {{industry: Retail}}}}
        expect:
          - record: ada
            system: salesforce
            field: Industry
            at: 119m
            equals: null
          - record: ada
            system: salesforce
            field: Industry
            equals: Retail
    """)
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "picklist value 'Aerospace' not accepted for Industry"
    )


def test_salesforce_messages_become_the_reasons_hubspot_names():
    """Each refusal reads as the sync error card names it.

    https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    """
    assert (
        reason("save rolled back: validation rule Lead.X blocked the save: No.")
        == "validation rule Lead.X: No."
    )
    assert (
        reason(
            "REQUIRED_FIELD_MISSING saving Lead: Required fields are missing: "
            "[LastName]"
        )
        == "required field LastName missing"
    )
    assert (
        reason(
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST saving Lead: bad value for "
            "restricted picklist field Status: Maybe"
        )
        == "picklist value 'Maybe' not accepted for Status"
    )


NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'

NAME_AND_COMPANY = f"""<?xml version="1.0" encoding="UTF-8"?>
<MatchingRules {NS}>
    <matchingRules>
        <fullName>Same_Person</fullName>
        <label>Same person</label>
        <booleanFilter>1 AND 2 AND 3</booleanFilter>
        <matchingRuleItems>
            <blankValueBehavior>NullNotAllowed</blankValueBehavior>
            <fieldName>FirstName</fieldName>
            <matchingMethod>FirstName</matchingMethod>
        </matchingRuleItems>
        <matchingRuleItems>
            <blankValueBehavior>NullNotAllowed</blankValueBehavior>
            <fieldName>LastName</fieldName>
            <matchingMethod>LastName</matchingMethod>
        </matchingRuleItems>
        <matchingRuleItems>
            <blankValueBehavior>NullNotAllowed</blankValueBehavior>
            <fieldName>Company</fieldName>
            <matchingMethod>CompanyName</matchingMethod>
        </matchingRuleItems>
        <ruleStatus>Active</ruleStatus>
    </matchingRules>
</MatchingRules>
"""

BLOCK_SAME_PERSON = f"""<?xml version="1.0" encoding="UTF-8"?>
<DuplicateRule {NS}>
    <actionOnInsert>Block</actionOnInsert>
    <actionOnUpdate>Allow</actionOnUpdate>
    <alertText>Ada is already a lead.</alertText>
    <duplicateRuleMatchRules>
        <matchRuleSObjectType>Lead</matchRuleSObjectType>
        <matchingRule>Same_Person</matchingRule>
    </duplicateRuleMatchRules>
    <isActive>true</isActive>
    <masterLabel>Block same person</masterLabel>
    <sortOrder>1</sortOrder>
</DuplicateRule>
"""


def _write(model: ModelFolder, relative: str, xml: str) -> Path:
    path = model.root / SFDX / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(xml, encoding="utf-8")
    return path


def test_a_duplicate_rule_on_a_standard_matching_rule_is_listed_as_not_simulated(
    model: ModelFolder,
):
    """Standard matching rules are not in the source tree, so a duplicate rule
    that names one cannot be simulated: revsim validate lists it, and it
    blocks nothing (docs/limitations.md).
    """
    from simulator.model import load_model

    model.connector(LEADS)
    _write(
        model,
        "duplicateRules/Lead.Standard_Rule_for_Leads.duplicateRule-meta.xml",
        BLOCK_SAME_PERSON.replace("Same_Person", "Standard_Lead_Match_Rule_v1_0"),
    )
    [item] = load_model(model.root).not_simulated
    assert (item.definition, item.element) == (
        "Lead.Standard_Rule_for_Leads",
        "Standard_Lead_Match_Rule_v1_0",
    )
    assert "blocks nothing" in item.reason
