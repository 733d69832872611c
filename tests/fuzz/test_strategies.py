"""Journeys drawn from the vocabulary are scenarios the runner accepts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fuzz_paths import NEXTFORCE
from hypothesis import HealthCheck, given, settings

from simulator.fuzz.journey import (
    WITH_DEAL,
    Check,
    Journey,
    PlannedRecord,
    Step,
    to_scenario,
    to_yaml,
)
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.generate.strategies import journeys
from simulator.model import load_model
from simulator.scenario.loader import load_scenario

VOCABULARY = read_vocabulary(load_model(NEXTFORCE))


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(journey=journeys(VOCABULARY))
def test_every_drawn_journey_is_a_scenario_file_the_loader_accepts(
    journey: Journey, tmp_path: Path
) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(to_yaml(journey, "a drawn journey", "", []), encoding="utf-8")

    scenario = load_scenario(path)

    assert [spec.alias for spec in scenario.records] == [
        record.alias for record in journey.records
    ]
    assert [event.at for event in scenario.journey] == journey.offsets()
    assert scenario.until == journey.until


@settings(max_examples=40, deadline=None, database=None)
@given(journey=journeys(VOCABULARY))
def test_steps_are_a_minute_apart_at_least_and_name_records_of_the_journey(
    journey: Journey,
) -> None:
    aliases = {record.alias for record in journey.records}

    assert all(step.gap >= timedelta(minutes=1) for step in journey.steps)
    assert all(step.record in aliases for step in journey.steps if step.record)
    assert len(journey.steps) <= 8


def test_a_check_is_written_with_its_reason_as_a_comment(tmp_path: Path) -> None:
    plain = Journey((PlannedRecord("ada", "hubspot", "contact"),))
    check = Check(
        {
            "record": "ada",
            "field": "lifecyclestage",
            "at": timedelta(minutes=1),
            "equals": "lead",
        },
        "why it must hold",
    )

    text = to_yaml(plain, "one check", "", [check])
    path = tmp_path / "one.yaml"
    path.write_text(text, encoding="utf-8")

    assert (
        "  # why it must hold\n  - {record: ada, field: lifecyclestage, at: 1m" in text
    )
    [expectation] = load_scenario(path).expect
    assert expectation.equals == "lead"
    assert expectation.at == timedelta(minutes=1)


def test_a_drawn_conversion_and_seed_reach_the_scenario_file(tmp_path: Path) -> None:
    """A rep converting a lead, with or without an opportunity, is a step the
    fuzzer draws; the file keeps it, and the seed that picks A/B arms."""
    lead = PlannedRecord("cy", "salesforce", "Lead")
    journey = Journey(
        (lead,),
        (Step(timedelta(minutes=1), "convert", "cy", detail=WITH_DEAL),),
        seed=7,
    )
    path = tmp_path / "journey.yaml"
    path.write_text(to_yaml(journey, "a conversion", "", []), encoding="utf-8")

    scenario = load_scenario(path)

    [event] = scenario.journey
    assert (event.kind, event.record, event.opportunity) == ("convert", "cy", True)
    assert scenario.seed == 7
    assert to_scenario(journey).seed == 7


@settings(max_examples=200, deadline=None, database=None)
@given(journey=journeys(VOCABULARY))
def test_conversions_are_drawn_only_for_leads(journey: Journey) -> None:
    objects = {record.alias: record.object for record in journey.records}
    for step in journey.steps:
        if step.kind == "convert":
            assert objects[step.record or ""] in ("Lead", "contact")
