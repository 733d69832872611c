"""The committed JSON Schema is current, and says yes and no where the loader does."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from scenario_texts import EXAMPLES, documented_example

from simulator.duration import parse_duration
from simulator.scenario.model import ALIAS_PATTERN, DURATION_PATTERN
from simulator.scenario.schema import SCHEMA_PATH, render_schema, scenario_json_schema

SCENARIOS = Path(__file__).parents[2] / "scenarios"
VALIDATOR = Draft202012Validator(scenario_json_schema())


def as_json(data: Any) -> Any:
    """YAML data as an editor hands it to the schema: dates and times as text."""
    if isinstance(data, dict):
        return {str(key): as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(item) for item in data]
    if isinstance(data, date):
        return data.isoformat()
    return data


def schema_errors(text: str) -> list[str]:
    data = as_json(yaml.safe_load(text))
    return [error.message for error in VALIDATOR.iter_errors(data)]


def scenario_files() -> list[Path]:
    found = sorted(EXAMPLES.glob("*.yaml"))
    if SCENARIOS.is_dir():
        found += sorted(SCENARIOS.rglob("*.y*ml"))
    return found


def test_the_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "regenerate it: python -m simulator.scenario.schema"
    )


def test_the_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text()))


@pytest.mark.parametrize(
    "path", scenario_files(), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_every_scenario_file_validates_against_the_schema(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


def test_the_documented_example_validates_against_the_schema() -> None:
    assert schema_errors(documented_example()) == []


RECORD = "name: t\nrecords:\n  - alias: ada\n"
BASE = RECORD + "    hubspot: contact\n"
EVENT = BASE + "journey:\n  - at: 1h\n"
CHECK = BASE + "expect:\n  - record: ada\n"


@pytest.mark.parametrize(
    "text",
    [
        BASE + "colour: red\n",
        BASE + "until: 5\n",
        BASE + "until: 15 minutes\n",
        BASE + "seed: seven\n",
        BASE + "    salesforce: Lead\n",
        RECORD,
        RECORD + "    salesforce: lead\n",
        "name: t\nrecords:\n  - alias: big deal\n    hubspot: deal\n",
        "name: t\nrecords: []\n",
        EVENT,
        EVENT + "    wait: {}\n    edit: {record: ada, fields: {x: 1}}\n",
        EVENT + "    page_view: {record: ada}\n",
        EVENT + "    edit: {record: ada, fields: {}}\n",
        CHECK,
        CHECK + "    action: email\n    count: two\n",
        CHECK + "    field: x\n    equals: 1\n    sequence: [1]\n",
        CHECK + "    equals: 1\n",
    ],
)
def test_what_the_loader_refuses_for_its_shape_the_schema_refuses(text: str) -> None:
    assert schema_errors(text) != []


@pytest.mark.parametrize(
    "text",
    ["0m", "15m", "1.5h", " 3d ", "2w", "30s", "15", "m", "15 minutes", "-1d", "1y"],
)
def test_the_schema_reads_durations_as_the_loader_does(text: str) -> None:
    try:
        parse_duration(text)
        parsed = True
    except ValueError:
        parsed = False
    assert (re.search(DURATION_PATTERN, text) is not None) == parsed


@pytest.mark.parametrize(
    "alias", ["ada", "big-deal", "r_2", "9lives", "big deal", "-x", ""]
)
def test_the_schema_reads_aliases_as_the_loader_does(alias: str) -> None:
    text = f"name: t\nrecords:\n  - alias: {json.dumps(alias)}\n    hubspot: contact\n"
    assert (schema_errors(text) == []) == (
        re.fullmatch(ALIAS_PATTERN, alias) is not None
    )


def test_every_key_in_the_schema_has_help_for_editors() -> None:
    schema = scenario_json_schema()
    models = [schema, *schema["$defs"].values()]
    undocumented = [
        f"{model['title']}.{key}"
        for model in models
        for key, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undocumented == []
