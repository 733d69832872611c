"""`revsim fuzz` through click's runner: what it prints, what it writes, its exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fuzz_paths import MUTANTS, NEXTFORCE

from simulator.cli import main
from simulator.errors import ExitCode

NO_DEFAULT = MUTANTS / "rating-decision-no-default"


@pytest.fixture
def revsim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return invoke


def test_a_falsified_invariant_is_printed_written_and_exits_1(revsim) -> None:  # type: ignore[no-untyped-def]
    result = revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "30")

    assert result.exit_code == ExitCode.SCENARIOS_FAILED, result.output
    out = result.output
    assert "FALSIFIED  a lead under 50 points, or with no score, is rated Cold" in out
    written = Path(
        "reports/fuzz/rating-decision-no-default-a-lead-under-50-points-or-with-no-"
        "score-is-rated-cold.yaml"
    )
    assert written.is_file()
    assert f"    revsim run {written} --model {NO_DEFAULT}" in out
    assert f"    revsim fuzz --seed 0 --examples 30 --model {NO_DEFAULT}" in out
    assert "held       automation never moves a lifecycle stage backward" in out
    assert "journeys/s" in out


def test_the_written_scenario_fails_under_revsim_run(revsim) -> None:  # type: ignore[no-untyped-def]
    revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "30")
    [written] = Path("reports/fuzz").glob("*-rated-cold.yaml")

    on_mutant = revsim("run", str(written), "--model", str(NO_DEFAULT))
    on_nextforce = revsim("run", str(written), "--model", str(NEXTFORCE))

    assert on_mutant.exit_code == ExitCode.SCENARIOS_FAILED
    assert "cy.Rating at 0s equals 'Cold'" in on_mutant.output
    assert on_nextforce.exit_code == ExitCode.OK, on_nextforce.output


def test_a_fault_only_the_findings_show_is_not_promised_to_fail(revsim) -> None:  # type: ignore[no-untyped-def]
    """Without its declaration, the deal "Expansion signal" creates with no close
    date is a sync error no scenario check can show: the file says to read the
    findings instead of promising a failure."""
    declared = (NEXTFORCE / "invariants.yaml").read_text(encoding="utf-8")
    undeclared = Path("invariants.yaml")
    undeclared.write_text(
        declared.replace("message: required field CloseDate", "message: no such"),
        encoding="utf-8",
    )

    revsim("fuzz", "--model", str(NEXTFORCE), "--invariants", str(undeclared))
    [written] = Path("reports/fuzz").glob("*-or-sync-error-*.yaml")

    text = written.read_text(encoding="utf-8")
    assert "# No check can show the fault" in text
    assert "It fails under `revsim run`" not in text
    assert revsim("run", str(written), "--model", str(NEXTFORCE)).exit_code == 0


def test_a_failure_found_once_is_found_again_at_once(revsim) -> None:  # type: ignore[no-untyped-def]
    revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "30")
    [kept] = Path(".revsim/examples").glob("rating-decision-no-default-*.json")

    again = revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "1", "--seed", "9")

    assert "FALSIFIED  a lead under 50 points" in again.output
    assert kept.is_file()


def test_no_database_keeps_nothing(revsim) -> None:  # type: ignore[no-untyped-def]
    revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "30", "--no-database")

    assert not Path(".revsim").exists()


def test_a_clean_run_lists_what_held_and_what_was_reached(revsim) -> None:  # type: ignore[no-untyped-def]
    result = revsim("fuzz", "--model", str(NO_DEFAULT), "--examples", "1")

    assert "reached" in result.output
    assert "never reached (dead, or no journey got there):" in result.output


@pytest.mark.parametrize("value", ["soon", "5x", "-3"])
def test_max_time_must_be_a_time(revsim, value: str) -> None:  # type: ignore[no-untyped-def]
    result = revsim("fuzz", "--max-time", value)

    assert result.exit_code == ExitCode.USAGE_ERROR
    assert f"{value!r} is not a time" in result.output


def test_a_model_folder_that_does_not_exist_is_an_input_error(revsim) -> None:  # type: ignore[no-untyped-def]
    result = revsim("fuzz", "--model", "nowhere")

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "the model folder does not exist" in result.output
