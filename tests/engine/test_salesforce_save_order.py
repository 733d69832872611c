"""Salesforce order of execution on save: before-save flows, validation, rollback."""

from __future__ import annotations

from model_folder import (
    ModelFolder,
    assert_expectations_hold,
    changes,
    findings,
)
from salesforce_xml import (
    assignment,
    boolean,
    condition,
    create_task,
    decision,
    number,
    record_triggered_flow,
    ref,
    start_filter,
    text,
    update_records,
    update_triggering_record,
    validation_rule,
)

LOSS_REASON_RULE = validation_rule(
    "Loss_Reason_Required",
    'ISPICKVAL(StageName, "Closed Lost") && ISBLANK(TEXT(Loss_Reason__c))',
    "Choose a loss reason before closing the opportunity as lost.",
)


def _next_step_flow(label: str, value: str, order: int | None = None) -> str:
    """A before-save flow that writes NextStep on every save of an opportunity."""
    return record_triggered_flow(
        label,
        "Opportunity",
        timing="RecordBeforeSave",
        when="CreateAndUpdate",
        first="Set_Next_Step",
        elements=assignment("Set_Next_Step", [("$Record.NextStep", text(value))]),
        trigger_order=order,
    )


def test_a_before_save_flow_change_is_saved_without_another_save(
    model: ModelFolder,
):
    """A before-save flow changes $Record in memory and the change is saved with
    the record itself: no DML, no second save, and the flow is the cause.

    Order of execution, step 3 (before-save flows):
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    The flow runs once per save: once at creation, once for the stage move.
    """
    model.flow(
        "Opportunity_Negotiation_Step",
        record_triggered_flow(
            "Negotiation step",
            "Opportunity",
            timing="RecordBeforeSave",
            when="CreateAndUpdate",
            first="Stage",
            elements=decision(
                "Stage",
                [
                    (
                        "Negotiation",
                        [
                            condition(
                                "$Record.StageName",
                                "EqualTo",
                                text("Negotiation/Review"),
                            )
                        ],
                        "Agree_Terms",
                    )
                ],
            )
            + assignment("Agree_Terms", [("$Record.NextStep", text("Agree terms"))]),
        ),
    )
    result = model.run("""
        name: the stage move sets the next step
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Negotiation/Review}
        expect:
          - record: deal
            field: NextStep
            at: 59m
            equals: null
          - record: deal
            field: NextStep
            at: 1h
            equals: Agree terms
          - record: deal
            entered: Negotiation step
            count: 2
    """)
    assert_expectations_hold(result)
    [stage] = changes(result, "deal", "StageName")
    [step] = changes(result, "deal", "NextStep")
    assert step.time == stage.time
    assert (step.cause.kind, step.cause.name) == ("flow", "Negotiation step")
    assert stage.cause.kind == "person"


def test_a_before_save_flow_runs_before_validation_rules(model: ModelFolder):
    """Before-save flows run before custom validation rules, so a flow can set
    the value a rule checks and the save passes.

    Order of execution, steps 3 and 5:
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    """
    model.validation_rule("Opportunity", "Loss_Reason_Required", LOSS_REASON_RULE)
    model.flow(
        "Opportunity_Default_Loss_Reason",
        record_triggered_flow(
            "Default loss reason",
            "Opportunity",
            timing="RecordBeforeSave",
            when="Update",
            first="Set_Reason",
            filters=[
                start_filter("StageName", "EqualTo", text("Closed Lost")),
                start_filter("Loss_Reason__c", "IsNull", boolean(True)),
            ],
            elements=assignment(
                "Set_Reason", [("$Record.Loss_Reason__c", text("No decision"))]
            ),
        ),
    )
    result = model.run("""
        name: the flow fills the loss reason the rule asks for
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Lost}
        expect:
          - record: deal
            field: StageName
            equals: Closed Lost
          - record: deal
            field: Loss_Reason__c
            equals: No decision
    """)
    assert_expectations_hold(result)
    assert findings(result, "validation_failed") == []


def test_a_validation_rule_that_is_true_refuses_the_save(model: ModelFolder):
    """A validation rule whose error condition is true blocks the save: nothing
    of it is written, and the run records a validation_failed finding.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
    (ValidationRule: errorConditionFormula true means an error) and the order
    of execution, step 5:
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    """
    model.validation_rule("Opportunity", "Loss_Reason_Required", LOSS_REASON_RULE)
    result = model.run("""
        name: a rep closes a deal as lost without a reason
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Lost}
        expect:
          - record: deal
            field: StageName
            equals: Prospecting
          - record: deal
            field: StageName
            sequence: [Prospecting]
    """)
    assert_expectations_hold(result)
    [refused] = findings(result, "validation_failed")
    assert "Opportunity.Loss_Reason_Required" in refused.message
    assert refused.cause.kind == "person"
    assert changes(result, "deal", "StageName") == []


def test_the_flow_with_the_higher_trigger_order_writes_last_and_wins(
    model: ModelFolder,
):
    """Before-save flows on one object run in ascending triggerOrder, so the
    higher order writes last; API names do not decide it.

    https://help.salesforce.com/s/articleView?id=platform.flow_task_trigger_run_order.htm
    A_Note (order 20) sorts first by name but runs after B_Note (order 10).
    """
    model.flow("A_Note", _next_step_flow("A note", "from order 20", order=20))
    model.flow("B_Note", _next_step_flow("B note", "from order 10", order=10))
    result = model.run("""
        name: two flows write NextStep
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            edit: {record: deal, fields: {NextStep: typed by the rep}}
        expect:
          - record: deal
            field: NextStep
            at: 0m
            equals: from order 20
          - record: deal
            field: NextStep
            equals: from order 20
    """)
    assert_expectations_hold(result)
    assert changes(result, "deal", "NextStep") == []  # the rep's value never lands


def test_flows_with_the_same_trigger_order_run_in_api_name_order(
    model: ModelFolder,
):
    """ "Multiple flows with the same trigger order value run in alphabetical
    order based on the flows' API names": Beta runs after Alpha and wins.

    https://help.salesforce.com/s/articleView?id=platform.flow_task_trigger_run_order.htm
    """
    model.flow("Beta_Note", _next_step_flow("Beta note", "beta", order=10))
    model.flow("Alpha_Note", _next_step_flow("Alpha note", "alpha", order=10))
    result = model.run("""
        name: a tie on trigger order
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        expect:
          - record: deal
            field: NextStep
            equals: beta
    """)
    assert_expectations_hold(result)


def test_flows_without_a_trigger_order_run_between_1000_and_1001(
    model: ModelFolder,
):
    """Orders 1–1,000 run first, then flows without a trigger order, then
    orders 1,001–2,000; so an order of 1,500 writes after an unordered flow.

    https://help.salesforce.com/s/articleView?id=platform.flow_task_trigger_run_order.htm
    Unordered flows run "in the order of their activation dates", which
    metadata does not carry: revsim orders them by API name (docs/rules.md).
    """
    model.flow("A_Late", _next_step_flow("Late", "order 1500", order=1500))
    model.flow("B_Unordered", _next_step_flow("Unordered", "no order"))
    model.flow("C_Early", _next_step_flow("Early", "order 900", order=900))
    result = model.run("""
        name: ordered, unordered, ordered late
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        expect:
          - record: deal
            field: NextStep
            equals: order 1500
    """)
    assert_expectations_hold(result)
    entered = [name for _, _, name in result.simulation.trace.enrolments]
    assert entered == ["Early", "Unordered", "Late"]


def _won_deal_updates_account(fault: str | None = None) -> str:
    """After save: a won deal logs a task, then makes its account a customer."""
    elements = create_task(
        "Log_Win", "Deal won", then="Mark_Customer"
    ) + update_records(
        "Mark_Customer",
        "Account",
        [start_filter("Id", "EqualTo", ref("$Record.AccountId"))],
        [("Type", text("Customer"))],
        fault=fault,
    )
    if fault is not None:
        elements += create_task(fault, "Account not updated")
    return record_triggered_flow(
        "Closed won",
        "Opportunity",
        timing="RecordAfterSave",
        when="Update",
        first="Log_Win",
        filters=[start_filter("StageName", "EqualTo", text("Closed Won"))],
        only_when_changed_to_meet=True,
        elements=elements,
    )


INDUSTRY_RULE = validation_rule(
    "Industry_Required_For_Customers",
    'ISPICKVAL(Type, "Customer") && ISBLANK(Industry)',
    "Set the industry before making the account a customer.",
)


def test_a_refused_nested_save_rolls_the_whole_transaction_back(
    model: ModelFolder,
):
    """When a save an after-save flow makes is refused and the element has no
    fault connector, the flow fails and the whole transaction is rolled back:
    the rep's stage move, the task the flow created, all of it.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (faultConnector: without one an unhandled fault fails the transaction) and
    the order of execution:
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    """
    model.validation_rule("Account", "Industry_Required_For_Customers", INDUSTRY_RULE)
    model.flow("Opportunity_Closed_Won", _won_deal_updates_account())
    result = model.run("""
        name: the account refuses to become a customer
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme}
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31, AccountId: acme}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Won}
        expect:
          - record: deal
            field: StageName
            equals: Negotiation/Review
          - record: deal
            field: StageName
            sequence: [Negotiation/Review]
          - record: acme
            field: Type
            equals: null
          - record: deal
            action: task
            count: 0
    """)
    assert_expectations_hold(result)
    [refused] = findings(result, "validation_failed")
    assert "Account.Industry_Required_For_Customers" in refused.message
    tasks = result.simulation.records.of("salesforce", "Task")
    assert tasks == []


def test_a_fault_connector_catches_a_refused_nested_save(model: ModelFolder):
    """With a fault connector on the Update Records element, the refused save
    takes the fault path and the rest of the transaction commits.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    model.validation_rule("Account", "Industry_Required_For_Customers", INDUSTRY_RULE)
    model.flow("Opportunity_Closed_Won", _won_deal_updates_account("Log_Fault"))
    result = model.run("""
        name: the fault path runs instead
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme}
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31, AccountId: acme}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Won}
        expect:
          - record: deal
            field: StageName
            equals: Closed Won
          - record: acme
            field: Type
            equals: null
          - record: deal
            action: task
            name: Account not updated
            count: 1
          - record: deal
            action: task
            name: Deal won
            count: 1
    """)
    assert_expectations_hold(result)
    assert findings(result, "validation_failed") == []


def test_a_new_lead_without_a_status_gets_the_default_lead_status(
    model: ModelFolder,
):
    """A lead saved without a Status gets the default LeadStatus value of a new
    org, Open - Not Contacted (IsDefault=true).

    https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_leadstatus.htm
    """
    result = model.run("""
        name: a lead typed in without a status
        records:
          - alias: lead
            salesforce: Lead
            fields: {LastName: Lovelace, Company: Analytical Engines}
        expect:
          - record: lead
            field: Status
            at: 0m
            equals: Open - Not Contacted
    """)
    assert_expectations_hold(result)


def test_a_flow_that_keeps_updating_its_own_record_fails_at_trigger_depth_16(
    model: ModelFolder,
):
    """An after-save flow that updates its own record on every save nests saves
    until "maximum trigger depth exceeded" (16 nested saves), and the whole
    transaction is rolled back.

    The Apex limit of 16 nested trigger depths, revsim's documented default
    for flows too (docs/settings.md, max_save_depth): how Flow's own
    recursion control caps this is not documented (docs/rules.md).
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm
    """
    model.flow(
        "Opportunity_Count_Saves",
        record_triggered_flow(
            "Count saves",
            "Opportunity",
            timing="RecordAfterSave",
            when="Update",
            first="Add_One",
            elements=assignment(
                "Add_One", [("$Record.Saves__c", number(1))], "Save", operator="Add"
            )
            + update_triggering_record("Save", []),
        ),
    )
    result = model.run("""
        name: the flow updates its own record
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Saves__c: 0}
        journey:
          - at: 1h
            edit: {record: deal, fields: {Description: one edit}}
        expect:
          - record: deal
            field: Saves__c
            equals: 0
          - record: deal
            field: Description
            equals: null
    """)
    assert_expectations_hold(result)
    [fault] = findings(result, "flow_fault")
    assert "maximum trigger depth exceeded" in fault.message
    enrolments = result.simulation.trace.enrolments
    assert len([name for _, _, name in enrolments if name == "Count saves"]) == 16


def test_only_active_flows_and_validation_rules_run(model: ModelFolder):
    """Only a flow's active version runs, and an inactive validation rule does
    not block a save.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (status) and
    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm
    (ValidationRule active).
    """
    model.flow(
        "Draft_Note",
        _next_step_flow("Draft note", "from a draft").replace(
            "<status>Active</status>", "<status>Draft</status>"
        ),
    )
    model.validation_rule(
        "Opportunity",
        "Loss_Reason_Required",
        LOSS_REASON_RULE.replace("<active>true</active>", "<active>false</active>"),
    )
    result = model.run("""
        name: nothing active
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Lost}
        expect:
          - record: deal
            field: StageName
            equals: Closed Lost
          - record: deal
            field: NextStep
            equals: null
          - record: deal
            entered: Draft note
            count: 0
    """)
    assert_expectations_hold(result)
