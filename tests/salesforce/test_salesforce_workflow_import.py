"""Workflow rule files import into the model; a bad one says where and what.

Source: META-WF
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_workflow.htm
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.salesforce.model import ActionRef, CriteriaItem
from simulator.salesforce.workflow import load_workflow

WriteMetadata = Callable[..., Path]

RULE = """
<fieldUpdates>
  <fullName>Set_Hot</fullName><field>Rating</field><name>Set Hot</name>
  <literalValue>Hot</literalValue><operation>Literal</operation>
  <reevaluateOnChange>true</reevaluateOnChange>
</fieldUpdates>
<tasks>
  <fullName>Call_Lead</fullName><assignedToType>owner</assignedToType>
  <dueDateOffset>2</dueDateOffset><priority>High</priority>
  <status>Not Started</status><subject>Call the lead</subject>
</tasks>
<rules>
  <fullName>Hot%2FWarm leads</fullName>
  <actions><name>Set_Hot</name><type>FieldUpdate</type></actions>
  <active>true</active>
  <booleanFilter>{logic}</booleanFilter>
  <criteriaItems>
    <field>Lead.LeadSource</field><operation>{operation}</operation>
    <value>Web,Phone Inquiry</value>
  </criteriaItems>
  <criteriaItems>
    <field>Lead.Email</field><operation>notEqual</operation>
  </criteriaItems>
  <triggerType>onCreateOrTriggeringUpdate</triggerType>
  <workflowTimeTriggers>
    <actions><name>Call_Lead</name><type>Task</type></actions>
    <timeLength>-1</timeLength>
    <workflowTimeTriggerUnit>Days</workflowTimeTriggerUnit>
  </workflowTimeTriggers>
</rules>
"""


def rule_file(
    write_metadata: WriteMetadata,
    *,
    logic: str = "1 OR 2",
    operation: str = "equals",
    extra: str = "",
) -> Path:
    body = RULE.format(logic=logic, operation=operation) + extra
    return write_metadata("Lead.workflow-meta.xml", body, root="Workflow")


def test_rule_keeps_criteria_actions_and_time_triggers(
    write_metadata: WriteMetadata,
) -> None:
    workflow = load_workflow(rule_file(write_metadata))
    assert workflow.object == "Lead"
    (rule,) = workflow.rules
    assert rule.name == "Hot/Warm leads"  # %2F is how the file escapes "/"
    assert rule.active and rule.trigger_type == "onCreateOrTriggeringUpdate"
    assert rule.criteria == (
        CriteriaItem("Lead.LeadSource", "equals", "Web,Phone Inquiry"),
        CriteriaItem("Lead.Email", "notEqual", None),
    )
    assert rule.boolean_filter == "1 OR 2"
    assert rule.actions == (ActionRef("FieldUpdate", "Set_Hot"),)
    (trigger,) = rule.time_triggers
    assert trigger.offset_field is None  # counts from the time the rule fired
    assert (trigger.length, trigger.unit) == (-1, "Days")
    assert workflow.field_updates["Set_Hot"].reevaluate
    assert workflow.tasks["Call_Lead"].due_offset_days == 2


def test_empty_workflow_file_has_no_rules(tmp_path: Path) -> None:
    path = tmp_path / "Account.workflow-meta.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Workflow xmlns="http://soap.sforce.com/2006/04/metadata"/>\n'
    )
    workflow = load_workflow(path)
    assert (workflow.object, workflow.rules, workflow.not_simulated) == (
        "Account",
        (),
        (),
    )


def test_mdapi_suffix_names_the_object(write_metadata: WriteMetadata) -> None:
    workflow = load_workflow(write_metadata("Case.workflow", "", root="Workflow"))
    assert workflow.object == "Case"


def test_outbound_message_is_listed_as_not_simulated(
    write_metadata: WriteMetadata,
) -> None:
    extra = (
        "<outboundMessages><fullName>Notify_ERP</fullName>"
        "<endpointUrl>https://example.com</endpointUrl></outboundMessages>"
        "<gadgets><fullName>G</fullName></gadgets>"
    )
    workflow = load_workflow(rule_file(write_metadata, extra=extra))
    assert [(e.element, e.kind) for e in workflow.not_simulated] == [
        ("Notify_ERP", "outboundMessages"),
        ("gadgets", "gadgets"),
    ]


def test_unknown_criteria_operation_is_an_error(write_metadata: WriteMetadata) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_workflow(rule_file(write_metadata, operation="equalz"))
    error = caught.value
    assert error.place == "rules[name=Hot%2FWarm leads]/criteriaItems[1]/operation"
    assert error.line is not None
    assert error.expected is not None and "notEqual" in error.expected


def test_geolocation_criteria_is_listed_as_not_simulated(
    write_metadata: WriteMetadata,
) -> None:
    workflow = load_workflow(rule_file(write_metadata, operation="within"))
    assert [e.kind for e in workflow.not_simulated] == ["criteriaItems"]


def test_boolean_filter_naming_a_missing_item_is_an_error(
    write_metadata: WriteMetadata,
) -> None:
    with pytest.raises(DefinitionError, match="names condition 3, but there are 2"):
        load_workflow(rule_file(write_metadata, logic="1 AND (2 OR 3)"))


def test_rule_naming_an_undefined_action_is_an_error(
    write_metadata: WriteMetadata,
) -> None:
    path = rule_file(write_metadata)
    path.write_text(
        path.read_text().replace(
            "<name>Set_Hot</name><type>", "<name>Set_Cold</name><type>"
        )
    )
    with pytest.raises(DefinitionError, match="FieldUpdate 'Set_Cold'"):
        load_workflow(path)


def test_unknown_trigger_type_is_an_error(write_metadata: WriteMetadata) -> None:
    path = rule_file(write_metadata)
    path.write_text(path.read_text().replace("onCreateOrTriggeringUpdate", "always"))
    with pytest.raises(DefinitionError, match="unknown triggerType 'always'"):
        load_workflow(path)
