"""The account's own files: time zone, deal pipelines, property options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.hubspot.portal import (
    DEFAULT_DEAL_PIPELINE,
    DEFAULT_TIME_ZONE,
    LIFECYCLE_STAGES,
    Portal,
    add_portal_file,
)
from simulator.model import load_model


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def test_without_files_the_portal_has_hubspots_defaults() -> None:
    # "If your HubSpot account does not have a set timezone, the workflow's
    # timing settings will default to EST" (knowledge.hubspot.com/workflows/
    # manage-workflow-settings); the default pipeline and lifecycle stages.
    portal = Portal()
    assert portal.time_zone == DEFAULT_TIME_ZONE == "America/New_York"
    assert portal.pipelines == {"default": DEFAULT_DEAL_PIPELINE}
    won = portal.stage(None, "closedwon")
    assert won and won.won and won.probability == 1.0
    lost = portal.stage("default", "closedlost")
    assert lost and lost.closed and not lost.won
    assert portal.lifecycle_stages() == LIFECYCLE_STAGES


def test_account_json_gives_the_time_zone(tmp_path: Path) -> None:
    # GET /account-info/v3/details: {"portalId", "timeZone", "companyCurrency", …}
    portal = Portal()
    path = write(
        tmp_path,
        "account.json",
        {"portalId": 62515, "timeZone": "Europe/Dublin", "companyCurrency": "EUR"},
    )
    assert add_portal_file(portal, path)
    assert portal.time_zone == "Europe/Dublin"


def test_an_unknown_time_zone_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "account.json", {"timeZone": "Mars/Olympus"})
    with pytest.raises(DefinitionError) as caught:
        add_portal_file(Portal(), path)
    assert caught.value.place == "timeZone"
    assert "'Mars/Olympus' is not a time zone" in caught.value.message


def test_pipelines_json_reads_stage_probabilities_written_as_text(
    tmp_path: Path,
) -> None:
    # GET /crm/v3/pipelines/deals: metadata values are strings.
    path = write(
        tmp_path,
        "pipelines.json",
        {
            "results": [
                {
                    "id": "renewals",
                    "label": "Renewals",
                    "stages": [
                        {
                            "id": "due",
                            "label": "Due",
                            "metadata": {"probability": "0.5"},
                        },
                        {
                            "id": "renewed",
                            "label": "Renewed",
                            "metadata": {"probability": "1.0", "isClosed": "true"},
                        },
                    ],
                }
            ]
        },
    )
    portal = Portal()
    add_portal_file(portal, path)
    assert list(portal.pipelines) == ["renewals"]
    due, renewed = portal.pipelines["renewals"].stages
    assert (due.probability, due.closed) == (0.5, False)
    assert renewed.won


def test_a_probability_outside_0_to_1_is_an_error_at_its_json_path(
    tmp_path: Path,
) -> None:
    stage = {"id": "x", "metadata": {"probability": "40"}}
    path = write(
        tmp_path, "pipelines.json", {"results": [{"id": "p", "stages": [stage]}]}
    )
    with pytest.raises(DefinitionError) as caught:
        add_portal_file(Portal(), path)
    assert caught.value.place == "results[0].stages[0].metadata.probability"


def test_property_options_are_read_in_display_order(tmp_path: Path) -> None:
    # GET /crm/v3/properties/contacts: options with displayOrder.
    options = [
        {"label": "Open", "value": "OPEN", "displayOrder": 1},
        {"label": "New", "value": "NEW", "displayOrder": 0},
    ]
    path = write(
        tmp_path,
        "properties/contacts.json",
        {"results": [{"name": "hs_lead_status", "options": options}]},
    )
    portal = Portal()
    add_portal_file(portal, path)
    assert portal.options[("contact", "hs_lead_status")] == ("NEW", "OPEN")


def test_portal_files_in_a_model_folder_are_not_taken_for_workflows(
    tmp_path: Path,
) -> None:
    write(tmp_path, "hubspot/account.json", {"timeZone": "Europe/Berlin"})
    write(tmp_path, "hubspot/pipelines.json", {"results": [{"id": "p", "stages": []}]})
    model = load_model(tmp_path)
    assert model.hubspot_portal.time_zone == "Europe/Berlin"
    assert list(model.hubspot_portal.pipelines) == ["p"]
    assert model.hubspot_workflows == []
