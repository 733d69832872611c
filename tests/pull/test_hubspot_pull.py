"""`revsim pull hubspot` on recorded portal answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from folders import siblings
from pulled import replay_hubspot

from simulator.model import load_model
from simulator.pull.errors import PullError
from simulator.pull.hubspot import access_token
from simulator.validate import validate_paths

NEXTFORCE = Path(__file__).resolve().parents[2] / "fixtures" / "nextforce"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return tmp_path / "model"


def test_every_flow_is_pulled_across_pages_as_get_flow_returns_it(model: Path) -> None:
    replay_hubspot("hubspot_pull.yaml", model)

    folder = model / "hubspot" / "workflows"
    assert sorted(path.name for path in folder.iterdir()) == [
        "1632405587.json",
        "1632411040.json",
        "1632420017.json",
    ]
    for flow_id, exported in (
        ("1632405587", "lead-scoring-to-mql.json"),
        ("1632411040", "demo-request-fast-track.json"),
        ("1632420017", "closed-lost-recycle.json"),
    ):
        pulled = json.loads((folder / f"{flow_id}.json").read_text())
        assert pulled == json.loads(
            (NEXTFORCE / "hubspot/workflows" / exported).read_text()
        )


def test_properties_keep_lifecycle_stage_lead_status_and_custom_ones(
    model: Path,
) -> None:
    replay_hubspot("hubspot_pull.yaml", model)

    crm = model / "hubspot" / "properties"
    names = {
        path.stem: [item["name"] for item in json.loads(path.read_text())["results"]]
        for path in crm.iterdir()
    }
    assert names == {
        "contacts": [
            "lifecyclestage",
            "hs_lead_status",
            "webinar_attended",
            "product_activated",
            "product_seats_used",
        ],
        "companies": ["lifecyclestage", "seat_limit"],
        "deals": ["loss_reason"],
    }


def test_deal_pipelines_are_written_as_the_pipelines_api_returns_them(
    model: Path,
) -> None:
    replay_hubspot("hubspot_pull.yaml", model)

    pipelines = json.loads((model / "hubspot/pipelines.json").read_text())
    (pipeline,) = pipelines["results"]
    stages = {stage["id"]: stage["metadata"] for stage in pipeline["stages"]}
    assert pipeline["id"] == "default"
    assert stages["closedwon"] == {"isClosed": "true", "probability": "1.0"}


def test_the_importer_reads_the_pulled_pipelines_and_property_options(
    model: Path,
) -> None:
    replay_hubspot("hubspot_pull.yaml", model)

    portal = load_model(model).hubspot_portal
    assert portal.stage("default", "closedwon") == portal.stage(None, "closedwon")
    won = portal.stage("default", "closedwon")
    assert won is not None and won.closed and won.probability == 1.0
    assert portal.options_of("contact", "hs_lead_status")[0] == "NEW"
    assert "evangelist" in portal.lifecycle_stages("contact")


def test_a_pulled_folder_passes_revsim_validate(model: Path) -> None:
    replay_hubspot("hubspot_pull.yaml", model)

    statuses = {
        report.path.relative_to(model).as_posix(): report.status
        for report in validate_paths([model])
    }
    assert statuses == {
        "hubspot/pipelines.json": "simulated",
        "hubspot/properties/companies.json": "simulated",
        "hubspot/properties/contacts.json": "simulated",
        "hubspot/properties/deals.json": "simulated",
        "hubspot/workflows/1632405587.json": "simulated",
        "hubspot/workflows/1632411040.json": "simulated",
        "hubspot/workflows/1632420017.json": "simulated",
    }


def test_the_rest_of_the_model_folder_is_carried_over(model: Path) -> None:
    (model / "hubspot" / "workflows").mkdir(parents=True)
    (model / "hubspot" / "workflows" / "hand-made.json").write_text("{}")
    (model / "connector.yaml").write_text("create_as: Lead\n")
    (model / "hubspot" / "forms.json").write_text('{"results": []}')

    replay_hubspot("hubspot_pull.yaml", model)

    assert (model / "connector.yaml").read_text() == "create_as: Lead\n"
    assert (model / "hubspot" / "forms.json").exists()
    assert not (model / "hubspot" / "workflows" / "hand-made.json").exists()
    assert siblings(model) == []


def test_the_summary_counts_what_was_pulled(model: Path) -> None:
    result = replay_hubspot("hubspot_pull.yaml", model)

    assert result.counts == {"workflow": 3, "property": 8, "deal pipeline": 1}
    assert ("workflow", "Lead scoring to MQL") in result.changes.added


def test_a_missing_token_is_named_before_anything_is_sent() -> None:
    with pytest.raises(PullError) as caught:
        access_token({"HUBSPOT_ACCESS_TOKEN": "  "})
    assert "HUBSPOT_ACCESS_TOKEN is not set" in caught.value.render()
    assert "automation" in caught.value.render()
