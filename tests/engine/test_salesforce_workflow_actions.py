"""Workflow rule actions: field updates of every kind, alerts, tasks, and the
save once more that field updates cause.

Sources: META-WF (WorkflowFieldUpdate operation Literal, Formula, Null,
NextValue, PreviousValue, LookupValue; targetObject; WorkflowAlert,
WorkflowTask),
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
the order of execution, step 11: after workflow field updates the record is
updated again, system validation runs again, "Custom validation rules,
flows, duplicate rules, processes, and escalation rules are not run again",
and only Apex before and after update triggers run once more,
https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
time-dependent actions are recalculated when the date they count from
changes,
https://help.salesforce.com/s/articleView?id=platform.workflow_time_action_considerations.htm
"""

from __future__ import annotations

from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    entries,
    findings,
    record,
)
from salesforce_xml import (
    field_update,
    formula_field_update,
    lookup_field_update,
    operation_field_update,
    picklist_field,
    record_triggered_flow,
    time_trigger,
    validation_rule,
    workflow,
    workflow_alert,
    workflow_rule,
    workflow_task,
)

LEAD = """
    name: {name}
    records:
      - alias: lee
        salesforce: Lead
        fields: {{LastName: Lee, Company: Lee Co, Status: Open - Not Contacted}}
    journey:
      - at: 1h
        edit: {{record: lee, fields: {{Status: Working - Contacted}}}}
    expect: []
"""
WORKED = [("Lead.Status", "equals", "Working - Contacted")]


def _worked_rule(*actions: tuple[str, str]) -> str:
    return workflow_rule(
        "Worked", "onCreateOrTriggeringUpdate", WORKED, actions=list(actions)
    )


def test_the_re_run_after_a_workflow_field_update_runs_no_flow_again(
    model: ModelFolder,
):
    """A workflow field update saves the record once more, but before-save
    and after-save flows run once for the save, not again for the update.
    The after-save flow (step 14, after workflow rules) sees the updated
    value in $Record, and ISCHANGED compares with the record before the
    save: the platform's $Record__Prior across the re-run."""
    model.workflow(
        "Lead",
        workflow(
            field_update("Rate_Warm", "Rating", "Warm"),
            _worked_rule(("FieldUpdate", "Rate_Warm")),
        ),
    )
    for timing, label in (("RecordBeforeSave", "Before"), ("RecordAfterSave", "After")):
        model.flow(
            f"Lead_{label}",
            record_triggered_flow(
                label, "Lead", timing=timing, when="Update", first=None
            ).replace(
                "<object>Lead</object>",
                "<filterFormula>ISCHANGED({!$Record.Status})</filterFormula>"
                "<object>Lead</object>",
            ),
        )
    model.flow(
        "Lead_Rating_Changed",
        record_triggered_flow(
            "Rating changed",
            "Lead",
            timing="RecordAfterSave",
            when="Update",
            first=None,
        ).replace(
            "<object>Lead</object>",
            "<filterFormula>ISCHANGED({!$Record.Rating}) &amp;&amp; "
            "ISPICKVAL({!$Record.Rating}, 'Warm')</filterFormula><object>Lead</object>",
        ),
    )
    result = model.run(LEAD.format(name="one save, flows once"))
    assert_expectations_hold(result)
    entered = [name for _, _, name in result.simulation.trace.enrolments]
    assert entered.count("Before") == 1
    assert entered.count("After") == 1
    assert entered.count("Rating changed") == 1
    assert record(result, "lee").fields["Rating"] == "Warm"
    [resaved] = entries(result, "re-saved", "lee")
    assert "Rating" in resaved.message


def test_validation_rules_do_not_run_again_after_a_workflow_field_update(
    model: ModelFolder,
):
    """The field update may set a value a validation rule forbids: custom
    validation rules are not run again, so the save stands."""
    model.validation_rule(
        "Lead",
        "No_Cold_Worked",
        validation_rule(
            "No_Cold_Worked",
            'ISPICKVAL(Rating, "Cold") && ISPICKVAL(Status, "Working - Contacted")',
            "A worked lead is not cold.",
        ),
    )
    model.workflow(
        "Lead",
        workflow(
            field_update("Rate_Cold", "Rating", "Cold"),
            _worked_rule(("FieldUpdate", "Rate_Cold")),
        ),
    )
    result = model.run(LEAD.format(name="the rule is not checked again"))
    assert findings(result, "validation_failed") == []
    assert record(result, "lee").fields["Rating"] == "Cold"


def test_system_validation_runs_again_after_a_workflow_field_update(
    model: ModelFolder,
):
    """System validation does run again: a Null field update that clears a
    required field (Lead Company) refuses the whole save."""
    model.workflow(
        "Lead",
        workflow(
            operation_field_update("Clear_Company", "Company", "Null"),
            _worked_rule(("FieldUpdate", "Clear_Company")),
        ),
    )
    result = model.run(LEAD.format(name="the update clears a required field"))
    [refused] = findings(result, "validation_failed")
    assert "REQUIRED_FIELD_MISSING" in refused.message
    lee = record(result, "lee")
    assert (lee.fields["Company"], lee.fields["Status"]) == (
        "Lee Co",
        "Open - Not Contacted",
    )


def test_field_update_operations_literal_formula_null_next_previous_and_lookup(
    model: ModelFolder,
):
    """Each WorkflowFieldUpdate operation: Literal writes its literalValue,
    Formula its formula's value, Null clears, NextValue and PreviousValue
    step through the picklist's values in their order, LookupValue writes
    the user or queue named."""
    model.field(
        "Lead", "Tier__c", picklist_field("Tier__c", ["Bronze", "Silver", "Gold"])
    )
    model.field("Lead", "Band__c", picklist_field("Band__c", ["A", "B", "C"]))
    model.workflow(
        "Lead",
        workflow(
            field_update("Set_Source", "LeadSource", "Web"),
            formula_field_update("Set_Title", "Title", 'UPPER(LastName) & " lead"'),
            operation_field_update("Clear_Fax", "Fax", "Null"),
            operation_field_update("Tier_Up", "Tier__c", "NextValue"),
            operation_field_update("Band_Down", "Band__c", "PreviousValue"),
            lookup_field_update("Assign_Queue", "OwnerId", "Sales_Queue"),
            _worked_rule(
                ("FieldUpdate", "Set_Source"),
                ("FieldUpdate", "Set_Title"),
                ("FieldUpdate", "Clear_Fax"),
                ("FieldUpdate", "Tier_Up"),
                ("FieldUpdate", "Band_Down"),
                ("FieldUpdate", "Assign_Queue"),
            ),
        ),
    )
    result = model.run(
        LEAD.format(name="every operation").replace(
            "Status: Open - Not Contacted",
            "Status: Open - Not Contacted, Fax: 555-0100, Tier__c: Silver, Band__c: B",
        )
    )
    lee = record(result, "lee").fields
    assert lee["LeadSource"] == "Web"
    assert lee["Title"] == "LEE lead"
    assert lee.get("Fax") is None
    assert (lee["Tier__c"], lee["Band__c"]) == ("Gold", "A")
    assert lee["OwnerId"] == "Sales_Queue"


def test_email_alerts_and_tasks_are_recorded_as_actions(model: ModelFolder):
    """An Alert action is recorded as an alert; a Task action creates a Task
    on the record and is recorded as a task."""
    model.workflow(
        "Lead",
        workflow(
            workflow_alert("Tell_Owner"),
            workflow_task("Call_Back", "Call back within a day"),
            _worked_rule(("Alert", "Tell_Owner"), ("Task", "Call_Back")),
        ),
    )
    result = model.run(
        LEAD.format(name="alert and task").replace(
            "expect: []",
            "expect:\n"
            "      - {record: lee, action: alert, name: Tell_Owner, count: 1}\n"
            "      - {record: lee, action: task, name: Call back within a day,"
            " count: 1}",
        )
    )
    assert_expectations_hold(result)
    [task] = result.simulation.records.of("salesforce", "Task")
    assert task.fields["WhoId"] == record(result, "lee").id


def test_a_cross_object_field_update_saves_the_parent(model: ModelFolder):
    """A field update with targetObject (the child's lookup field) writes the
    parent record, which goes through its own save (step 16)."""
    model.workflow(
        "Contact",
        workflow(
            formula_field_update(
                "Mark_Account",
                "Description",
                '"Contact " & LastName',
                target="AccountId",
            ),
            workflow_rule(
                "New contact",
                "onCreateOnly",
                [("Contact.LastName", "notEqual", "")],
                actions=[("FieldUpdate", "Mark_Account")],
            ),
        ),
    )
    result = model.run("""
        name: the account hears of its contact
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme}
          - alias: ada
            salesforce: Contact
            at: 1m
            fields: {LastName: Lovelace, AccountId: acme}
        expect:
          - {record: acme, field: Description, equals: Contact Lovelace}
          - {record: ada, field: Description, equals: null}
    """)
    assert_expectations_hold(result)


def test_a_time_trigger_is_recalculated_when_its_date_field_changes(
    model: ModelFolder,
):
    """Queued time-dependent actions move when the date they count from
    changes; they still run once."""
    model.workflow(
        "Opportunity",
        workflow(
            field_update("Warn", "NextStep", "closing in a week"),
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
        name: the close date moves out
        until: 30d
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-01-20}
        journey:
          - at: 1d
            edit: {record: deal, fields: {CloseDate: 2026-01-30}}
        expect:
          - {record: deal, field: NextStep, at: 10d, equals: null}
          - {record: deal, field: NextStep, at: 18d, equals: closing in a week}
          - {record: deal, field: NextStep, sequence: [closing in a week]}
    """)
    assert_expectations_hold(result)
    [moved] = entries(result, "rescheduled", "deal")
    assert "2026-01-23 00:00" in moved.message


def test_boolean_filter_and_formula_criteria_decide_whether_a_rule_fires(
    model: ModelFolder,
):
    """booleanFilter joins criteria items by number ("1 AND (2 OR 3)"); a
    rule with a formula fires when the formula is true; a time trigger in
    Hours runs that many hours after the rule fired."""
    model.workflow(
        "Lead",
        workflow(
            field_update("Rate_Hot", "Rating", "Hot"),
            field_update("Mark_Formula", "Title", "formula rule"),
            field_update("Chase", "Description", "chase"),
            workflow_rule(
                "Hot web or partner",
                "onCreateOrTriggeringUpdate",
                [
                    ("Lead.Status", "equals", "Working - Contacted"),
                    ("Lead.LeadSource", "equals", "Web"),
                    ("Lead.LeadSource", "equals", "Partner"),
                ],
                actions=[("FieldUpdate", "Rate_Hot")],
            ).replace(
                "<triggerType>",
                "<booleanFilter>1 AND (2 OR 3)</booleanFilter><triggerType>",
            ),
            workflow_rule(
                "By formula",
                "onCreateOrTriggeringUpdate",
                [],
                actions=[("FieldUpdate", "Mark_Formula")],
                time_triggers=time_trigger(4, "Hours", [("FieldUpdate", "Chase")]),
            ).replace(
                "<triggerType>",
                "<formula>ISPICKVAL(Status, &quot;Working - Contacted&quot;)"
                " &amp;&amp; NOT(ISBLANK(Company))</formula><triggerType>",
            ),
        ),
    )
    result = model.run(
        LEAD.format(name="filter and formula")
        .replace("Company: Lee Co,", "Company: Lee Co, LeadSource: Partner,")
        .replace(
            "expect: []",
            "expect:\n"
            "      - {record: lee, field: Rating, equals: Hot}\n"
            "      - {record: lee, field: Title, equals: formula rule}\n"
            "      - {record: lee, field: Description, at: 299m, equals: null}\n"
            "      - {record: lee, field: Description, at: 5h, equals: chase}",
        )
    )
    assert_expectations_hold(result)
