"""report.json: versioned, valid against its committed schema, the same each run."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from simulator.coverage import Coverage
from simulator.report import build_json, report_schema, write_reports
from simulator.runner import SuiteResult

Write = Callable[..., list[Path]]
SCHEMA = Path(__file__).parents[2] / "simulator/report/report.schema.json"


@pytest.fixture
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_is_the_committed_file_and_says_its_version() -> None:
    schema = report_schema()
    assert schema == json.loads(SCHEMA.read_text("utf-8"))
    assert schema["properties"]["version"] == {
        "description": "The version of this format.",
        "const": 1,
    }


def test_the_report_of_a_real_run_is_valid(
    small_suite: tuple[SuiteResult, Coverage],
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = build_json(*small_suite)
    assert data["version"] == 1
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)
    ]
    assert errors == []


def test_the_report_of_the_hand_made_suite_is_valid(
    suite: SuiteResult, coverage: Coverage, validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(build_json(suite, coverage))


def test_an_undocumented_field_fails_the_schema(
    suite: SuiteResult, coverage: Coverage, validator: jsonschema.Draft202012Validator
) -> None:
    data = build_json(suite, coverage)
    data["scenarios"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        validator.validate(data)


def test_the_file_written_is_build_json_and_never_holds_the_time(
    tmp_path: Path, small_suite: tuple[SuiteResult, Coverage]
) -> None:
    when = datetime(2026, 2, 1, 12, 30, tzinfo=UTC)
    write_reports(*small_suite, tmp_path, generated_at=when)
    text = (tmp_path / "report.json").read_text("utf-8")
    assert json.loads(text) == build_json(*small_suite)
    assert "2026-02-01" not in text


def test_summary_scenarios_and_transitions_carry_what_ci_needs(
    small_suite: tuple[SuiteResult, Coverage],
) -> None:
    data: dict[str, Any] = build_json(*small_suite)
    summary = data["summary"]
    assert summary["status"] == "fail"
    assert summary["scenarios"] == {
        "total": 2,
        "passed": 1,
        "failed": 1,
        "unreadable": 0,
    }
    assert summary["coverage"]["elements"] == {
        "reached": 6,
        "total": 8,
        "percent": 75.0,
    }
    assert summary["coverage"]["mappings"]["percent"] is None
    failing = data["scenarios"][1]
    assert failing["status"] == "fail"
    (failure,) = failing["failures"]
    assert (failure["file"], failure["line"]) == (
        "scenarios/subscriber-made-customer.yaml",
        22,
    )
    moves = {(t["from"], t["to"]): t["status"] for t in data["transitions"]}
    assert moves[(None, "lead")] == "exercised"
    assert moves[("subscriber", "customer")] == "undeclared"
