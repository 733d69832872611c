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


REEVALUATE = "https://help.salesforce.com/s/articleView?id=platform.workflow_field_updates_reevalute_wf.htm"


def _sized_big(*, reevaluate: bool, dependent_first: bool) -> str:
    """ "Big deal" sets Size__c = Big; "Sized big" fires on Size__c = Big."""
    big_deal = workflow_rule(
        "Big deal",
        "onCreateOrTriggeringUpdate",
        BIG_AMOUNT,
        actions=[("FieldUpdate", "Set_Size")],
    )
    sized_big = workflow_rule(
        "Sized big",
        "onCreateOrTriggeringUpdate",
        [("Opportunity.Size__c", "equals", "Big")],
        actions=[("Task", "Sized_Task")],
    )
    rules = [sized_big, big_deal] if dependent_first else [big_deal, sized_big]
    return workflow(
        field_update("Set_Size", "Size__c", "Big", reevaluate=reevaluate),
        *rules,
        workflow_task("Sized_Task", "sized big"),
    )


BIG_DEAL_CREATED = """
    name: a big deal is created
    records:
      - alias: deal
        salesforce: Opportunity
        fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                 Amount: 5000}
    expect:
      - record: deal
        field: Size__c
        equals: Big
      - record: deal
        entered: Big deal
        count: 1
      - record: deal
        entered: Sized big
        count: %d
"""


def test_a_field_update_that_re_evaluates_fires_the_rules_its_change_meets(
    model: ModelFolder,
):
    """With "Re-evaluate Workflow Rules after Field Change", a field update that
    changes a value re-evaluates the object's rules: those now met fire, and
    only rules that did not fire before fire again.

    https://help.salesforce.com/s/articleView?id=platform.workflow_field_updates_reevalute_wf.htm
    """
    model.workflow("Opportunity", _sized_big(reevaluate=True, dependent_first=True))
    result = model.run(BIG_DEAL_CREATED % 1)
    assert_expectations_hold(result)


def test_a_field_update_without_re_evaluation_fires_no_other_rule(
    model: ModelFolder,
):
    """Workflow rules are evaluated before their field updates are applied; a
    rule met only through another rule's field update fires only when that
    update re-evaluates workflow rules.

    Order of execution, step 11 (rules run, then field updates update the
    record again):
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    and https://help.salesforce.com/s/articleView?id=platform.workflow_field_updates_reevalute_wf.htm
    "Sized big" is listed after "Big deal", and still does not fire.
    """
    model.workflow("Opportunity", _sized_big(reevaluate=False, dependent_first=False))
    result = model.run(BIG_DEAL_CREATED % 0)
    assert_expectations_hold(result)


def test_workflow_re_evaluation_cascades_at_most_five_times(model: ModelFolder):
    """A cascade of re-evaluating field updates "can happen up to five times
    after the initial field update that started it".

    https://help.salesforce.com/s/articleView?id=platform.workflow_field_updates_reevalute_wf.htm
    Step k moves Step__c from k-1 to k: step 1 is the initial update, steps 2
    to 6 the five re-evaluations; step 7 never runs.
    """
    parts = []
    for step in range(1, 8):
        parts.append(
            field_update(f"Step_{step}", "Step__c", str(step), reevaluate=True)
        )
        parts.append(
            workflow_rule(
                f"Step {step}",
                "onCreateOrTriggeringUpdate",
                [("Opportunity.Step__c", "equals", str(step - 1))],
                actions=[("FieldUpdate", f"Step_{step}")],
            )
        )
    model.workflow("Opportunity", workflow(*parts))
    result = model.run("""
        name: a chain of seven re-evaluating updates
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Step__c: "0"}
        expect:
          - record: deal
            field: Step__c
            equals: "6"
          - record: deal
            entered: Step 7
            count: 0
    """)
    assert_expectations_hold(result)


def test_a_time_trigger_timed_from_a_date_field_fires_offset_from_that_date(
    model: ModelFolder,
):
    """A time trigger with offsetFromField runs timeLength units from the
    field's date; if that moment has already passed, it runs at once.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
    (WorkflowTimeTrigger offsetFromField) and
    https://help.salesforce.com/s/articleView?id=platform.workflow_time_action_considerations.htm
    A date is read as midnight UTC (docs/settings.md): 7 days before a close
    date of 2026-01-20 is 2026-01-13 00:00 UTC, 7d 15h after the start; a
    close date of 2026-01-08 puts the reminder in the past.
    """
    model.workflow(
        "Opportunity",
        workflow(
            field_update("Warn", "Close_Warning__c", "closes in a week"),
            workflow_rule(
                "Closing soon",
                "onCreateOrTriggeringUpdate",
                [("Opportunity.StageName", "equals", "Prospecting")],
                time_triggers=time_trigger(
                    -7, "Days", [("FieldUpdate", "Warn")], field="Opportunity.CloseDate"
                ),
            ),
        ),
    )
    result = model.run("""
        name: two close dates
        until: 10d
        records:
          - alias: later
            salesforce: Opportunity
            fields: {Name: Later, StageName: Prospecting, CloseDate: 2026-01-20}
          - alias: soon
            salesforce: Opportunity
            fields: {Name: Soon, StageName: Prospecting, CloseDate: 2026-01-08}
        expect:
          - record: later
            field: Close_Warning__c
            at: 658799s
            equals: null
          - record: later
            field: Close_Warning__c
            at: 183h
            equals: closes in a week
          - record: soon
            field: Close_Warning__c
            at: 0m
            equals: closes in a week
    """)
    assert_expectations_hold(result)
