"""Lead conversion: the convert journey event.

Sources: "Convert Leads",
https://help.salesforce.com/s/articleView?id=sf.leads_convert.htm
the standard mapping ("Lead Conversion Field Mapping", shared reference
salesforce.md (d)); custom mappings in LeadConvertSettings,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconvertsettings.htm
"Require Validation for Converted Leads" in LeadConfigSettings,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconfigsettings.htm
"""

from __future__ import annotations

from datetime import date

import pytest
from model_folder import ModelFolder, assert_expectations_hold, findings, record
from salesforce_xml import (
    _HEAD,
    _NS,
    assignment,
    boolean,
    record_triggered_flow,
    start_filter,
    text,
    validation_rule,
)

from simulator.errors import ScenarioError

LEAD = """
    name: {name}
    records:
      - alias: lee
        salesforce: Lead
        fields: {{FirstName: Lee, LastName: Park, Company: Park Robotics,
                 Email: lee@park.example, Phone: "555-0101", Title: CTO,
                 Industry: Robotics, NumberOfEmployees: 40, LeadSource: Web,
                 City: Leeds, Region__c: North{extra}}}
    journey:
      - at: 1d
        convert: {{record: lee{options}}}
    expect:
{expect}
"""


def _scenario(name: str, expect: str, options: str = "", extra: str = "") -> str:
    return LEAD.format(name=name, expect=expect, options=options, extra=extra)


def test_lead_conversion_mapping_creates_account_contact_and_opportunity(
    model: ModelFolder,
):
    """Company becomes the account's Name, the address its billing address;
    name, title, email and phone go to the contact, linked to the account;
    the opportunity is named after the company, takes the lead source, the
    first stage and a close date at the end of the quarter."""
    result = model.run(
        _scenario(
            "a lead converts",
            "      - {record: lee-account, field: Name, equals: Park Robotics}\n"
            "      - {record: lee-account, field: BillingCity, equals: Leeds}\n"
            "      - {record: lee-account, field: Industry, equals: Robotics}\n"
            "      - {record: lee-account, field: NumberOfEmployees, equals: 40}\n"
            "      - {record: lee-contact, field: LastName, equals: Park}\n"
            "      - {record: lee-contact, field: Email, equals: lee@park.example}\n"
            "      - {record: lee-contact, field: Title, equals: CTO}\n"
            "      - {record: lee-contact, field: MailingCity, equals: Leeds}\n"
            "      - {record: lee-contact, field: LeadSource, equals: Web}\n"
            "      - {record: lee-opportunity, field: Name, equals: Park Robotics-}\n"
            "      - {record: lee-opportunity, field: StageName, equals: Prospecting}\n"
            "      - {record: lee-opportunity, field: LeadSource, equals: Web}\n"
            "      - {record: lee-opportunity, field: Probability, equals: 10}\n"
            "      - {record: lee, field: IsConverted, equals: true}\n"
            "      - {record: lee, field: Status, equals: Closed - Converted}\n"
            "      - {record: lee, field: ConvertedDate, equals: 2026-01-06}",
        )
    )
    assert_expectations_hold(result)
    lee = record(result, "lee").fields
    account = record(result, "lee-account")
    contact = record(result, "lee-contact")
    opportunity = record(result, "lee-opportunity")
    assert contact.fields["AccountId"] == account.id
    assert opportunity.fields["AccountId"] == account.id
    assert opportunity.fields["CloseDate"] == date(2026, 3, 31)
    assert (
        lee["ConvertedAccountId"],
        lee["ConvertedContactId"],
        lee["ConvertedOpportunityId"],
    ) == (account.id, contact.id, opportunity.id)
    assert "Region__c" not in account.fields  # custom fields map only if mapped


def test_lead_conversion_mapping_reads_lead_convert_settings(model: ModelFolder):
    """LeadConvertSettings objectMapping maps a custom lead field to a field of
    the account; opportunity: false leaves the opportunity out."""
    model.settings(
        "LeadConvert",
        f"{_HEAD}<LeadConvertSettings {_NS}>"
        "<allowOwnerChange>true</allowOwnerChange>"
        "<objectMapping><inputObject>Lead</inputObject>"
        "<mappingFields><inputField>Region__c</inputField>"
        "<outputField>Sales_Region__c</outputField></mappingFields>"
        "<outputObject>Account</outputObject></objectMapping>"
        "<opportunityCreationOptions>VisibleOptional</opportunityCreationOptions>"
        "</LeadConvertSettings>",
    )
    result = model.run(
        _scenario(
            "a custom mapping",
            "      - {record: lee-account, field: Sales_Region__c, equals: North}\n"
            "      - {record: lee, field: ConvertedOpportunityId, equals: null}",
            options=", opportunity: false",
        )
    )
    assert_expectations_hold(result)
    assert result.simulation.records.of("salesforce", "Opportunity") == []


def test_lead_conversion_runs_lead_update_and_insert_automation(model: ModelFolder):
    """The lead's update automation runs with IsConverted going from false to
    true; the contact's insert automation runs on the new contact."""
    model.flow(
        "Lead_Converted",
        record_triggered_flow(
            "Lead converted",
            "Lead",
            timing="RecordAfterSave",
            when="Update",
            first=None,
            filters=[start_filter("IsConverted", "EqualTo", boolean(True))],
            only_when_changed_to_meet=True,
        ),
    )
    model.flow(
        "Contact_Welcome",
        record_triggered_flow(
            "Contact welcome",
            "Contact",
            timing="RecordBeforeSave",
            when="Create",
            first="Hello",
            elements=assignment("Hello", [("$Record.Description", text("welcome"))]),
        ),
    )
    result = model.run(
        _scenario(
            "automation on conversion",
            "      - {record: lee, entered: Lead converted, count: 1}\n"
            "      - {record: lee-contact, entered: Contact welcome, count: 1}\n"
            "      - {record: lee-contact, field: Description, equals: welcome}",
        )
    )
    assert_expectations_hold(result)


def test_a_lead_converted_onto_an_existing_account_fills_only_its_blanks(
    model: ModelFolder,
):
    """Converting onto an existing account creates no account; the account
    keeps the values it has and takes the lead's only where it is blank."""
    scenario = _scenario(
        "an existing account",
        "      - {record: acme, field: Name, equals: Acme Holdings}\n"
        "      - {record: acme, field: Industry, equals: Robotics}\n"
        "      - {record: lee-contact, field: LastName, equals: Park}",
        options=", account: acme",
    ).replace(
        "    records:\n",
        "    records:\n      - alias: acme\n        salesforce: Account\n"
        "        fields: {Name: Acme Holdings}\n",
    )
    result = model.run(scenario)
    assert_expectations_hold(result)
    assert len(result.simulation.records.of("salesforce", "Account")) == 1
    assert (
        record(result, "lee-contact").fields["AccountId"] == record(result, "acme").id
    )


def test_validation_rules_run_on_conversion_only_when_required(model: ModelFolder):
    """Without "Require Validation for Converted Leads" a conversion saves
    despite a validation rule that would refuse the account; with
    shouldLeadConvertRequireValidation the whole conversion is refused."""
    model.validation_rule(
        "Account",
        "Needs_Phone",
        validation_rule("Needs_Phone", "ISBLANK(Website)", "Give a website."),
    )
    scenario = _scenario(
        "a rule on accounts", "      - {record: lee, field: IsConverted, equals: true}"
    )
    assert_expectations_hold(model.run(scenario))
    model.settings(
        "LeadConfig",
        f"{_HEAD}<LeadConfigSettings {_NS}>"
        "<shouldLeadConvertRequireValidation>true"
        "</shouldLeadConvertRequireValidation></LeadConfigSettings>",
    )
    refused = model.run(scenario)
    assert record(refused, "lee").fields.get("IsConverted") is None
    assert refused.simulation.records.of("salesforce", "Account") == []
    [finding] = findings(refused, "validation_failed")
    assert "Give a website." in finding.message


def test_a_lead_converts_once_and_only_to_a_converted_status(model: ModelFolder):
    """A converted lead cannot be converted again, and the status given must
    be one marked converted."""
    result = model.run(
        _scenario(
            "twice", "      - {record: lee, field: IsConverted, equals: true}"
        ).replace(
            "    expect:",
            "      - at: 2d\n        convert: {record: lee}\n    expect:",
        )
    )
    assert_expectations_hold(result)
    [again] = findings(result, "journey")
    assert "already converted" in again.message
    wrong = model.run(
        _scenario(
            "not a converted status",
            "      - {record: lee, field: IsConverted, equals: null}",
            options=", status: Working - Contacted",
        )
    )
    assert_expectations_hold(wrong)
    [refused] = findings(wrong, "journey")
    assert "not a converted lead status" in refused.message


def test_a_convert_names_a_salesforce_lead_and_its_options_go_with_it_only(
    model: ModelFolder,
):
    """The scenario loader refuses a convert of another object, and the
    convert options on another kind of event, naming the line."""
    with pytest.raises(ScenarioError) as wrong_object:
        model.run("""
            name: converting a deal
            records:
              - alias: deal
                salesforce: Opportunity
                fields: {Name: A, StageName: Prospecting, CloseDate: 2026-03-31}
            journey:
              - at: 1d
                convert: {record: deal}
        """)
    assert "a convert converts a Salesforce lead" in str(wrong_object.value)
    assert ":8" in str(wrong_object.value)
    with pytest.raises(ScenarioError) as wrong_option:
        model.run("""
            name: an edit with a status
            records:
              - alias: lee
                salesforce: Lead
            journey:
              - at: 1d
                edit: {record: lee, fields: {Title: CTO}, status: Closed}
        """)
    assert "status" in str(wrong_option.value)
