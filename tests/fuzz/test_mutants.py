"""Each planted fault is found with the default budget, and the correct model is not.

The scenario the fuzzer writes for a fault fails under the runner on the
mutant and passes on NextForce, where the fault is repaired.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_paths import CAUGHT_BY, MUTANTS, NEXTFORCE

from simulator.fuzz import fuzz_model
from simulator.model import AutomationModel
from simulator.runner import run_scenario
from simulator.scenario.loader import load_scenario


@pytest.mark.parametrize("mutant", sorted(CAUGHT_BY))
def test_the_fuzzer_finds_each_planted_fault_with_its_default_budget(
    mutant: str, tmp_path: Path, nextforce: AutomationModel
) -> None:
    invariant, _ = CAUGHT_BY[mutant]

    result = fuzz_model(MUTANTS / mutant, reports=tmp_path)

    found = {found.falsified.key: found for found in result.falsified}
    assert invariant in found, result.render()
    written = found[invariant].reproduction
    assert written.reproduces, f"{written.path}: {written.how}"
    repaired = run_scenario(nextforce, load_scenario(written.path))
    assert repaired.passed, "\n".join(f.render() for f in repaired.failures)


def test_the_correct_model_keeps_every_invariant_with_the_default_budget(
    tmp_path: Path,
) -> None:
    result = fuzz_model(NEXTFORCE, reports=tmp_path)

    assert result.ok, result.render()
    assert not list(tmp_path.iterdir())


def test_the_fuzzer_finds_the_lead_source_sync_loop(tmp_path: Path) -> None:
    """The connector's own mutant: a two-way mapping and a workflow that undo the
    rating flow's clean-up of lead source, through the sync, for ever."""
    mutant = MUTANTS / "sync-loop-lead-source"

    result = fuzz_model(
        mutant, reports=tmp_path, invariants=NEXTFORCE / "invariants.yaml"
    )

    found = {found.falsified.key: found for found in result.falsified}
    assert "lead_source ↔ LeadSource" in found["loop"].falsified.violations[0].message
    assert found["loop"].reproduction.reproduces


@pytest.mark.parametrize("mutant", sorted(CAUGHT_BY))
def test_each_mutant_holds_its_mistake_in_the_files_its_readme_line_names(
    mutant: str,
) -> None:
    _, files = CAUGHT_BY[mutant]
    for relative in files:
        changed = MUTANTS / mutant / relative
        original = NEXTFORCE / relative
        assert changed.is_file()
        assert not original.is_file() or changed.read_bytes() != original.read_bytes()
    readme = (MUTANTS / "README.md").read_text(encoding="utf-8")
    assert f"| `{mutant}` |" in readme


def test_every_mutant_of_the_readme_is_tested() -> None:
    readme = (MUTANTS / "README.md").read_text(encoding="utf-8")
    listed = {
        line.split("`")[1] for line in readme.splitlines() if line.startswith("| `")
    }
    assert listed == set(CAUGHT_BY) | {"sync-loop-lead-source"}
