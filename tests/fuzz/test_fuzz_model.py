"""fuzz_model from a user's own tests: one seed, one result, and what was reached."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fuzz_paths import MUTANTS, NEXTFORCE

from simulator.engine.settings import EngineSettings
from simulator.fuzz import fuzz_model
from simulator.fuzz.journey import Journey, PlannedRecord, Step, to_scenario
from simulator.fuzz.observe import Runner, run_journey
from simulator.fuzz.search import _Session
from simulator.fuzz.settings import seconds as fuzz_seconds
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import load_model


def test_assert_holds_raises_with_the_report_when_an_invariant_fails(
    tmp_path: Path,
) -> None:
    result = fuzz_model(MUTANTS / "stale-after-three-hours", reports=tmp_path)

    with pytest.raises(AssertionError) as raised:
        result.assert_holds()

    report = str(raised.value)
    assert "FALSIFIED  a lead is never flagged stale before it is three days old" in (
        report
    )
    assert "revsim fuzz --seed 0 --model" in report


def test_one_seed_gives_one_result(tmp_path: Path) -> None:
    mutant = MUTANTS / "recycle-without-stage-filter"

    first = fuzz_model(mutant, reports=tmp_path / "a", examples=150)
    again = fuzz_model(mutant, reports=tmp_path / "b", examples=150)
    other = fuzz_model(mutant, reports=tmp_path / "c", examples=150, seed=1)

    assert [f.falsified.journey for f in first.falsified] == [
        f.falsified.journey for f in again.falsified
    ]
    assert first.search.examined == again.search.examined
    assert (
        first.render().replace("/a/", "/b/").splitlines()[:-1]
        == (again.render().splitlines()[:-1])
    )
    assert [f.falsified.journey for f in other.falsified] != [
        f.falsified.journey for f in first.falsified
    ]


def test_a_trigger_that_can_never_fire_is_reported_dead(tmp_path: Path) -> None:
    result = fuzz_model(MUTANTS / "mql-trigger-never-fires", reports=tmp_path)

    dead = {(c.name, c.label): c for c in result.dead}
    trigger = dead[("Lead scoring to MQL", "enrolment trigger")]
    assert {49, 50, 51} <= set(trigger.tried["hubspotscore"])
    assert {"subscriber", "lead"} <= set(trigger.tried["lifecyclestage"])
    correct = fuzz_model(NEXTFORCE, reports=tmp_path, examples=100)
    assert ("Lead scoring to MQL", "enrolment trigger") not in {
        (c.name, c.label) for c in correct.dead
    }


def test_reached_conditions_show_the_values_they_were_reached_with(
    tmp_path: Path,
) -> None:
    result = fuzz_model(MUTANTS / "rating-bands-out-of-order", reports=tmp_path)

    reached = {(c.name, c.label): c for c in result.reached}
    warm = reached[("Lead | Before Save | Rating", "Score Band: Warm")]
    hot = reached[("Lead | Before Save | Rating", "Score Band: Hot")]
    # The Warm band (score >= 50) is tested first, so it takes the hot leads
    # (score >= 80) too, and Hot is never reached.
    assert any(score >= 80 for score in warm.values["HubSpot_Score__c"])
    assert hot.dead


def test_max_time_stops_the_search_early(tmp_path: Path) -> None:
    result = fuzz_model(NEXTFORCE, reports=tmp_path, max_time=0)

    assert result.search.examined <= 1


@pytest.mark.parametrize(
    ("given", "seconds"), [(90, 90.0), ("90", 90.0), ("5m", 300.0)]
)
def test_max_time_reads_seconds_or_a_duration_as_the_command_does(
    given: float | str, seconds: float
) -> None:
    assert fuzz_seconds(given) == seconds


def test_a_max_time_that_is_no_time_says_how_to_write_one() -> None:
    with pytest.raises(ValueError, match="'soon' is not a time: write seconds"):
        fuzz_seconds("soon")


def test_max_time_stops_hypothesis_drawing_not_only_the_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the time is spent no more journeys are drawn: a budget of 10,000
    examples must not go on generating journeys it no longer runs."""
    asked = itertools.count()
    monkeypatch.setattr(_Session, "out_of_time", lambda self: next(asked) >= 5)

    result = fuzz_model(NEXTFORCE, reports=tmp_path, examples=10_000, max_time=1)

    assert result.search.examined == 5
    assert next(asked) <= 8  # five runs, the one that stopped, Hypothesis's replay


def test_the_shared_runner_meets_the_same_people_as_revsim_run() -> None:
    model = load_model(NEXTFORCE)
    conditions = read_vocabulary(model).conditions
    journey = Journey(
        (
            PlannedRecord("ada", "hubspot", "contact", (("hubspotscore", 55),)),
            PlannedRecord("cy", "salesforce", "Lead"),
        ),
        (
            Step(
                Journey(
                    (),
                ).tail,
                "form_submission",
                "ada",
                detail="demo-request",
            ),
        ),
    )
    scenario = to_scenario(journey)
    runner = Runner(model, EngineSettings(), conditions)
    runner.run(to_scenario(Journey((PlannedRecord("bo", "hubspot", "contact"),))))

    shared = runner.run(scenario)
    fresh = run_journey(model, scenario, EngineSettings(), conditions)

    assert [e.message for e in shared.sim.trace.entries] == [
        e.message for e in fresh.sim.trace.entries
    ]
    assert shared.sim.seen == fresh.sim.seen
