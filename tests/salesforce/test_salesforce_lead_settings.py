"""Lead conversion settings from settings/*.settings-meta.xml.

LeadConvertSettings:
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconvertsettings.htm
LeadConfigSettings:
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconfigsettings.htm
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.salesforce.lead_settings import (
    LeadConfigSettings,
    LeadConvertSettings,
    load_settings,
)
from simulator.salesforce.sfdx import load_salesforce_file

NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / "settings" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}', "utf-8")
    return path


def test_lead_convert_settings_keep_each_target_objects_field_pairs(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        "LeadConvert.settings-meta.xml",
        f"<LeadConvertSettings {NS}><objectMapping><inputObject>Lead</inputObject>"
        "<mappingFields><inputField>Region__c</inputField>"
        "<outputField>Region__c</outputField></mappingFields>"
        "<mappingFields><inputField>Tier__c</inputField>"
        "<outputField>Level__c</outputField></mappingFields>"
        "<outputObject>Contact</outputObject></objectMapping>"
        "<opportunityCreationOptions>NotVisible</opportunityCreationOptions>"
        "</LeadConvertSettings>",
    )
    settings = load_salesforce_file(path)
    assert isinstance(settings, LeadConvertSettings)
    assert settings.mappings == {
        "Contact": (("Region__c", "Region__c"), ("Tier__c", "Level__c"))
    }
    assert settings.creates_opportunity is False


def test_lead_config_settings_say_whether_validation_runs(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "LeadConfig.settings",
        f"<LeadConfigSettings {NS}><shouldLeadConvertRequireValidation>true"
        "</shouldLeadConvertRequireValidation></LeadConfigSettings>",
    )
    settings = load_settings(path)
    assert isinstance(settings, LeadConfigSettings)
    assert settings.requires_validation is True


def test_other_settings_files_are_not_definitions(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Account.settings-meta.xml",
        f"<AccountSettings {NS}><enableAccountTeams>true</enableAccountTeams>"
        "</AccountSettings>",
    )
    assert load_salesforce_file(path) is None


def test_a_mapping_to_another_object_is_an_error(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "LeadConvert.settings-meta.xml",
        f"<LeadConvertSettings {NS}><objectMapping><inputObject>Lead</inputObject>"
        "<outputObject>Case</outputObject></objectMapping></LeadConvertSettings>",
    )
    with pytest.raises(DefinitionError, match="Account, Contact or Opportunity"):
        load_settings(path)
