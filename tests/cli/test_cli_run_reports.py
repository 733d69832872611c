"""What CI publishes when input could not be read: never an earlier green run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_helpers import BUNDLED_MODEL, BUNDLED_SCENARIOS, PRICING, Invoke, write

from simulator.errors import ExitCode

MODEL = ("--model", str(BUNDLED_MODEL), "--reports", "reports")
DANGLING = """\
name: a check on a record that is not there
records:
  - {alias: ada, hubspot: contact}
expect:
  - {record: bob, field: lifecyclestage, equals: lead}
"""


def test_an_unreadable_scenario_is_an_error_in_every_report(revsim: Invoke) -> None:
    write("bad.yaml", DANGLING)

    result = revsim("run", "bad.yaml", str(BUNDLED_SCENARIOS / PRICING), *MODEL)

    assert result.exit_code == ExitCode.INPUT_ERROR
    junit = Path("reports/junit.xml").read_text()
    assert 'tests="2" failures="0" errors="1"' in junit
    assert "bad.yaml:5 (expect[0].record): no record has the alias 'bob'" in junit
    summary = Path("reports/summary.md").read_text()
    assert summary.startswith("## revsim: 1 passed, 0 failed, 1 could not be read")
    assert "The suite failed" in summary
    report = json.loads(Path("reports/report.json").read_text())
    assert report["summary"]["status"] == "fail"
    assert report["summary"]["scenarios"]["unreadable"] == 1
    assert report["unreadable"][0]["file"] == "bad.yaml"
    assert "1 could not be read" in Path("reports/index.html").read_text()


def test_a_model_that_cannot_be_read_replaces_the_last_report(
    revsim: Invoke,
) -> None:
    assert revsim("run", str(BUNDLED_SCENARIOS / PRICING), *MODEL).exit_code == 0
    shutil.copytree(BUNDLED_MODEL, "model")
    write("model/hubspot/workflows/broken.json", '{"name": "x", "actions": [\n')

    result = revsim("run", "--model", "model", "--reports", "reports")

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "model/hubspot/workflows/broken.json:2: not valid JSON" in result.stderr
    assert "revsim validate model lists every file" in result.stderr
    junit = Path("reports/junit.xml").read_text()
    assert 'tests="1" failures="0" errors="1"' in junit
    assert "broken.json:2: not valid JSON" in junit
    summary = Path("reports/summary.md").read_text()
    assert summary.startswith("## revsim: the model could not be read")
    assert "could not be read" in Path("reports/index.html").read_text()
    assert not Path("reports/report.json").exists()


def test_a_coverage_figure_below_its_threshold_fails_the_report_too(
    revsim: Invoke,
) -> None:
    result = revsim(
        "run", str(BUNDLED_SCENARIOS / PRICING), *MODEL, "--fail-under", "50"
    )

    assert result.exit_code == ExitCode.COVERAGE_BELOW_THRESHOLD
    summary = Path("reports/summary.md").read_text()
    assert "coverage fell short" in summary
    assert "- coverage of elements is 11.8%, below --fail-under 50" in summary
    report = json.loads(Path("reports/report.json").read_text())
    assert report["summary"]["status"] == "fail"
    assert report["summary"]["shortfalls"][0] == (
        "coverage of elements is 11.8%, below --fail-under 50"
    )
    assert "Below the coverage threshold" in Path("reports/index.html").read_text()
