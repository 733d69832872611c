"""Flow files import into the model; a bad one says where and what is wrong.

Element semantics: META-FLOW
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.salesforce.flow import load_flow
from simulator.salesforce.model import (
    ActionCall,
    Decision,
    Literal,
    Loop,
    RecordCreate,
    RecordLookup,
    Reference,
    Unsupported,
)

WriteFlow = Callable[..., Path]

DECISION = """
<start>
  <object>Opportunity</object>
  <recordTriggerType>Update</recordTriggerType>
  <triggerType>RecordAfterSave</triggerType>
  <connector><targetReference>Check_Stage</targetReference></connector>
</start>
<decisions>
  <name>Check_Stage</name>
  <label>Check Stage</label>
  <defaultConnectorLabel>Still open</defaultConnectorLabel>
  <rules>
    <name>Won</name>
    <conditionLogic>and</conditionLogic>
    <conditions>
      <leftValueReference>$Record.StageName</leftValueReference>
      <operator>{operator}</operator>
      <rightValue><stringValue>Closed Won</stringValue></rightValue>
    </conditions>
    <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
    <label>Won</label>
  </rules>
  <rules>
    <name>Lost</name>
    <conditionLogic>{logic}</conditionLogic>
    <conditions>
      <leftValueReference>$Record.StageName</leftValueReference>
      <operator>EqualTo</operator>
      <rightValue><stringValue>Closed Lost</stringValue></rightValue>
    </conditions>
    <label>Lost</label>
  </rules>
</decisions>
"""


def decision_flow(operator: str = "EqualTo", logic: str = "and") -> str:
    return DECISION.format(operator=operator, logic=logic)


def test_decision_rules_keep_document_order_and_settings(write_flow: WriteFlow) -> None:
    """META-FLOW: rules are evaluated in order; the first true rule wins."""
    flow = load_flow(write_flow(decision_flow()))
    decision = flow.nodes["Check_Stage"]
    assert isinstance(decision, Decision)
    assert [rule.name for rule in decision.rules] == ["Won", "Lost"]
    assert decision.rules[0].requires_change and not decision.rules[1].requires_change
    assert decision.default_label == "Still open" and decision.next is None
    assert flow.start == "Check_Stage"
    assert flow.api_name == "Test_Flow" and flow.api_version == 60.0


def test_malformed_xml_names_the_file_and_line(
    write_metadata: Callable[..., Path],
) -> None:
    path = write_metadata(
        "Broken.flow-meta.xml", "<label>Broken\n<status>", root="Flow"
    )
    with pytest.raises(DefinitionError) as caught:
        load_flow(path)
    error = caught.value
    assert error.file == str(path)
    assert error.line == 5
    assert "malformed XML" in error.message


def test_a_document_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Bomb.flow-meta.xml"
    path.write_text('<!DOCTYPE f [<!ENTITY a "aaaa">]><Flow>&a;</Flow>')
    with pytest.raises(DefinitionError, match="refused to parse"):
        load_flow(path)


def test_a_file_of_another_type_is_refused(write_metadata: Callable[..., Path]) -> None:
    path = write_metadata("Lead.flow-meta.xml", "", root="Workflow")
    with pytest.raises(DefinitionError, match="root element is <Workflow>"):
        load_flow(path)


def test_unknown_operator_names_the_element(write_flow: WriteFlow) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_flow(write_flow(decision_flow(operator="Equals")))
    error = caught.value
    assert error.place == "decisions[name=Check_Stage]/rules[name=Won]/conditions[1]"
    assert error.line is not None
    assert "unknown condition operator 'Equals'" in error.message
    assert error.expected is not None and "EqualTo" in error.expected


def test_bad_condition_logic_names_the_rule(write_flow: WriteFlow) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_flow(write_flow(decision_flow(logic="1 AND 2")))
    assert caught.value.place == (
        "decisions[name=Check_Stage]/rules[name=Lost]/conditionLogic"
    )
    assert "names condition 2, but there are 1" in caught.value.message


def test_connector_to_a_missing_element_is_an_error(write_flow: WriteFlow) -> None:
    body = decision_flow().replace(
        "<label>Lost</label>",
        "<label>Lost</label><connector><targetReference>Check_Stag"
        "</targetReference></connector>",
    )
    with pytest.raises(DefinitionError) as caught:
        load_flow(write_flow(body))
    assert "'Check_Stag', which is not an element" in caught.value.message
    assert caught.value.fix == "did you mean 'Check_Stage'?"


def test_two_elements_with_one_name_are_an_error(write_flow: WriteFlow) -> None:
    body = decision_flow() + (
        "<assignments><name>Check_Stage</name><label>Again</label></assignments>"
    )
    with pytest.raises(DefinitionError, match="two elements are named 'Check_Stage'"):
        load_flow(write_flow(body))


VALUES = """
<variables><name>{name}</name><dataType>String</dataType>
  <isCollection>false</isCollection><value>{value}</value></variables>
"""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<stringValue> padded </stringValue>", Literal(" padded ")),
        ("<stringValue/>", Literal("")),
        ("<numberValue>50.0</numberValue>", Literal(50)),
        ("<numberValue>2.5</numberValue>", Literal(2.5)),
        ("<booleanValue>true</booleanValue>", Literal(True)),
        ("<dateValue>2024-03-31</dateValue>", Literal(dt.date(2024, 3, 31))),
        (
            "<dateTimeValue>2024-05-01T09:00:00.000Z</dateTimeValue>",
            Literal(dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)),
        ),
        (
            "<dateTimeValue>2024-05-01T11:00:00+02:00</dateTimeValue>",
            Literal(dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)),
        ),
        ("<elementReference>$Record.Id</elementReference>", Reference("$Record.Id")),
        ("", None),
    ],
)
def test_values_become_python_values(
    write_flow: WriteFlow, value: str, expected: object
) -> None:
    """META-FLOW FlowElementReferenceOrValue; numberValue is a double, kept as
    int when whole; datetimes are UTC."""
    flow = load_flow(write_flow(VALUES.format(name="v", value=value)))
    assert flow.resources["v"].value == expected


def test_a_formula_value_is_listed_as_not_simulated(write_flow: WriteFlow) -> None:
    value = "<formulaExpression>TODAY()</formulaExpression>"
    flow = load_flow(write_flow(VALUES.format(name="v", value=value)))
    assert flow.resources["v"].value is None
    assert [entry.kind for entry in flow.not_simulated] == ["value formulaExpression"]


def test_a_bad_number_is_an_error(write_flow: WriteFlow) -> None:
    value = "<numberValue>fifty</numberValue>"
    with pytest.raises(DefinitionError, match="'fifty' is not a number") as caught:
        load_flow(write_flow(VALUES.format(name="v", value=value)))
    assert caught.value.place == "variables[name=v]/value/numberValue"


def test_formula_without_data_type_is_a_number(write_flow: WriteFlow) -> None:
    """META-FLOW: a formula's dataType defaults to Number."""
    body = "<formulas><name>Score</name><expression>1 + 1</expression></formulas>"
    resource = load_flow(write_flow(body)).resources["Score"]
    assert (resource.kind, resource.data_type, resource.expression) == (
        "formula",
        "Number",
        "1 + 1",
    )


START_BEFORE_SAVE = """
<start>
  <object>Lead</object>
  <recordTriggerType>CreateAndUpdate</recordTriggerType>
  <triggerType>RecordBeforeSave</triggerType>
  <filterFormula>{!$Record.AnnualRevenue} > 1000000</filterFormula>
  <connector><targetReference>Set_Rating</targetReference></connector>
</start>
<assignments>
  <name>Set_Rating</name><label>Set Rating</label>
  <assignmentItems>
    <assignToReference>$Record.Rating</assignToReference>
    <operator>Assign</operator>
    <value><stringValue>Hot</stringValue></value>
  </assignmentItems>
</assignments>
"""


def test_before_save_flow_with_an_entry_formula(write_flow: WriteFlow) -> None:
    flow = load_flow(write_flow(START_BEFORE_SAVE))
    assert flow.trigger is not None
    assert flow.trigger.timing == "before"
    assert flow.trigger.filter_formula == "{!$Record.AnnualRevenue} > 1000000"
    assert flow.trigger.filters is None
    assert flow.not_simulated == ()


def test_old_flow_names_its_first_element(write_flow: WriteFlow) -> None:
    body = START_BEFORE_SAVE.split("</start>")[1]
    flow = load_flow(
        write_flow(body + "<startElementReference>Set_Rating</startElementReference>")
    )
    assert flow.trigger is None and flow.start == "Set_Rating"


def test_mdapi_suffix_flow_is_named_without_it(write_flow: WriteFlow) -> None:
    flow = load_flow(write_flow(START_BEFORE_SAVE, name="Lead_Rating.flow"))
    assert flow.api_name == "Lead_Rating"


def test_record_lookup_and_create_with_automatic_output(write_flow: WriteFlow) -> None:
    """META-FLOW storeOutputAutomatically: the element's own name holds the
    result."""
    body = """
    <variables><name>contacts</name><dataType>SObject</dataType>
      <isCollection>true</isCollection><objectType>Contact</objectType></variables>
    <recordLookups>
      <name>Get_Contacts</name><label>Get Contacts</label><object>Contact</object>
      <filterLogic>and</filterLogic>
      <filters><field>AccountId</field><operator>EqualTo</operator>
        <value><elementReference>$Record.Id</elementReference></value></filters>
      <outputReference>contacts</outputReference>
      <connector><targetReference>Make_Task</targetReference></connector>
    </recordLookups>
    <recordCreates>
      <name>Make_Task</name><label>Make Task</label><object>Task</object>
      <inputAssignments><field>Subject</field>
        <value><stringValue>Call</stringValue></value></inputAssignments>
      <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordCreates>
    """
    flow = load_flow(write_flow(body))
    lookup = flow.nodes["Get_Contacts"]
    assert isinstance(lookup, RecordLookup)
    assert lookup.output_reference == "contacts"
    assert not lookup.first_only  # no flag, a collection variable receives all
    assert lookup.filters is not None and lookup.filters.items[0].left == "AccountId"
    create = flow.nodes["Make_Task"]
    assert isinstance(create, RecordCreate)
    assert create.assign_id_to == "Make_Task"


def test_email_alert_is_simulated_and_apex_is_a_stub(write_flow: WriteFlow) -> None:
    body = """
    <actionCalls><name>Alert</name><label>Alert</label>
      <actionName>Opportunity.Won_Alert</actionName><actionType>emailAlert</actionType>
      <connector><targetReference>Apex</targetReference></connector>
      <inputParameters><name>SObjectRowId</name>
        <value><elementReference>$Record.Id</elementReference></value></inputParameters>
    </actionCalls>
    <actionCalls><name>Apex</name><label>Apex</label>
      <actionName>DoThings</actionName><actionType>apex</actionType></actionCalls>
    """
    flow = load_flow(write_flow(body))
    alert = flow.nodes["Alert"]
    assert isinstance(alert, ActionCall) and alert.next == "Apex"
    assert alert.action_name == "Opportunity.Won_Alert"
    assert [(e.element, e.reason) for e in flow.not_simulated] == [
        ("Apex", "actionType apex runs as a stub")
    ]


def test_unsupported_elements_are_stubs_and_listed(write_flow: WriteFlow) -> None:
    body = """
    <waits><name>Pause</name><label>Pause</label>
      <defaultConnector><targetReference>After</targetReference></defaultConnector>
      <waitEvents><name>Later</name>
        <connector><targetReference>Body</targetReference></connector>
      </waitEvents>
    </waits>
    <assignments><name>Body</name><label>Body</label></assignments>
    <assignments><name>After</name><label>After</label></assignments>
    <futureThings><name>Gizmo</name><label>Gizmo</label><locationX>1</locationX></futureThings>
    <mysterySetting>on</mysterySetting>
    """
    flow = load_flow(write_flow(body))
    pause = flow.nodes["Pause"]
    assert isinstance(pause, Unsupported)
    assert (pause.kind, pause.next, pause.targets) == (
        "waits",
        "After",
        ("After", "Body"),
    )
    gizmo = flow.nodes["Gizmo"]
    assert isinstance(gizmo, Unsupported) and gizmo.kind == "futureThings"
    kinds = {entry.kind: entry.reason for entry in flow.not_simulated}
    assert set(kinds) == {"waits", "futureThings", "mysterySetting"}
    assert kinds["mysterySetting"] == "<mysterySetting> is not understood by revsim"


def test_a_loop_keeps_its_collection_order_and_both_connectors(
    write_flow: WriteFlow,
) -> None:
    """FlowLoop: collectionReference, iterationOrder, nextValueConnector (the
    body) and noMoreValuesConnector (after the last item) (META-FLOW)."""
    body = """
    <loops><name>Each</name><label>Each</label>
      <collectionReference>things</collectionReference>
      <assignNextValueToReference>thing</assignNextValueToReference>
      <iterationOrder>Desc</iterationOrder>
      <nextValueConnector><targetReference>Body</targetReference></nextValueConnector>
      <noMoreValuesConnector><targetReference>After</targetReference></noMoreValuesConnector>
    </loops>
    <assignments><name>Body</name><label>Body</label></assignments>
    <assignments><name>After</name><label>After</label></assignments>
    """
    flow = load_flow(write_flow(body))
    loop = flow.nodes["Each"]
    assert isinstance(loop, Loop)
    assert (loop.collection, loop.variable, loop.descending) == (
        "things",
        "thing",
        True,
    )
    assert (loop.body, loop.next) == ("Body", "After")
    assert flow.not_simulated == ()


def test_unknown_trigger_type_is_listed_not_dropped(write_flow: WriteFlow) -> None:
    body = (
        "<start><object>Lead</object>"
        "<triggerType>DataCloudDataChange</triggerType></start>"
    )
    flow = load_flow(write_flow(body))
    assert flow.trigger is None
    assert [e.reason for e in flow.not_simulated] == [
        "triggerType DataCloudDataChange is not simulated"
    ]


def test_record_triggered_flow_needs_an_object(write_flow: WriteFlow) -> None:
    body = "<start><triggerType>RecordAfterSave</triggerType></start>"
    with pytest.raises(DefinitionError, match="<object> is missing") as caught:
        load_flow(write_flow(body))
    assert caught.value.place == "start"


def test_namespace_token_is_dropped(write_flow: WriteFlow) -> None:
    body = START_BEFORE_SAVE.replace(
        "<object>Lead</object>", "<object>%%%NAMESPACE%%%Program__c</object>"
    )
    flow = load_flow(write_flow(body))
    assert flow.trigger is not None and flow.trigger.object == "Program__c"
