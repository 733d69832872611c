"""What revsim does not run is a stub, and a scenario may give it an outcome.

Apex and other invocable actions (actionCalls of META-FLOW other than the
email actions) and subflows missing from the model run as stubs: recorded,
listed by revsim validate, and given field values and outputs by the
scenario's stubs: (docs/formats.md, "Stubs"). META-FLOW, FlowActionCall
outputParameters:
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
"""

from __future__ import annotations

from model_folder import ModelFolder, assert_expectations_hold, record
from salesforce_xml import (
    action_call,
    record_triggered_flow,
    ref,
    text,
    update_triggering_record,
    variable,
)

ONBOARDING = record_triggered_flow(
    "Onboarding",
    "Account",
    timing="RecordAfterSave",
    when="Create",
    first="Create_Plan",
    elements=variable("planId", "String")
    + action_call(
        "Create_Plan",
        "apex",
        "ActionPlanCreateInvocable",
        "Note_Plan",
        outputs=[("planId", "planId")],
        fault="Failed",
    )
    + update_triggering_record("Note_Plan", [("Description", ref("planId"))])
    + update_triggering_record("Failed", [("Description", text("no plan"))]),
)
SCENARIO = """
    name: {name}
    records:
      - alias: acme
        salesforce: Account
        fields: {{Name: Acme}}
    expect:
      - {{record: acme, action: stub, name: apex ActionPlanCreateInvocable, count: 1}}
{stubs}
"""


def test_an_apex_action_without_a_stub_is_recorded_and_the_flow_goes_on(
    model: ModelFolder,
):
    model.flow("Onboarding", ONBOARDING)
    result = model.run(SCENARIO.format(name="no stub", stubs=""))
    assert_expectations_hold(result)
    assert record(result, "acme").fields.get("Description") is None


def test_a_stub_sets_fields_on_the_record_and_gives_the_actions_outputs(
    model: ModelFolder,
):
    """``set`` writes the record that started the flow; ``outputs`` fill the
    action's output parameters, which the flow reads afterwards."""
    model.flow("Onboarding", ONBOARDING)
    stubs = (
        "    stubs:\n"
        "      - action: apex ActionPlanCreateInvocable\n"
        "        set: {Rating: Warm}\n"
        "        outputs: {planId: plan-7}"
    )
    result = model.run(SCENARIO.format(name="a stub", stubs=stubs))
    assert_expectations_hold(result)
    acme = record(result, "acme").fields
    assert (acme["Rating"], acme["Description"]) == ("Warm", "plan-7")


def test_a_stub_only_for_another_flow_does_not_apply(model: ModelFolder):
    model.flow("Onboarding", ONBOARDING)
    stubs = (
        "    stubs:\n"
        "      - action: ActionPlanCreateInvocable\n"
        "        workflow: Some other flow\n"
        "        set: {Rating: Warm}"
    )
    result = model.run(SCENARIO.format(name="elsewhere", stubs=stubs))
    assert record(result, "acme").fields.get("Rating") is None
