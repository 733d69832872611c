"""Real record-triggered flows from the shared corpus, run unchanged through revsim.

Each test copies one corpus file byte for byte into a model folder, runs a
scenario against it (written as a user writes one, in YAML, where the object
is one a scenario can create) and checks what the flow's XML and the
Salesforce documentation say must happen. The expected values are worked out
by hand from the XML; the reasoning and the documentation page for each rule
are in the test's docstring. Where the files come from:
../shared/corpus/salesforce/SOURCES.md. The rules and their URLs:
../shared/reference/salesforce.md.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner
from shared_corpus import CORPUS, SALESFORCE_CORPUS

from simulator.cli import main
from simulator.engine.records import Record
from simulator.engine.simulation import Simulation
from simulator.engine.trace import Cause
from simulator.model import AutomationModel, load_model
from simulator.runner import ScenarioResult, run_scenario
from simulator.scenario.loader import load_scenario

SALESFORCE = SALESFORCE_CORPUS

pytestmark = pytest.mark.skipif(
    not SALESFORCE.is_dir(),
    reason=f"the shared corpus is not at {CORPUS} (a sibling of the repository)",
)

ONBOARDING = (
    "SalesforceLabs__ActionPlansV4/New_Customer_Onboarding_Actions.flow-meta.xml"
)
SAME_RECORD = (
    "Lightning-Flow-Scanner__lightning-flow-scanner-core/"
    "Same_Record_Field_Updates.flow-meta.xml"
)
UBIQUITY = "moechapa__ubiquity-org-monitoring/"
PHYSICAL_ADDRESS = (
    UBIQUITY + "Account_Before_Update_Physical_Address_Same_as_Billing.flow-meta.xml"
)
NEW_VENDOR = (
    UBIQUITY + "Account_After_Trigger_Send_New_Vendor_Email_Alert.flow-meta.xml"
)
PLAN_TYPE = UBIQUITY + "Lead_Before_Create_or_Update_Assign_Plan_Type.flow-meta.xml"
LEAD_ASSIGNMENT = UBIQUITY + "Sales_Lead_Assignment_Automation.flow-meta.xml"
OPPORTUNITY_ALERTS = (
    UBIQUITY + "Opportunity_Trigger_After_Send_Email_Alerts.flow-meta.xml"
)
EMPLOYEE_COUNT = UBIQUITY + "Lead_Before_Save_Sync_Employee_Count.flow-meta.xml"
DRAFT_CONTRACT = (
    "SalesforceLabs__Technology-Transfer-Starter/"
    "Auto_Link_Contract_to_Opportunity.flow-meta.xml"
)

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


# Helpers


def model_with(tmp_path: Path, corpus_file: str) -> AutomationModel:
    """A model folder holding one corpus file, copied unchanged, and loaded."""
    source = SALESFORCE / corpus_file
    folder = tmp_path / "model" / "salesforce"
    folder.mkdir(parents=True)
    copy = folder / source.name
    shutil.copy(source, copy)
    assert copy.read_bytes() == source.read_bytes()
    model = load_model(tmp_path / "model")
    # The flow must be one revsim runs, or every "never enters" check is empty.
    (flow,) = model.flows
    assert flow.is_record_triggered, f"{corpus_file} did not load as record-triggered"
    return model


def run(tmp_path: Path, corpus_file: str, scenario: str) -> ScenarioResult:
    """Run a scenario file over a model of one corpus flow; its checks must hold."""
    model = model_with(tmp_path, corpus_file)
    path = tmp_path / "scenario.yaml"
    path.write_text(dedent(scenario).lstrip(), encoding="utf-8")
    result = run_scenario(model, load_scenario(path))
    assert result.stopped is None, result.stopped
    assert result.scenario.expect, "a scenario without checks proves nothing"
    failures = "\n".join(failure.render() for failure in result.failures)
    assert not result.failures, f"\n{failures}"
    return result


def actions(result: ScenarioResult, alias: str, kind: str) -> list[str]:
    """The names of the actions of one kind that ran for a record."""
    record = result.simulation.records.by_alias(alias, "salesforce")
    assert record is not None, f"{alias} was never created"
    return [
        action.name
        for action in result.simulation.trace.actions
        if action.record == record.key and action.kind == kind
    ]


# The flows


def test_onboarding_plan_starts_only_when_type_is_updated_to_contain_customer(
    tmp_path: Path,
) -> None:
    """New_Customer_Onboarding_Actions (SalesforceLabs/ActionPlansV4), Account,
    RecordAfterSave, CreateAndUpdate, one start filter ``Type Contains
    "Customer"`` with doesRequireRecordChangedToMeetCriteria=true; its only
    element is an apex action (ActionPlanCreateInvocable).

    - "Only when a record is updated to meet the condition requirements": the
      flow runs on an update only if the record did not meet the filters
      before and does after; on create it is a plain criteria match (META-FLOW
      FlowStart).
    - Record filters compare text case-insensitively, like SOQL
      (FLOW-OPS-COND), so "customer - direct" contains "Customer".
    - apex actions are not simulated: each run must be recorded as a stub
      action named "apex ActionPlanCreateInvocable", not skipped silently.

    acme: created Prospect (no run); day 1 Type → "Customer - Channel" (run 1);
    day 2 Industry edited, Type still a customer type (no run: it met the
    filter before); day 3 Type → Other (no run); day 4 Type → "customer -
    direct" (run 2). direct: created as "Customer - Direct" (run on create).

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    - FLOW-OPS-COND:
      https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
    """
    result = run(
        tmp_path,
        ONBOARDING,
        """
        name: onboarding plan on the move to a customer type
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme Robotics, Type: Prospect}
          - alias: direct
            salesforce: Account
            fields: {Name: Direct Co, Type: Customer - Direct}
        journey:
          - at: 1d
            edit: {record: acme, fields: {Type: Customer - Channel}}
          - at: 2d
            edit: {record: acme, fields: {Industry: Energy}}
          - at: 3d
            edit: {record: acme, fields: {Type: Other}}
          - at: 4d
            edit: {record: acme, fields: {Type: customer - direct}}
        until: 5d
        expect:
          - record: acme
            entered: New_Customer_Onboarding_Actions
            count: 2
          - record: acme
            action: stub
            name: apex ActionPlanCreateInvocable
            count: 2
          - record: direct
            entered: New Customer Onboarding Tasks
            count: 1
          - record: direct
            action: stub
            name: apex ActionPlanCreateInvocable
            count: 1
        """,
    )
    # When each run happened: day 1 and day 4, never on day 2's re-save.
    acme = result.simulation.records.by_alias("acme", "salesforce")
    assert acme is not None
    runs = [
        when for when, key, _ in result.simulation.trace.enrolments if key == acme.key
    ]
    assert runs == [START + timedelta(days=1), START + timedelta(days=4)]
    # The model says up front that the apex action is a stub.
    skipped = [
        (item.element, item.kind) for item in result.simulation.model.not_simulated
    ]
    assert ("Create_Onboarding_Action_Plan", "actionCalls") in skipped


def test_before_save_update_sets_active_on_create_only(tmp_path: Path) -> None:
    """Same_Record_Field_Updates (Lightning-Flow-Scanner), Account,
    RecordBeforeSave, recordTriggerType Create, no entry conditions; one Update
    Records on ``$Record`` with Active__c = "Yes".

    - In a before-save flow an Update Records on ``$Record`` changes the
      record being saved, with no DML of its own (META-FLOW recordUpdates);
      before-save flows run before the record is saved, step 3 of the order
      of execution (OOE), so the value is there from the first saved version
      on, even over a value the user gave ("No").
    - recordTriggerType Create: updates never start it, so a later edit to
      "No" stays.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    - OOE:
      https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    """
    run(
        tmp_path,
        SAME_RECORD,
        """
        name: a new account is active, and an edit can switch it off
        records:
          - alias: fresh
            salesforce: Account
            fields: {Name: Fresh Foods}
          - alias: told-no
            salesforce: Account
            fields: {Name: Told No Ltd, Active__c: "No"}
        journey:
          - at: 1d
            edit: {record: fresh, fields: {Active__c: "No"}}
        until: 2d
        expect:
          - record: fresh
            field: Active__c
            sequence: ["Yes", "No"]
          - record: fresh
            field: Active__c
            at: 1h
            equals: "Yes"
          - record: told-no
            field: Active__c
            sequence: ["Yes"]
          - record: fresh
            entered: Test Flow
            count: 1
        """,
    )


def test_physical_address_copied_only_when_billing_changes_on_update(
    tmp_path: Path,
) -> None:
    """Account_Before_Update_Physical_Address_Same_as_Billing (ubiquity org),
    Account, RecordBeforeSave, CreateAndUpdate, no entry conditions. Decision
    outcome Physical_Matches_Billing: ``(1 AND 2) OR (1 AND 3) OR ... OR (1 AND
    6)`` where 1 = Physical_Address_Same_as_Billing__c EqualTo true and 2 to 6 =
    IsChanged on the checkbox, BillingState, BillingCity, BillingStreet,
    BillingPostalCode; it copies the four billing fields to Physical_*__c.

    - IsChanged is always false on create (FLOW-OPS-COND): hq is created
      with the box ticked and a full billing address, yet nothing is copied.
    - Day 1, hq's BillingCity and BillingPostalCode change with the box
      ticked: (1 AND 4) holds, all four fields are copied, Street and State
      too (they are read from $Record, unchanged).
    - Day 3, hq's Physical_City__c is edited by hand: no billing field changed,
      so the decision takes the default outcome and the edit stays.
    - branch: box not ticked, BillingCity changes on day 1 (condition 1
      false: nothing); day 2 the box is ticked: (1 AND 2) copies the address.

    Docs:
    - FLOW-OPS-COND:
      https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
    """
    run(
        tmp_path,
        PHYSICAL_ADDRESS,
        """
        name: physical address follows billing on update when the box is ticked
        records:
          - alias: hq
            salesforce: Account
            fields:
              Name: Summit Dental
              Physical_Address_Same_as_Billing__c: true
              BillingStreet: 1 Main St
              BillingCity: Denver
              BillingState: CO
              BillingPostalCode: "80202"
          - alias: branch
            salesforce: Account
            fields:
              Name: Summit Dental Branch
              Physical_Address_Same_as_Billing__c: false
              BillingStreet: 9 Pearl St
              BillingCity: Golden
              BillingState: CO
              BillingPostalCode: "80401"
        journey:
          - at: 1d
            edit:
              record: hq
              fields: {BillingCity: Boulder, BillingPostalCode: "80301"}
          - at: 1d
            edit: {record: branch, fields: {BillingCity: Arvada}}
          - at: 2d
            edit: {record: branch, fields: {Physical_Address_Same_as_Billing__c: true}}
          - at: 3d
            edit: {record: hq, fields: {Physical_City__c: Lakewood}}
        until: 4d
        expect:
          - record: hq
            field: Physical_City__c
            at: 12h
            equals: null
          - record: hq
            field: Physical_City__c
            sequence: [Boulder, Lakewood]
          - record: hq
            field: Physical_Zip_Code__c
            equals: "80301"
          - record: hq
            field: Physical_Street_Address__c
            equals: 1 Main St
          - record: hq
            field: Physical_State__c
            equals: CO
          - record: branch
            field: Physical_City__c
            at: 36h
            equals: null
          - record: branch
            field: Physical_City__c
            equals: Arvada
          - record: branch
            field: Physical_Zip_Code__c
            equals: "80401"
        """,
    )


def test_new_vendor_alert_only_for_vendor_accounts_on_create(tmp_path: Path) -> None:
    """Account_After_Trigger_Send_New_Vendor_Email_Alert (ubiquity org),
    Account, RecordAfterSave, recordTriggerType Create, start filter
    ``RecordTypeId EqualTo 0121G000000bqrQQAQ``; one emailAlert action
    Account.New_Vendor_Created.

    - recordTriggerType Create: the flow starts only when the record is
      created (META-FLOW FlowStart); editing an account to the
      vendor record type later sends nothing, and editing a vendor again
      does not send a second alert.
    - emailAlert is simulated: the alert is recorded under its actionName.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    result = run(
        tmp_path,
        NEW_VENDOR,
        """
        name: new vendor accounts send one alert
        records:
          - alias: vendor
            salesforce: Account
            fields: {Name: Paper Supply Co, RecordTypeId: 0121G000000bqrQQAQ}
          - alias: client
            salesforce: Account
            fields: {Name: Client Co, RecordTypeId: 012000000000000AAA}
        journey:
          - at: 1d
            edit: {record: client, fields: {RecordTypeId: 0121G000000bqrQQAQ}}
          - at: 1d
            edit: {record: vendor, fields: {Phone: 555-0100}}
        until: 2d
        expect:
          - record: vendor
            action: alert
            name: Account.New_Vendor_Created
            count: 1
          - record: client
            action: alert
            count: 0
          - record: client
            entered: Account_After_Trigger_Send_New_Vendor_Email_Alert
            count: 0
        """,
    )
    assert actions(result, "vendor", "alert") == ["Account.New_Vendor_Created"]


def test_plan_type_decisions_on_lead_before_save(tmp_path: Path) -> None:
    """Lead_Before_Create_or_Update_Assign_Plan_Type (ubiquity org), Lead,
    RecordBeforeSave, CreateAndUpdate. Single_k_Plan? (Service_Option__c
    Contains "Single(k)" and Product_Type__c = "Single(k)") → Update Records
    on $Record with filter ``NumberOfEmployees IsNull true`` setting it to 1 →
    Conversion_Plan? (Product 401(k), Current_Plan 401(k), Plan_Type__c null)
    → "Conversion Plan", else New_Plan? (``1 AND 8 AND (2 OR ... OR 7)``:
    Product 401(k), Plan_Type__c null, Current_Plan one of None, SIMPLE, SEP
    IRA, Defined Benefit, Money Purchase, KEOGH) → "New Plan".

    - A decision takes the connector of its true outcome, else its default
      connector; a decision with no default connector ends the interview
      (META-FLOW FlowDecision, connectors); custom logic numbers the
      conditions in document order (FlowRule conditionLogic).
    - conv copies the org's own FlowTest "Conversion Plan Positive Test"
      (Plan_Type__c "" counts as null for IsNull on text): "Conversion Plan".
    - sep: Current_Plan "SEP IRA" → "New Plan".
    - kept: created with Current_Plan "None" → "New Plan"; day 1 Current_Plan
      becomes 401(k): Plan_Type__c is no longer null, so both outcomes fail
      and it stays "New Plan" (CreateAndUpdate runs it, it changes nothing).
    - later: created with no product (no plan type), day 1 product 401(k)
      with Current_Plan SIMPLE → "New Plan" on update.
    - solo: Single(k) with no employee count → NumberOfEmployees 1.
    - sized: Single(k) with 12 employees: the Update Records filter selects
      the records to update (META-FLOW FlowRecordUpdate ``filters``: "the
      criteria used to select the records to update"; Flow Builder's "update
      the triggering record only if it meets the conditions",
      https://help.salesforce.com/s/articleView?id=platform.flow_ref_elements_data_update.htm),
      so 12 stays.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    run(
        tmp_path,
        PLAN_TYPE,
        """
        name: plan type and single(k) employee default
        records:
          - alias: conv
            salesforce: Lead
            fields:
              LastName: Test Lead
              Company: Test Company
              Status: Open
              Lead_Type__c: Employer
              Product_Type__c: 401(k)
              Current_Plan__c: 401(k)
              Plan_Type__c: ""
              Service_Option__c: ""
          - alias: sep
            salesforce: Lead
            fields: {Company: Sep Co, Product_Type__c: 401(k), Current_Plan__c: SEP IRA}
          - alias: kept
            salesforce: Lead
            fields: {Company: Kept Co, Product_Type__c: 401(k), Current_Plan__c: None}
          - alias: later
            salesforce: Lead
            fields: {Company: Later Co, Current_Plan__c: SIMPLE}
          - alias: solo
            salesforce: Lead
            fields:
              Company: Solo Co
              Product_Type__c: Single(k)
              Service_Option__c: Advisor Managed Single(k)
          - alias: sized
            salesforce: Lead
            fields:
              Company: Sized Co
              Product_Type__c: Single(k)
              Service_Option__c: Single(k)
              NumberOfEmployees: 12
        journey:
          - at: 1d
            edit: {record: kept, fields: {Current_Plan__c: 401(k)}}
          - at: 1d
            edit: {record: later, fields: {Product_Type__c: 401(k)}}
        until: 2d
        expect:
          - record: conv
            field: Plan_Type__c
            equals: Conversion Plan
          - record: sep
            field: Plan_Type__c
            equals: New Plan
          - record: kept
            field: Plan_Type__c
            sequence: [New Plan]
          - record: later
            field: Plan_Type__c
            at: 12h
            equals: null
          - record: later
            field: Plan_Type__c
            equals: New Plan
          - record: solo
            field: NumberOfEmployees
            equals: 1
          - record: solo
            field: Plan_Type__c
            equals: null
          - record: sized
            field: NumberOfEmployees
            equals: 12
          - record: sized
            field: Plan_Type__c
            equals: null
        """,
    )


def test_lead_assignment_routes_new_leads_by_source(tmp_path: Path) -> None:
    """Sales_Lead_Assignment_Automation (ubiquity org), Lead, RecordAfterSave,
    recordTriggerType Create, six start filters joined by ``or``: GCLID__c not
    null, Recommendation_Engine_Results__c not null, campaign_code__c = "JPM
    Microsite", Email contains "@prksqasimply.com", "@test.com" or
    "@mailinator.com". Decisions, in order:
    myRule_1 (rule TRUE_myRule_1 ``1 AND NOT 2 AND 3``: recommendation set,
    e-mail not @test.com, gaconnector_GCLID__c null; else rule Google_PPC_Lead:
    gaconnector_GCLID__c set) → default myRule_3 (``1 AND NOT 2``: JPM
    Microsite, not @test.com) → default myRule_5 (any test e-mail domain).
    Each outcome updates $Record (after save: a DML update of the lead).

    - Outcomes in document order, else the default connector; custom logic
      with NOT (META-FLOW FlowDecision / FlowRule conditionLogic). The two
      outcomes of myRule_1 never hold together (condition 3 of the first is
      the negation of the second), so their order is not what is tested.
    - Contains on text (FLOW-OPS-COND).
    - reco → Method_of_First_Contact__c "Recommendation Engine", owner queue
      00G37000000ksAD, Product_Type__c / Service_Option__c from the
      recommendation fields.
    - reco-test: recommendation but @test.com: rule 1 fails (NOT 2), rule 2
      fails (no gaconnector id), JPM fails → test lead: owner 00500000006vmbu,
      no method.
    - jpm → owner queue, no method. tester (@mailinator.com) → 00500000006vmbu.
    - ppc (GCLID__c and gaconnector_GCLID__c) → Google_PPC_Lead: LeadSource
      "Paid Ads", LeadSourceDetail__c "Google Ads".
    - connector-only: gaconnector_GCLID__c alone does not meet the start
      filters (they read GCLID__c): never enters.
    - plain, later given a @test.com e-mail: Create only, never enters.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    - FLOW-OPS-COND:
      https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
    """
    owner = "005000000000001AAA"
    run(
        tmp_path,
        LEAD_ASSIGNMENT,
        f"""
        name: new leads are routed by where they came from
        records:
          - alias: reco
            salesforce: Lead
            fields:
              Email: ana@contoso.example.com
              OwnerId: {owner}
              Recommendation_Engine_Results__c: 401(k) recommended
              Product_Type_Recommendation__c: 401(k)
              Service_Option_Recommendation__c: Full Service
          - alias: reco-test
            salesforce: Lead
            fields:
              Email: qa@test.com
              OwnerId: {owner}
              Recommendation_Engine_Results__c: 401(k) recommended
              Product_Type_Recommendation__c: 401(k)
          - alias: jpm
            salesforce: Lead
            fields:
              Email: kim@northwind.example.com
              OwnerId: {owner}
              campaign_code__c: JPM Microsite
          - alias: tester
            salesforce: Lead
            fields: {{Email: jo@mailinator.com, OwnerId: {owner}}}
          - alias: ppc
            salesforce: Lead
            fields:
              Email: lee@fabrikam.example.com
              OwnerId: {owner}
              GCLID__c: Cj0KCQ
              gaconnector_GCLID__c: Cj0KCQ
          - alias: connector-only
            salesforce: Lead
            fields:
              Email: max@tailspin.example.com
              OwnerId: {owner}
              gaconnector_GCLID__c: Cj0KCQ
          - alias: plain
            salesforce: Lead
            fields: {{Email: sam@adatum.example.com, OwnerId: {owner}}}
        journey:
          - at: 1d
            edit: {{record: plain, fields: {{Email: sam@test.com}}}}
        until: 2d
        expect:
          - record: reco
            field: OwnerId
            equals: 00G37000000ksAD
          - record: reco
            field: Method_of_First_Contact__c
            equals: Recommendation Engine
          - record: reco
            field: Product_Type__c
            equals: 401(k)
          - record: reco
            field: Service_Option__c
            equals: Full Service
          - record: reco
            field: LeadSource
            equals: null
          - record: reco-test
            field: OwnerId
            equals: 00500000006vmbu
          - record: reco-test
            field: Method_of_First_Contact__c
            equals: null
          - record: jpm
            field: OwnerId
            equals: 00G37000000ksAD
          - record: jpm
            field: Method_of_First_Contact__c
            equals: null
          - record: tester
            field: OwnerId
            equals: 00500000006vmbu
          - record: ppc
            field: LeadSource
            equals: Paid Ads
          - record: ppc
            field: LeadSourceDetail__c
            equals: Google Ads
          - record: ppc
            field: OwnerId
            equals: 00G37000000ksAD
          - record: connector-only
            entered: Sales_Lead_Assignment_Automation
            count: 0
          - record: connector-only
            field: OwnerId
            equals: {owner}
          - record: plain
            entered: Sales_Lead_Assignment_Automation
            count: 0
          - record: plain
            field: OwnerId
            equals: {owner}
          - record: tester
            entered: Sales_Lead_Assignment_Automation
            count: 1
        """,
    )


def test_closed_won_alerts_by_opportunity_type(tmp_path: Path) -> None:
    """Opportunity_Trigger_After_Send_Email_Alerts (ubiquity org), Opportunity,
    RecordAfterSave, recordTriggerType Update, start filter ``StageName =
    Closed Won``, doesRequireRecordChangedToMeetCriteria=true. Upgrade? (Type
    = Upgrade) → alert Opportunity.Upgrade_Sold → Is_Product_Change_Close?
    (``(1 AND NOT 2) OR (NOT 1 AND 2)``: exactly one of Service_Option__c and
    Previous_Service_Option__c contains "Single(k)") → alert
    Opportunity.Product_Change_Opp_Closed. Default of Upgrade? → Plan Sale?
    (Type "401(k) Plan Sale", Service_Option__c neither "Single(k)" nor "Mega
    Roth Single(k)") → Advisor Channel? (LeadSource "Partner Referral",
    LeadSourceDetail__c "Advisor") → alert Opportunity.Ubiquity_Advisor_Plan_Sold.

    - Update only, and only when updated to meet the filter (META-FLOW
      FlowStart): born-won is created Closed Won and edited
      later; it met the filter before that edit, so it never enters.
    - upgrade: moved to Closed Won on day 1 → both A&F alerts; an edit while
      won (day 2) does not run it again; moved back on day 3 and won again on
      day 4 → it runs a second time.
    - lower: Type "upgrade" matches "Upgrade" (decision text comparisons are
      case-insensitive, FLOW-OPS-COND); no service option on
      either side → only Upgrade_Sold.
    - advisor: a plan sale through an advisor → Ubiquity_Advisor_Plan_Sold only.
    - mega: a "Mega Roth Single(k)" plan sale fails Plan Sale? → enters, no alert.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    - FLOW-OPS-COND:
      https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
    """
    result = run(
        tmp_path,
        OPPORTUNITY_ALERTS,
        """
        name: closed won opportunities send the alerts of their type
        records:
          - alias: upgrade
            salesforce: Opportunity
            fields:
              StageName: Negotiation/Review
              Type: Upgrade
              Service_Option__c: Single(k)
              Previous_Service_Option__c: 401(k) Full Service
          - alias: lower
            salesforce: Opportunity
            fields: {StageName: Negotiation/Review, Type: upgrade}
          - alias: advisor
            salesforce: Opportunity
            fields:
              StageName: Negotiation/Review
              Type: 401(k) Plan Sale
              Service_Option__c: Full Service
              LeadSource: Partner Referral
              LeadSourceDetail__c: Advisor
          - alias: mega
            salesforce: Opportunity
            fields:
              StageName: Negotiation/Review
              Type: 401(k) Plan Sale
              Service_Option__c: Mega Roth Single(k)
              LeadSource: Partner Referral
              LeadSourceDetail__c: Advisor
          - alias: born-won
            salesforce: Opportunity
            fields: {StageName: Closed Won, Type: Upgrade}
        journey:
          - at: 1d
            stage_move: {record: upgrade, stage: Closed Won}
          - at: 1d
            stage_move: {record: lower, stage: Closed Won}
          - at: 1d
            stage_move: {record: advisor, stage: Closed Won}
          - at: 1d
            stage_move: {record: mega, stage: Closed Won}
          - at: 1d
            edit: {record: born-won, fields: {Description: signed}}
          - at: 2d
            edit: {record: upgrade, fields: {Description: countersigned}}
          - at: 3d
            stage_move: {record: upgrade, stage: Negotiation/Review}
          - at: 4d
            stage_move: {record: upgrade, stage: Closed Won}
        until: 5d
        expect:
          - record: upgrade
            entered: Opportunity_Trigger_After_Send_Email_Alerts
            count: 2
          - record: upgrade
            action: alert
            name: Opportunity.Upgrade_Sold
            count: 2
          - record: upgrade
            action: alert
            name: Opportunity.Product_Change_Opp_Closed
            count: 2
          - record: lower
            action: alert
            name: Opportunity.Upgrade_Sold
            count: 1
          - record: advisor
            action: alert
            name: Opportunity.Ubiquity_Advisor_Plan_Sold
            count: 1
          - record: mega
            entered: Opportunity_Trigger_After_Send_Email_Alerts
            count: 1
          - record: born-won
            entered: Opportunity_Trigger_After_Send_Email_Alerts
            count: 0
        """,
    )
    assert (
        actions(result, "upgrade", "alert")
        == [
            "Opportunity.Upgrade_Sold",
            "Opportunity.Product_Change_Opp_Closed",
        ]
        * 2
    )
    assert actions(result, "lower", "alert") == ["Opportunity.Upgrade_Sold"]
    assert actions(result, "advisor", "alert") == [
        "Opportunity.Ubiquity_Advisor_Plan_Sold"
    ]
    assert actions(result, "mega", "alert") == []
    assert actions(result, "born-won", "alert") == []


def test_employee_count_copied_from_latest_submitted_proposal(tmp_path: Path) -> None:
    """Lead_Before_Save_Sync_Employee_Count (ubiquity org), Lead,
    RecordBeforeSave, recordTriggerType Update, start filters IsConverted =
    true, Business_Unit__c = "Simply Retirement", Lead_Type__c = "Employer",
    only when updated to meet them. Get Records Find_proposal on Proposal__c
    (Company_Email__c = $Record.Email, Status__c "Submitted for Purchase",
    Company_Email__c not null), sorted by CreatedDate Desc, outputAssignments
    Number_of_Employees__c → propEmployeeCount; if that is not null the lead's
    NumberOfEmployees is set to it.

    Proposal__c is not an object a scenario can create, so this test drives
    the engine directly.

    - Get Records: with a sort, the first record of the sorted list is the one
      whose fields outputAssignments copy into variables (META-FLOW
      FlowRecordLookup ``filters`` / ``outputAssignments``).
      Pat has a 40-employee proposal (3 days old), a 55-employee one (1 day
      old) and a newer Draft one with 99 (filtered out): 55.
    - Update only: creating pat runs nothing (stays 10). Converting pat
      (IsConverted false → true) meets the filters for the first time: 55.
      Editing pat to 60 afterwards does not re-run the flow (it met the
      filters already), so 60 stays.
    - jo (Lead_Type__c "Participant") fails the filters: stays 7.
    - kit has no proposal: propEmployeeCount stays null, the decision takes
      its default outcome, 23 stays.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    model = model_with(tmp_path, EMPLOYEE_COUNT)
    sim = Simulation(model, START)
    sf = sim.salesforce
    cause = Cause("journey", "test")
    for email, status, employees, age in (
        ("pat@acme.example.com", "Submitted for Purchase", 40, 3),
        ("pat@acme.example.com", "Submitted for Purchase", 55, 1),
        ("pat@acme.example.com", "Draft", 99, 0),
        ("jo@acme.example.com", "Submitted for Purchase", 70, 1),
    ):
        fields = {
            "Company_Email__c": email,
            "Status__c": status,
            "Number_of_Employees__c": employees,
            "CreatedDate": START - timedelta(days=age, hours=1),
        }
        assert sf.insert("Proposal__c", fields, cause) is not None

    def lead(email: str, lead_type: str, employees: int) -> Record:
        fields = {
            "LastName": email.split("@")[0],
            "Company": "Acme",
            "Email": email,
            "Business_Unit__c": "Simply Retirement",
            "Lead_Type__c": lead_type,
            "IsConverted": False,
            "NumberOfEmployees": employees,
        }
        record = sf.insert("Lead", fields, cause)
        assert record is not None
        return record

    pat = lead("pat@acme.example.com", "Employer", 10)
    jo = lead("jo@acme.example.com", "Participant", 7)
    kit = lead("kit@acme.example.com", "Employer", 23)
    assert pat.get("NumberOfEmployees") == 10

    for record in (pat, jo, kit):
        assert sf.update(record, {"IsConverted": True}, cause)
    assert pat.get("NumberOfEmployees") == 55
    assert jo.get("NumberOfEmployees") == 7
    assert kit.get("NumberOfEmployees") == 23

    assert sf.update(pat, {"NumberOfEmployees": 60}, cause)
    assert pat.get("NumberOfEmployees") == 60

    flow = "flow:Lead_Before_Save_Sync_Employee_Count"
    assert sim.coverage[(flow, "start")] == 2  # pat and kit, once each
    assert (
        sim.coverage[(flow, "Prop_employee_count_check/Employee_count_not_null")] == 1
    )
    assert sim.coverage[(flow, "Prop_employee_count_check/default")] == 1


def test_draft_flow_never_runs(tmp_path: Path) -> None:
    """Auto_Link_Contract_to_Opportunity (SalesforceLabs/Technology-Transfer-
    Starter), Opportunity, RecordAfterSave, start filters IsClosed = true and
    StageName = Closed Won, creates a Contract — but its status is Draft.

    Only the active version of a flow runs (flow ``status``: Active, Draft,
    Obsolete, InvalidDraft; META-FLOW and reference/salesforce.md (a)).
    The opportunity meets both filters (IsClosed given outright, so the
    result does not hang on whether revsim derives it), yet no Contract is
    created and the flow is never entered.

    Docs:
    - META-FLOW:
      https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    source = SALESFORCE / DRAFT_CONTRACT
    folder = tmp_path / "model" / "salesforce"
    folder.mkdir(parents=True)
    shutil.copy(source, folder / source.name)
    model = load_model(tmp_path / "model")
    (flow,) = model.flows
    assert flow.status == "Draft" and flow.trigger is not None
    path = tmp_path / "scenario.yaml"
    path.write_text(
        dedent(
            """
            name: a draft flow does not create the contract
            records:
              - alias: won
                salesforce: Opportunity
                fields: {StageName: Negotiation/Review, IsClosed: false}
            journey:
              - at: 1d
                edit: {record: won, fields: {StageName: Closed Won, IsClosed: true}}
            until: 2d
            expect:
              - record: won
                entered: Auto Link Contract to Opportunity
                count: 0
            """
        ).lstrip(),
        encoding="utf-8",
    )
    result = run_scenario(model, load_scenario(path))
    assert not result.failures, "\n".join(f.render() for f in result.failures)
    assert result.simulation.records.of("salesforce", "Contract") == []
    assert (
        sum(
            hits
            for (name, _), hits in result.simulation.coverage.items()
            if name == "flow:Auto_Link_Contract_to_Opportunity"
        )
        == 0
    )


# The whole corpus through `revsim validate`

SUMMARY = re.compile(
    r"^(?P<total>\d+) files: (?P<full>\d+) fully simulated \(\d+%\), "
    r"(?P<partly>\d+) partly, (?P<fragments>\d+) fragments, "
    r"(?P<unreadable>\d+) unreadable$",
    re.MULTILINE,
)


def test_validate_over_the_whole_corpus_reports_and_never_crashes() -> None:
    """``revsim validate`` over the whole shared corpus (Salesforce and
    HubSpot) prints one line per file and the summary line; a file it cannot
    read is a reported error (exit code 3), never a Python exception. The
    apex action of New_Customer_Onboarding_Actions is listed as not
    simulated, so a user sees it will run as a stub.
    """
    result = CliRunner().invoke(main, ["validate", str(CORPUS)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output
    )
    assert result.exit_code in (0, 3), result.output
    assert "Traceback" not in result.output
    summary = SUMMARY.search(result.stdout)
    assert summary is not None, result.stdout[-2000:]
    counts = {name: int(value) for name, value in summary.groupdict().items()}
    assert counts["total"] == (
        counts["full"] + counts["partly"] + counts["fragments"] + counts["unreadable"]
    )
    # Exit code 3 exactly when some file could not be read.
    assert (result.exit_code == 3) == (counts["unreadable"] > 0)
    listed = re.findall(r"^[A-Z]+ +(\S+)$", result.stdout, re.MULTILINE)
    assert len(listed) == counts["total"]
    onboarding = str(SALESFORCE / ONBOARDING)
    assert f"PARTIAL   {onboarding}" in result.stdout
    assert (
        "not simulated: Create_Onboarding_Action_Plan (actionCalls): "
        "actionType apex runs as a stub"
    ) in result.stdout
