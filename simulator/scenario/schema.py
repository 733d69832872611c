"""The JSON Schema of scenario files, for editors; regenerate it with ``python -m``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.scenario.document import ScenarioDocument

SCHEMA_PATH = Path(__file__).with_name("scenario.schema.json")
SCHEMA_ID = "https://revsim.dev/schema/scenario.schema.json"


def scenario_json_schema() -> dict[str, Any]:
    """The schema of a scenario file as the user writes it, with help on each key."""
    schema = ScenarioDocument.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def render_schema() -> str:
    """The schema as it is committed: two-space JSON, keys in a stable order."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(render_schema(), encoding="utf-8")


if __name__ == "__main__":
    write_schema()
