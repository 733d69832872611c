"""Picklists, validation rules and the suffix dispatch of an SFDX tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.salesforce.model import Picklist, ValidationRule
from simulator.salesforce.picklist import load_field, load_standard_value_set
from simulator.salesforce.sfdx import SALESFORCE_SUFFIXES, load_salesforce_file
from simulator.salesforce.validation_rule import load_validation_rule

WriteMetadata = Callable[..., Path]

FIELD = """
<fullName>Persona__c</fullName><label>Persona</label><type>{type}</type>
<valueSet>
  <restricted>true</restricted>
  <valueSetDefinition>
    <sorted>false</sorted>
    <value><fullName>Ops</fullName><default>false</default><label>Ops</label></value>
    <value><fullName>Founder</fullName><default>true</default><label>Founder</label></value>
    <value><fullName>Old</fullName><default>false</default><label>Old</label>
      <isActive>false</isActive></value>
  </valueSetDefinition>
</valueSet>
"""


def field_file(write_metadata: WriteMetadata, field_type: str = "Picklist") -> Path:
    return write_metadata(
        "objects/Contact/fields/Persona__c.field-meta.xml",
        FIELD.format(type=field_type),
        root="CustomField",
    )


def test_picklist_field_keeps_values_in_order(write_metadata: WriteMetadata) -> None:
    picklist = load_field(field_file(write_metadata))
    assert picklist is not None
    assert (picklist.object, picklist.field) == ("Contact", "Persona__c")
    assert picklist.values == ("Ops", "Founder")  # an inactive value can't be chosen
    assert picklist.restricted and picklist.default == "Founder"
    assert not picklist.multi_select


def test_multi_select_picklist_is_marked(write_metadata: WriteMetadata) -> None:
    picklist = load_field(field_file(write_metadata, "MultiselectPicklist"))
    assert picklist is not None and picklist.multi_select


def test_field_that_is_no_picklist_gives_none(write_metadata: WriteMetadata) -> None:
    path = write_metadata(
        "objects/Lead/fields/Score__c.field-meta.xml",
        "<fullName>Score__c</fullName><type>Number</type>",
        root="CustomField",
    )
    assert load_field(path) is None


def test_global_value_set_is_named(write_metadata: WriteMetadata) -> None:
    path = write_metadata(
        "objects/Lead/fields/Region__c.field-meta.xml",
        "<fullName>Region__c</fullName><type>Picklist</type>"
        "<valueSet><valueSetName>Regions</valueSetName></valueSet>",
        root="CustomField",
    )
    picklist = load_field(path)
    assert picklist is not None
    assert (picklist.values, picklist.value_set_name) == ((), "Regions")


def test_lead_source_value_set_is_the_lead_field(write_metadata: WriteMetadata) -> None:
    path = write_metadata(
        "standardValueSets/LeadSource.standardValueSet-meta.xml",
        "<sorted>true</sorted><standardValue><fullName>Web</fullName>"
        "<default>false</default><label>Web</label></standardValue>",
        root="StandardValueSet",
    )
    picklist = load_standard_value_set(path)
    assert isinstance(picklist, Picklist)
    assert (picklist.object, picklist.field, picklist.values) == (
        "Lead",
        "LeadSource",
        ("Web",),
    )
    assert picklist.default is None


def test_unknown_standard_value_set_gives_none(write_metadata: WriteMetadata) -> None:
    path = write_metadata(
        "standardValueSets/QuickTextCategory.standardValueSet-meta.xml",
        "",
        root="StandardValueSet",
    )
    assert load_standard_value_set(path) is None


RULE = """
<fullName>Amount_Required</fullName><active>true</active>
<errorConditionFormula>ISBLANK(Amount)</errorConditionFormula>
<errorDisplayField>Amount</errorDisplayField>
<errorMessage>Enter an amount.</errorMessage>
"""


def test_validation_rule_object_comes_from_its_folder(
    write_metadata: WriteMetadata,
) -> None:
    path = write_metadata(
        "objects/Opportunity/validationRules/Amount_Required.validationRule-meta.xml",
        RULE,
        root="ValidationRule",
    )
    assert load_validation_rule(path) == ValidationRule(
        "Opportunity",
        "Amount_Required",
        str(path),
        True,
        "ISBLANK(Amount)",
        "Enter an amount.",
        "Amount",
    )


def test_validation_rule_outside_its_folder_is_an_error(
    write_metadata: WriteMetadata,
) -> None:
    path = write_metadata("Amount.validationRule-meta.xml", RULE, root="ValidationRule")
    with pytest.raises(DefinitionError, match="cannot tell the object") as caught:
        load_validation_rule(path)
    assert caught.value.expected == (
        "objects/<Object>/validationRules/Amount.validationRule-meta.xml"
    )


def test_validation_rule_needs_a_formula(write_metadata: WriteMetadata) -> None:
    path = write_metadata(
        "objects/Lead/validationRules/Empty.validationRule-meta.xml",
        "<active>true</active>",
        root="ValidationRule",
    )
    with pytest.raises(DefinitionError, match="<errorConditionFormula> is missing"):
        load_validation_rule(path)


@pytest.mark.parametrize("name", ["README.md", "Lead.object-meta.xml"])
def test_other_files_are_not_definitions(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("not xml at all")
    assert load_salesforce_file(path) is None


def test_the_suffixes_read() -> None:
    assert set(SALESFORCE_SUFFIXES) == {
        ".flow-meta.xml",
        ".flow",
        ".workflow-meta.xml",
        ".workflow",
        ".validationRule-meta.xml",
        ".field-meta.xml",
        ".standardValueSet-meta.xml",
        ".flowtest-meta.xml",
        ".flowtest",
        ".settings-meta.xml",
        ".settings",
    }
