"""`revsim pull salesforce` on recorded org answers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from folders import siblings
from pulled import SFDX, replay_salesforce

from simulator.model import load_model
from simulator.pull.errors import PullError
from simulator.pull.retry import RetryPolicy
from simulator.pull.salesforce import connect
from simulator.validate import validate_paths

NEXTFORCE = Path(__file__).resolve().parents[2] / "fixtures" / "nextforce"


@pytest.fixture(scope="module")
def pulled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    model = tmp_path_factory.mktemp("org") / "model"
    replay_salesforce("salesforce_pull.yaml", model)
    return model


def _comparable(value: object) -> object:
    """A definition as plain data, without the file it was read from."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: _comparable(getattr(value, item.name))
            for item in dataclasses.fields(value)
            if item.name not in ("file", "line")
        }
    if isinstance(value, list | tuple):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value


def test_pulled_definitions_import_as_the_retrieved_ones_do(pulled: Path) -> None:
    mine = load_model(pulled)
    retrieved = load_model(NEXTFORCE / "salesforce")
    # The recording predates the model's later flows and the Contact workflow:
    # each definition it holds imports as the model's own does.
    flows = {flow.api_name for flow in mine.flows}
    objects = {file.object for file in mine.workflow_files}

    assert _comparable(mine.flows) == _comparable(
        [flow for flow in retrieved.flows if flow.api_name in flows]
    )
    assert _comparable(mine.validation_rules) == _comparable(retrieved.validation_rules)
    assert _comparable(mine.workflow_files) == _comparable(
        [file for file in retrieved.workflow_files if file.object in objects]
    )
    assert mine.field_types == retrieved.field_types
    for key, picklist in retrieved.picklists.items():
        assert _comparable(mine.picklists[key]) == _comparable(picklist)


def test_only_active_record_triggered_flows_are_written(pulled: Path) -> None:
    flows = sorted(path.name for path in (pulled / SFDX / "flows").iterdir())
    assert flows == [
        "Lead_After_Save_First_Touch_Task.flow-meta.xml",
        "Lead_Before_Save_Rating.flow-meta.xml",
        "Opportunity_After_Save_Closed_Won.flow-meta.xml",
        "Opportunity_Before_Save_Stage_Defaults.flow-meta.xml",
    ]


def test_standard_picklists_become_standard_value_sets(pulled: Path) -> None:
    picklists = load_model(pulled).picklists
    assert picklists[("Lead", "Status")].default == "Open - Not Contacted"
    assert "Closed Won" in picklists[("Opportunity", "StageName")].values
    assert picklists[("Lead", "Lifecycle_Stage__c")].restricted


def test_a_pulled_folder_passes_revsim_validate(pulled: Path) -> None:
    statuses = {report.path.name: report.status for report in validate_paths([pulled])}
    assert "error" not in statuses.values()
    assert "Lead.workflow-meta.xml" in statuses
    assert len(statuses) == 17


def test_what_is_not_written_is_said(tmp_path: Path) -> None:
    result = replay_salesforce("salesforce_pull.yaml", tmp_path / "model")

    assert result.skipped == [
        "Contact fields revsim does not read: LeadSource (standard picklist)",
        "Lead fields revsim does not read: Rating (standard picklist), "
        "Partner_Account__c (reference)",
    ]
    assert result.counts == {
        "record-triggered flow": 4,
        "workflow rule": 1,
        "validation rule": 2,
        "described object": 4,
    }


def test_a_username_and_password_log_in_first(tmp_path: Path) -> None:
    environ = {
        "SF_USERNAME": "admin@nextforce.example",
        "SF_PASSWORD": "test-password",
        "SF_SECURITY_TOKEN": "",
    }
    result = replay_salesforce(
        "salesforce_login.yaml", tmp_path / "model", environ=environ
    )

    assert result.counts["record-triggered flow"] == 0
    assert siblings(tmp_path / "model") == []


def test_missing_credentials_name_the_variables() -> None:
    with pytest.raises(PullError) as caught:
        connect({"SF_USERNAME": "admin@nextforce.example"}, RetryPolicy())
    message = caught.value.render()
    assert "no Salesforce credentials" in message
    assert "SF_INSTANCE_URL and SF_SESSION_ID" in message
