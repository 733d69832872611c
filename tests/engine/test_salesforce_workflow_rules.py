"""Salesforce workflow rules: evaluation criteria and the time-based queue."""

from __future__ import annotations

from datetime import timedelta

from model_folder import ModelFolder, assert_expectations_hold, entries
from salesforce_xml import (
    checkbox_field,
    field_update,
    time_trigger,
    workflow,
    workflow_rule,
    workflow_task,
)

BIG_AMOUNT = [("Opportunity.Amount", "greaterThan", "1000")]


def test_each_evaluation_criterion_fires_on_the_saves_it_names(model: ModelFolder):
    """onCreateOnly: on create only. onAllChanges: on create and on every edit
    that leaves the criteria met. onCreateOrTriggeringUpdate: on create, and on
    an edit only when the record goes from not meeting to meeting them.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
    (WorkflowRule triggerType) and
    https://help.salesforce.com/s/articleView?id=platform.workflow_rules_considerations.htm
    Saves: create with 5000 (met), edit the description (still met), amount
    500 (not met), amount 6000 (met again).
    """
    model.workflow(
        "Opportunity",
        workflow(
            workflow_rule(
                "Created big",
                "onCreateOnly",
                BIG_AMOUNT,
                actions=[("Task", "On_Create")],
            ),
            workflow_rule(
                "Every big save",
                "onAllChanges",
                BIG_AMOUNT,
                actions=[("Task", "On_All")],
            ),
            workflow_rule(
                "Became big",
                "onCreateOrTriggeringUpdate",
                BIG_AMOUNT,
                actions=[("Task", "On_Triggering")],
            ),
            workflow_task("On_Create", "created, and met"),
            workflow_task("On_All", "saved, and met"),
            workflow_task("On_Triggering", "came to meet"),
        ),
    )
    result = model.run("""
        name: four saves of one deal
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Amount: 5000}
        journey:
          - at: 1h
            edit: {record: deal, fields: {Description: still big}}
          - at: 2h
            edit: {record: deal, fields: {Amount: 500}}
          - at: 3h
            edit: {record: deal, fields: {Amount: 6000}}
        expect:
          - record: deal
            entered: Created big
            count: 1
          - record: deal
            entered: Every big save
            count: 3
          - record: deal
            entered: Became big
            count: 2
          - record: deal
            action: task
            name: came to meet
            count: 2
    """)
    assert_expectations_hold(result)


STALE_LEAD = workflow(
    field_update("Flag_Stale_Lead", "Stale_Lead__c", "1"),
    workflow_rule(
        "Stale open lead",
        "onCreateOrTriggeringUpdate",
        [("Lead.Status", "equals", "Open - Not Contacted")],
        time_triggers=time_trigger(3, "Days", [("FieldUpdate", "Flag_Stale_Lead")]),
    ),
)


def test_a_time_trigger_fires_its_length_after_the_rule_fired(model: ModelFolder):
    """A time-dependent action waits in the time-based workflow queue and runs
    timeLength after the rule fired (no offsetFromField: the rule trigger date).

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
    (workflowTimeTriggers) and KB 000199152:
    https://help.salesforce.com/apex/HTViewSolution?id=000199152&language=en_US
    A new lead is Open - Not Contacted: flagged stale 3 days later, not before.
    """
    model.field("Lead", "Stale_Lead__c", checkbox_field("Stale_Lead__c"))
    model.workflow("Lead", STALE_LEAD)
    result = model.run("""
        name: nobody calls the lead
        until: 5d
        records:
          - alias: lead
            salesforce: Lead
            fields: {LastName: Lovelace, Company: Analytical Engines}
        expect:
          - record: lead
            field: Stale_Lead__c
            at: 259199s
            equals: null
          - record: lead
            field: Stale_Lead__c
            at: 3d
            equals: true
    """)
    assert_expectations_hold(result)


def test_an_edit_that_makes_the_criteria_false_removes_queued_time_triggers(
    model: ModelFolder,
):
    """Queued time-dependent actions are removed when an edit to the record
    makes the rule's criteria false.

    KB 000199152, time-based workflow queue:
    https://help.salesforce.com/apex/HTViewSolution?id=000199152&language=en_US
    The rep works the lead at 1d: nothing is flagged at 3d.
    """
    model.field("Lead", "Stale_Lead__c", checkbox_field("Stale_Lead__c"))
    model.workflow("Lead", STALE_LEAD)
    result = model.run("""
        name: the rep calls on day one
        until: 5d
        records:
          - alias: lead
            salesforce: Lead
            fields: {LastName: Lovelace, Company: Analytical Engines}
        journey:
          - at: 1d
            edit: {record: lead, fields: {Status: Working - Contacted}}
        expect:
          - record: lead
            field: Stale_Lead__c
            equals: null
    """)
    assert_expectations_hold(result)
    [removed] = entries(result, "unscheduled", "lead")
    assert "Stale open lead: time trigger 1" in removed.message
    assert removed.time - result.scenario.start == timedelta(days=1)
    assert removed.cause.kind == "person"
