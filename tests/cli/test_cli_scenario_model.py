"""A scenario may run on a model folder of its own: a variant of the suite's."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import BUNDLED_MODEL, BUNDLED_SCENARIOS, PRICING, Invoke, write

from simulator.errors import ExitCode
from simulator.model import load_model
from simulator.runner import run_suite
from simulator.scenario.loader import load_scenario

LOOP = BUNDLED_SCENARIOS / "sync-loop-lead-source-found.yaml"
MODEL = ("--model", str(BUNDLED_MODEL), "--reports", "reports")


def test_a_scenario_runs_on_the_model_folder_it_names_beside_itself() -> None:
    scenario = load_scenario(LOOP)
    suite_model = load_model(BUNDLED_MODEL)

    suite = run_suite(
        suite_model, [scenario, load_scenario(BUNDLED_SCENARIOS / PRICING)]
    )

    loop, pricing = suite.results
    assert Path(scenario.model or "").name == "sync-loop-lead-source"
    assert loop.passed and loop.simulation.model is not suite_model
    # Its run counts as passed, not in the suite model's coverage.
    assert suite.passed == 2
    assert suite.measured() == [pricing]


def test_a_model_folder_that_does_not_load_fails_that_scenario_only(
    revsim: Invoke,
) -> None:
    write("variant/hubspot/workflows/broken.json", '{"name": "x", "actions": [\n')
    write(
        "variant-scenario.yaml",
        """\
        name: runs on a broken variant
        model: variant
        records:
          - {alias: ada, hubspot: contact}
        """,
    )

    result = revsim(
        "run", "variant-scenario.yaml", str(BUNDLED_SCENARIOS / PRICING), *MODEL
    )

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "error: variant-scenario.yaml: variant/hubspot/workflows/broken.json:2" in (
        result.stderr
    )
    assert "1 passed, 0 failed, 1 could not be read" in result.stdout
