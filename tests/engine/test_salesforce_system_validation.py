"""System validation: required fields and restricted picklists refuse a save.

Order of execution, steps 2 and 5 ("Run most system validation steps again,
such as verifying that all required fields have a non-null value"):
https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
Required fields of the standard objects: the object reference (Lead,
Opportunity, Account, Contact: the fields not nillable on create), e.g.
https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm
Restricted picklists: https://help.salesforce.com/s/articleView?id=platform.fields_restricted_picklist.htm
"""

from __future__ import annotations

from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    changes,
    findings,
    record,
)
from salesforce_xml import (
    assignment,
    picklist_field,
    record_triggered_flow,
    text,
    text_field,
    validation_rule,
)


def test_a_required_field_left_blank_refuses_the_save(model: ModelFolder):
    """Opportunity CloseDate is required: an edit that clears it is refused
    with REQUIRED_FIELD_MISSING, and the record keeps its date."""
    result = model.run("""
        name: clearing the close date is refused
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-03-31}
        journey:
          - at: 1h
            edit: {record: deal, fields: {CloseDate: null}}
        expect:
          - {record: deal, field: CloseDate, equals: 2026-03-31}
    """)
    assert_expectations_hold(result)
    [refused] = findings(result, "validation_failed")
    assert "REQUIRED_FIELD_MISSING" in refused.message
    assert "CloseDate" in refused.message


def test_a_new_record_without_a_required_field_is_not_created(model: ModelFolder):
    """An Account needs a Name; a custom field marked required too."""
    model.field("Account", "Region__c", text_field("Region__c", required=True))
    result = model.run("""
        name: an account without its required region
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme}
        expect: []
    """)
    assert result.simulation.records.of("salesforce", "Account") == []
    [refused] = findings(result, "validation_failed")
    assert "Region__c" in refused.message


def test_a_restricted_picklist_refuses_a_value_it_does_not_list(model: ModelFolder):
    """A restricted picklist accepts only its own values (INVALID_OR_NULL_FOR_
    RESTRICTED_PICKLIST); an unrestricted one takes any value."""
    model.field(
        "Lead",
        "Tier__c",
        picklist_field("Tier__c", ["Gold", "Silver"], restricted=True),
    )
    model.field("Lead", "Band__c", picklist_field("Band__c", ["A", "B"]))
    result = model.run("""
        name: a value outside the restricted list
        records:
          - alias: lee
            salesforce: Lead
            fields: {LastName: Lee, Company: Lee Co, Tier__c: Gold}
        journey:
          - at: 1h
            edit: {record: lee, fields: {Tier__c: Platinum}}
          - at: 2h
            edit: {record: lee, fields: {Band__c: Z}}
        expect:
          - {record: lee, field: Tier__c, equals: Gold}
          - {record: lee, field: Band__c, equals: Z}
    """)
    assert_expectations_hold(result)
    [refused] = findings(result, "validation_failed")
    assert "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" in refused.message
    assert "Platinum" in refused.message


def test_a_before_save_flow_can_fill_a_required_field(model: ModelFolder):
    """System validation runs after before-save flows (steps 3 and 5), so a
    flow that fills StageName lets an opportunity without one be saved;
    without the flow the same record is refused."""
    scenario = """
        name: the flow fills the stage
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, CloseDate: 2026-03-31}
        expect: []
    """
    refused = model.run(scenario)
    assert refused.simulation.records.of("salesforce", "Opportunity") == []
    model.flow(
        "Opportunity_Default_Stage",
        record_triggered_flow(
            "Default stage",
            "Opportunity",
            timing="RecordBeforeSave",
            when="Create",
            first="Fill",
            elements=assignment("Fill", [("$Record.StageName", text("Prospecting"))]),
        ),
    )
    result = model.run(scenario)
    assert record(result, "deal").fields["StageName"] == "Prospecting"
    assert record(result, "deal").fields["Probability"] == 10


def test_a_validation_rule_blocking_a_save_is_traced_with_its_message(
    model: ModelFolder,
):
    """A validation rule whose error condition is true blocks the save; the
    trace names the rule and its message (customfield.htm, ValidationRule)."""
    model.validation_rule(
        "Lead",
        "Company_Not_Test",
        validation_rule(
            "Company_Not_Test", 'Company = "Test"', "Use the real company name."
        ),
    )
    result = model.run("""
        name: a test company is refused
        records:
          - alias: lee
            salesforce: Lead
            fields: {LastName: Lee, Company: Lee Co}
        journey:
          - at: 1h
            edit: {record: lee, fields: {Company: Test}}
        expect:
          - {record: lee, field: Company, equals: Lee Co}
    """)
    assert_expectations_hold(result)
    [refused] = findings(result, "validation_failed")
    assert "Lead.Company_Not_Test" in refused.message
    assert "Use the real company name." in refused.message
    assert changes(result, "lee", "Company") == []
    assert record(result, "lee").fields["Company"] == "Lee Co"
