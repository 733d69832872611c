"""Process Builder processes: when they start, what they compare, where they run.

Sources: META-FLOW (processType Workflow; processMetadataValues ObjectType and
TriggerType),
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
the order of execution, step 13 (processes run after workflow rules and
before after-save flows),
https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
Process Builder advanced options ("evaluate a record multiple times": up to
six evaluations in one transaction),
https://help.salesforce.com/s/articleView?id=platform.process_advanced_considerations.htm
"""

from __future__ import annotations

from textwrap import dedent

from model_folder import ModelFolder, assert_expectations_hold, changes, record
from salesforce_xml import (
    action_call,
    assignment,
    autolaunched_flow,
    boolean,
    condition,
    decision,
    field_update,
    formula,
    process,
    process_update,
    record_triggered_flow,
    ref,
    start_filter,
    text,
    update_records,
    variable,
    workflow,
    workflow_rule,
)

# Process Builder writes "is changed" as a decision of its own whose outcome
# the criteria decision reads (Opportunity_Status_Change in the corpus).
STAGE_CHANGED = decision(
    "isChangedDecision2_myRule_1_StageName",
    [
        (
            "isChangedRule_2_myRule_1_StageName",
            [
                condition("myVariable_old", "IsNull", boolean(False)),
                condition(
                    "myVariable_old.StageName",
                    "NotEqualTo",
                    ref("myVariable_current.StageName"),
                ),
            ],
            "myDecision",
        )
    ],
    default="myDecision",
)
CRITERIA = decision(
    "myDecision",
    [
        (
            "myRule_1",
            [condition("isChangedRule_2_myRule_1_StageName", "EqualTo", boolean(True))],
            "myRule_1_A1",
        )
    ],
)
COUNT_STAGE_CHANGES = process(
    "Count stage changes",
    "Opportunity",
    trigger_type="onAllChanges",
    first="isChangedDecision2_myRule_1_StageName",
    elements=STAGE_CHANGED
    + CRITERIA
    + process_update(
        "myRule_1_A1", "Opportunity", [("NextStep", text("Stage changed"))]
    ),
)
DEAL = """
    records:
      - alias: deal
        salesforce: Opportunity
        fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-03-31}
"""


def deal(name: str, rest: str = "expect: []") -> str:
    """A scenario with one opportunity, ``deal``, and ``rest`` after it."""
    return f"name: {name}\n" + dedent(DEAL).lstrip() + dedent(rest).lstrip()


def test_a_process_compares_myvariable_current_with_myvariable_old(
    model: ModelFolder,
):
    """An onAllChanges process starts on create and on every edit; its
    "is changed" criteria compare myVariable_old (null on create) with
    myVariable_current, so only the stage move runs the action."""
    model.flow("Count_Stage_Changes", COUNT_STAGE_CHANGES)
    result = model.run(
        deal(
            "a stage change runs the process action",
            """
        journey:
          - {at: 1h, edit: {record: deal, fields: {Description: New notes}}}
          - {at: 2h, stage_move: {record: deal, stage: Qualification}}
        expect:
          - {record: deal, field: NextStep, at: 90m, equals: null}
          - {record: deal, field: NextStep, equals: Stage changed}
          - {record: deal, entered: Count stage changes, count: 3}
        """,
        )
    )
    assert_expectations_hold(result)
    [step] = changes(result, "deal", "NextStep")
    assert step.cause.kind == "flow" and step.cause.element == "myRule_1_A1"


def test_an_on_create_only_process_runs_on_create_only(model: ModelFolder):
    """TriggerType onCreateOnly: "only when a record is created"."""
    model.flow(
        "Welcome",
        process(
            "Welcome",
            "Opportunity",
            trigger_type="onCreateOnly",
            first="myDecision",
            elements=decision("myDecision", [("myRule_1", [], "myRule_1_A1")])
            + process_update(
                "myRule_1_A1", "Opportunity", [("NextStep", text("Say hello"))]
            ),
        ),
    )
    result = model.run(
        deal(
            "the process runs once, at creation",
            """
        journey:
          - {at: 1h, stage_move: {record: deal, stage: Qualification}}
        expect:
          - {record: deal, entered: Welcome, count: 1}
          - {record: deal, field: NextStep, equals: Say hello}
        """,
        )
    )
    assert_expectations_hold(result)


def test_a_process_formula_criterion_reads_merge_fields(model: ModelFolder):
    """Formula criteria are a Boolean formula resource (formula_myRule_1) that
    the decision compares with true; the formula reads the record through
    {!myVariable_current.Field} and its parents through relationship paths."""
    model.flow(
        "Big_Deal",
        process(
            "Big deal",
            "Opportunity",
            trigger_type="onAllChanges",
            first="myDecision",
            elements=formula(
                "formula_myRule_1",
                "Boolean",
                "{!myVariable_current.Amount} > 100000 && "
                "{!myVariable_current.Account.Industry} = 'Banking'",
            )
            + decision(
                "myDecision",
                [
                    (
                        "myRule_1",
                        [condition("formula_myRule_1", "EqualTo", boolean(True))],
                        "myRule_1_A1",
                    )
                ],
            )
            + process_update(
                "myRule_1_A1", "Opportunity", [("NextStep", text("Escalate"))]
            ),
        ),
    )
    result = model.run("""
        name: a big banking deal is escalated
        records:
          - alias: bank
            salesforce: Account
            fields: {Name: First Bank, Industry: Banking}
          - alias: deal
            salesforce: Opportunity
            at: 1m
            fields: {Name: Loans, StageName: Prospecting, CloseDate: 2026-03-31,
                     AccountId: bank, Amount: 5000}
        journey:
          - {at: 1h, edit: {record: deal, fields: {Amount: 250000}}}
        expect:
          - {record: deal, field: NextStep, at: 30m, equals: null}
          - {record: deal, field: NextStep, equals: Escalate}
    """)
    assert_expectations_hold(result)


def test_a_process_evaluates_a_record_once_per_transaction(model: ModelFolder):
    """Without "allow process to evaluate a record multiple times", the
    process's own update of the record does not start it again; with it, the
    record is evaluated up to five more times (six in all)."""
    counter = process(
        "Counter",
        "Opportunity",
        trigger_type="onAllChanges",
        first="myDecision",
        elements=formula(
            "formula_next",
            "Number",
            "BLANKVALUE({!myVariable_current.TotalOpportunityQuantity}, 0) + 1",
        )
        + decision("myDecision", [("myRule_1", [], "myRule_1_A1")])
        + process_update(
            "myRule_1_A1",
            "Opportunity",
            [("TotalOpportunityQuantity", ref("formula_next"))],
        ),
    )
    model.flow("Counter", counter)
    once = model.run(deal("once"))
    assert record(once, "deal").fields["TotalOpportunityQuantity"] == 1

    model.flow(
        "Counter",
        counter.replace(
            "<processMetadataValues><name>TriggerType",
            (
                "<processMetadataValues><name>RecursiveCountVariable</name><value>"
                "<elementReference>RecursiveCountVariable</elementReference></value>"
                "</processMetadataValues><processMetadataValues><name>TriggerType"
            ),
        ),
    )
    six = model.run(deal("six times"))
    assert record(six, "deal").fields["TotalOpportunityQuantity"] == 6


def test_processes_run_after_workflow_rules_and_before_after_save_flows(
    model: ModelFolder,
):
    """Step 11 (workflow rules), step 13 (processes), step 14 (after-save
    flows): the process sees the workflow rule's field update, and the
    after-save flow sees the process's update."""
    model.workflow(
        "Opportunity",
        workflow(
            field_update("Set_Type", "Type", "New Customer"),
            workflow_rule(
                "Type new deals",
                "onCreateOnly",
                [("Opportunity.StageName", "equals", "Prospecting")],
                actions=[("FieldUpdate", "Set_Type")],
            ),
        ),
    )
    model.flow(
        "Copy_Type",
        process(
            "Copy type",
            "Opportunity",
            trigger_type="onCreateOnly",
            first="myDecision",
            elements=decision(
                "myDecision",
                [
                    (
                        "myRule_1",
                        [
                            condition(
                                "myVariable_current.Type",
                                "EqualTo",
                                text("New Customer"),
                            )
                        ],
                        "myRule_1_A1",
                    )
                ],
            )
            + process_update(
                "myRule_1_A1", "Opportunity", [("LeadSource", text("Process"))]
            ),
        ),
    )
    model.flow(
        "Opportunity_After_Save_Note",
        record_triggered_flow(
            "After-save note",
            "Opportunity",
            timing="RecordAfterSave",
            when="Create",
            first="Note",
            elements=decision(
                "Note",
                [
                    (
                        "Saw_Process",
                        [condition("$Record.LeadSource", "EqualTo", text("Process"))],
                        "Write",
                    )
                ],
            )
            + assignment("Write", [("$Record.NextStep", text("saw it"))], "Save")
            + "<recordUpdates><name>Save</name><label>Save</label>"
            "<locationX>0</locationX><locationY>0</locationY>"
            "<inputReference>$Record</inputReference></recordUpdates>",
        ),
    )
    result = model.run(
        deal(
            "order of the three",
            """
        expect:
          - {record: deal, field: Type, equals: New Customer}
          - {record: deal, field: LeadSource, equals: Process}
          - {record: deal, field: NextStep, equals: saw it}
        """,
        )
    )
    assert_expectations_hold(result)


def test_a_process_runs_a_flow_it_calls_and_stubs_other_actions(model: ModelFolder):
    """A process action of actionType flow runs the autolaunched flow when it
    is in the model; chatterPost, like apex, is recorded as a stub."""
    model.flow(
        "Set_Next_Step",
        autolaunched_flow(
            "Set next step",
            "Save",
            variable("dealId", "String")
            + update_records(
                "Save",
                "Opportunity",
                [start_filter("Id", "EqualTo", ref("dealId"))],
                [("NextStep", text("from the flow"))],
            ),
        ),
    )
    call = (
        "<actionCalls><name>myRule_1_A1</name><label>Call</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<actionName>Set_Next_Step</actionName><actionType>flow</actionType>"
        "<connector><targetReference>myRule_1_A2</targetReference></connector>"
        "<inputParameters><name>dealId</name><value><elementReference>"
        "myVariable_current.Id</elementReference></value></inputParameters>"
        "</actionCalls>" + action_call("myRule_1_A2", "chatterPost", "chatterPost")
    )
    model.flow(
        "Caller",
        process(
            "Caller",
            "Opportunity",
            trigger_type="onCreateOnly",
            first="myDecision",
            elements=decision("myDecision", [("myRule_1", [], "myRule_1_A1")]) + call,
        ),
    )
    result = model.run(
        deal(
            "a process calls a flow",
            """
        expect:
          - {record: deal, field: NextStep, equals: from the flow}
          - {record: deal, action: stub, name: chatterPost chatterPost, count: 1}
    """,
        )
    )
    assert_expectations_hold(result)
