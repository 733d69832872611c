"""Every file of the real Salesforce corpus imports, and what it says is kept.

The corpus and where each file comes from: ../shared/corpus/salesforce/SOURCES.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shared_corpus import SALESFORCE_CORPUS

from simulator.salesforce.flowtest import FlowTest
from simulator.salesforce.model import (
    ActionCall,
    Condition,
    Flow,
    Literal,
    Picklist,
    RecordUpdate,
    Reference,
    Unsupported,
    ValidationRule,
    WorkflowFile,
)
from simulator.salesforce.sfdx import SALESFORCE_SUFFIXES, load_salesforce_file

CORPUS = SALESFORCE_CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.rglob("*") if path.is_file())


def load(relative: str) -> object:
    return load_salesforce_file(CORPUS / relative)


@pytest.mark.parametrize(
    "path", corpus_files(), ids=lambda path: str(path.relative_to(CORPUS))
)
def test_every_corpus_file_imports(path: Path) -> None:
    definition = load_salesforce_file(path)
    if not path.name.endswith(SALESFORCE_SUFFIXES):
        assert definition is None  # SOURCES.md
    elif path.name.endswith(".field-meta.xml"):
        assert definition is None or isinstance(definition, Picklist)
    else:
        assert isinstance(
            definition, Flow | WorkflowFile | ValidationRule | Picklist | FlowTest
        )


def test_onboarding_flow_runs_after_an_account_becomes_a_customer() -> None:
    flow = load(
        "SalesforceLabs__ActionPlansV4/New_Customer_Onboarding_Actions.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    assert flow.is_active and flow.is_record_triggered
    assert flow.trigger is not None
    assert (flow.trigger.object, flow.trigger.timing) == ("Account", "after")
    assert flow.trigger.record_trigger_type == "CreateAndUpdate"
    assert flow.trigger.requires_change
    assert flow.trigger.filters is not None
    assert flow.trigger.filters.items == (
        Condition("Type", "Contains", Literal("Customer")),
    )
    action = flow.nodes[flow.start or ""]
    assert isinstance(action, ActionCall) and action.action_type == "apex"
    assert [entry.reason for entry in flow.not_simulated] == [
        "actionType apex runs as a stub"
    ]


def test_process_builder_object_and_trigger_come_from_process_metadata_values() -> None:
    """A Process Builder file has no <start>: its object and trigger are
    processMetadataValues ObjectType and TriggerType, and it starts at
    startElementReference (shared reference salesforce.md (a)). It imports as
    a process on Opportunity, created or edited, with its apex action a stub.
    """
    flow = load(
        "trailheadapps__dreamhouse-sfdx/Opportunity_Status_Change.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    assert flow.process_type == "Workflow"
    assert flow.status == "ACTIVE" and flow.is_active  # PB writes upper case
    assert flow.is_process and flow.trigger is not None
    assert (flow.trigger.object, flow.trigger.record_trigger_type) == (
        "Opportunity",
        "CreateAndUpdate",
    )
    assert flow.trigger.record_variable == "myVariable_current"
    assert flow.trigger.prior_variable == "myVariable_old"
    assert flow.start == "myVariable_waitStartTimeAssignment"  # startElementReference
    assert "myDecision" in flow.nodes
    assert [e.kind for e in flow.not_simulated] == ["actionCalls"]


def test_proposal_flow_keeps_custom_entry_logic_and_a_scheduled_path() -> None:
    flow = load(
        "moechapa__ubiquity-org-monitoring/Proposal_After_Trigger.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    assert flow.status == "Obsolete" and not flow.is_active
    assert flow.trigger is not None and flow.trigger.filters is not None
    assert len(flow.trigger.filters.items) == 15
    assert flow.trigger.filters.logic.endswith("AND 14) OR 15")
    (path,) = flow.trigger.scheduled_paths
    assert (path.name, path.offset_number, path.offset_unit) == (
        "Conversion_and_Distribution_Time",
        2,
        "Minutes",
    )
    assert path.time_source == "RecordTriggerEvent" and path.path_type is None
    assert path.next in flow.nodes


def test_run_asynchronously_path_is_a_scheduled_path_of_its_own_type() -> None:
    flow = load(
        "moechapa__ubiquity-org-monitoring/Opportunity_After_Close_Unused_Tasks.flow-meta.xml"
    )
    assert isinstance(flow, Flow) and flow.trigger is not None
    (path,) = flow.trigger.scheduled_paths
    assert path.path_type == "AsyncAfterCommit"
    assert path.next == "Get_Project_Tasks"
    assert flow.trigger_order == 200


def test_before_delete_flow_has_its_own_timing() -> None:
    flow = load(
        "moechapa__ubiquity-org-monitoring/Opportunity_Before_Delete_Update_Forecast.flow-meta.xml"
    )
    assert isinstance(flow, Flow) and flow.trigger is not None
    assert flow.trigger.timing == "before_delete"
    assert flow.trigger.record_trigger_type == "Delete"
    assert not flow.is_record_triggered  # the save order never runs it


def test_schedule_triggered_flow_is_listed_as_not_simulated() -> None:
    flow = load(
        "moechapa__ubiquity-org-monitoring/Opportunity_Scheduled_Opp_Still_Open.flow-meta.xml"
    )
    assert isinstance(flow, Flow) and flow.trigger is not None
    assert flow.trigger.timing == "scheduled"
    assert flow.trigger.object == "Opportunity"
    assert any(e.kind == "schedule-triggered flow" for e in flow.not_simulated)


def test_namespace_token_is_dropped_from_names() -> None:
    """PMM keeps %%%NAMESPACE%%% in its sources; CumulusCI replaces it at deploy."""
    flow = load(
        "SalesforceFoundation__PMM/"
        "Auto_Populate_Date_And_Name_On_Program_Engagement.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    update = flow.nodes["myRule_1_A1"]
    assert isinstance(update, RecordUpdate)
    assert update.object == "ProgramEngagement__c"
    assert flow.resources["myVariable_current"].object_type == "ProgramEngagement__c"


def test_screens_are_stubs_that_keep_their_connectors() -> None:
    flow = load("trailheadapps__dreamhouse-lwc/Create_property.flow-meta.xml")
    assert isinstance(flow, Flow)
    stubs = [node for node in flow.nodes.values() if isinstance(node, Unsupported)]
    assert stubs and {node.kind for node in stubs} >= {"screens"}
    assert all(target in flow.nodes for node in stubs for target in node.targets)
    stubbed = {entry.element for entry in flow.not_simulated}
    assert {node.name for node in stubs} <= stubbed


def test_values_keep_their_python_types() -> None:
    flow = load(
        "SalesforceLabs__ActionPlansV4/New_Customer_Onboarding_Actions.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    action = flow.nodes["Create_Onboarding_Action_Plan"]
    assert isinstance(action, ActionCall)
    inputs = {item.field: item.value for item in action.inputs}
    assert inputs["daysToActionPlanStart"] == Literal(1)
    assert inputs["relatedRecordID"] == Reference("$Record.Id")


def test_workflow_time_trigger_counts_from_a_date_field() -> None:
    workflow = load("samshah66__DevHotmail/Opportunity.workflow")
    assert isinstance(workflow, WorkflowFile)
    assert workflow.object == "Opportunity"
    (rule,) = workflow.rules
    (trigger,) = rule.time_triggers
    assert (trigger.offset_field, trigger.length, trigger.unit) == (
        "Opportunity.CloseDate",
        30,
        "Days",
    )


def test_workflow_time_trigger_names_its_field_update() -> None:
    workflow = load("middhavikram__TestCopado/Question.workflow")
    assert isinstance(workflow, WorkflowFile)
    timed = [rule for rule in workflow.rules if rule.time_triggers]
    (trigger,) = timed[0].time_triggers
    assert (trigger.length, trigger.unit) == (24, "Hours")
    (action,) = trigger.actions
    assert action.type == "FieldUpdate" and action.name in workflow.field_updates


def test_workflow_not_equal_without_value_keeps_no_value() -> None:
    workflow = load("middhavikram__TestCopado/Case.workflow")
    assert isinstance(workflow, WorkflowFile)
    rule = next(rule for rule in workflow.rules if rule.name == "Prevent Duplicate")
    (item,) = rule.criteria
    assert (item.field, item.operation, item.value) == (
        "Case.ContactEmail",
        "notEqual",
        None,
    )
    assert rule.trigger_type == "onAllChanges"


def test_cross_object_field_update_keeps_its_target() -> None:
    workflow = load("SFDO-Community__OmbudsmanCloudCare/EmailMessage.workflow-meta.xml")
    assert isinstance(workflow, WorkflowFile)
    (update,) = workflow.field_updates.values()
    assert update.target_object == "ParentId"
    assert (update.operation, update.literal) == ("Literal", "1")


def test_validation_rule_takes_its_object_from_the_folder() -> None:
    rule = load(
        "moechapa__ubiquity-org-monitoring/objects/Opportunity/validationRules/"
        "Opp_Needs_Acc_to_Close.validationRule-meta.xml"
    )
    assert isinstance(rule, ValidationRule)
    assert (rule.object, rule.name, rule.active) == (
        "Opportunity",
        "Opp_Needs_Acc_to_Close",
        True,
    )
    assert "ISPICKVAL(StageName" in rule.formula


def test_opportunity_stage_value_set_is_the_stage_name_picklist() -> None:
    picklist = load(
        "moechapa__ubiquity-org-monitoring/standardValueSets/"
        "OpportunityStage.standardValueSet-meta.xml"
    )
    assert isinstance(picklist, Picklist)
    assert (picklist.object, picklist.field) == ("Opportunity", "StageName")
    assert len(picklist.values) == 49
    assert picklist.values[0] == "Quote Sent"  # document order, not sorted
    won = [entry.name for entry in picklist.entries if entry.won]
    assert won and all(entry.closed for entry in picklist.entries if entry.name in won)
    assert picklist.entries[0].probability == 30


def test_lead_status_value_set_knows_its_default_and_converted_status() -> None:
    picklist = load(
        "moechapa__ubiquity-org-monitoring/standardValueSets/LeadStatus.standardValueSet-meta.xml"
    )
    assert isinstance(picklist, Picklist)
    assert (picklist.object, picklist.field, picklist.default) == (
        "Lead",
        "Status",
        "Open",
    )
    assert [e.name for e in picklist.entries if e.converted] == ["Qualified"]


def test_dependent_picklist_names_its_controlling_field() -> None:
    picklist = load(
        "moechapa__ubiquity-org-monitoring/objects/Lead/fields/Plan_Type__c.field-meta.xml"
    )
    assert isinstance(picklist, Picklist)
    assert picklist.values == ("New Plan", "Conversion Plan")
    assert picklist.controlling_field == "Product_Type__c"


def test_flow_tests_name_their_flow_record_and_assertions() -> None:
    """A FlowTest: flowApiName, the Start test point's record values (JSON in
    sobjectValue) and the Finish test point's assertions."""
    test = load(
        "moechapa__ubiquity-org-monitoring/"
        "Proposal_After_Trigger_Created_first_run_needs_advisor_and_tpa"
        ".flowtest-meta.xml"
    )
    assert isinstance(test, FlowTest)
    assert test.flow == "Proposal_After_Trigger"
    assert test.initial["Status__c"] == "Created"
    assert "Advisor_Account__c" not in test.initial  # "" is blank
    assert test.updated is not None and test.updated["Pending_Alert__c"] is True
    [assertion] = test.assertions
    assert (assertion.left, assertion.operator, assertion.right) == (
        "Needs_Advisor_Simply",
        "EqualTo",
        True,
    )


def test_date_value_becomes_a_date() -> None:
    flow = load(
        "moechapa__ubiquity-org-monitoring/Proposal_After_Trigger.flow-meta.xml"
    )
    assert isinstance(flow, Flow)
    assert flow.trigger is not None and flow.trigger.filters is not None
    assert (
        Condition(
            "Plan_ID_First_Synced__c", "NotEqualTo", Literal(dt.date(1982, 8, 25))
        )
        in flow.trigger.filters.items
    )
