"""A valid scenario file becomes a Scenario that remembers where each part is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from scenario_texts import EXAMPLES, documented_example

from simulator.scenario import Scenario, load_scenario

# The `write` fixture (conftest.py): writes a scenario file and returns its path.
Write = Callable[[str], Path]

Load = Callable[[str], Scenario]


def test_the_documented_example_loads_with_the_line_of_every_part(write: Write) -> None:
    scenario = load_scenario(write(documented_example()))

    assert scenario.name == "webinar registrant who attends becomes an MQL"
    assert (scenario.file, scenario.line) == ("s.yaml", 1)
    assert [(r.alias, r.system, r.object, r.line) for r in scenario.records] == [
        ("ada", "hubspot", "contact", 7),
        ("big-deal", "salesforce", "Opportunity", 13),
    ]
    assert [(e.kind, e.line) for e in scenario.journey] == [
        ("form_submission", 17),
        ("page_view", 19),
        ("email_click", 21),
        ("edit", 23),
        ("edit", 25),
        ("stage_move", 27),
        ("wait", 29),
    ]
    assert [(x.check, x.line) for x in scenario.expect] == [
        ("equals", 32),
        ("equals", 35),
        ("sequence", 40),
        ("action", 43),
        ("entered", 47),
    ]


def test_the_documented_example_keeps_what_each_event_needs(write: Write) -> None:
    journey = load_scenario(write(documented_example())).journey

    assert journey[0].form == "webinar-registration"
    assert journey[1].url == "https://nextforce.example/pricing"
    assert journey[2].email == "1001"
    assert journey[4].system == "salesforce"
    assert journey[4].fields == {"Status": "Working - Contacted"}
    assert journey[5].stage == "Closed Won"
    assert (journey[6].record, journey[6].at) == (None, timedelta(days=30))


def test_times_are_offsets_and_durations_from_start(write: Write) -> None:
    scenario = load_scenario(write(documented_example()))

    assert scenario.start == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert scenario.until == timedelta(days=40)
    assert scenario.end == datetime(2026, 2, 14, 9, 0, tzinfo=UTC)
    assert [e.at for e in scenario.journey[:3]] == [
        timedelta(0),
        timedelta(hours=1),
        timedelta(hours=2),
    ]
    assert scenario.expect[1].at == timedelta(days=2)


def test_field_values_keep_their_yaml_types(write: Write) -> None:
    scenario = load_scenario(write(documented_example()))

    assert scenario.record("ada").fields == {
        "lifecyclestage": "lead",
        "hubspotscore": 10,
    }
    assert scenario.record("big-deal").fields["CloseDate"] == date(2026, 3, 31)


def test_a_minimal_scenario_takes_the_defaults(load: Load) -> None:
    scenario = load("""
        name: minimal
        records:
          - alias: ada
            hubspot: contact
    """)

    assert scenario.seed == 0
    assert scenario.description is None
    assert scenario.start == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert scenario.start.weekday() == 0  # a Monday
    assert scenario.until == timedelta(days=90)
    assert scenario.record("ada").at == timedelta(0)
    assert (scenario.journey, scenario.expect) == ([], [])


def test_a_start_with_an_offset_is_kept_in_utc() -> None:
    scenario = load_scenario(EXAMPLES / "opportunity_won.yaml")

    assert scenario.start == datetime(2026, 2, 2, 13, 30, tzinfo=UTC)
    assert scenario.start.tzinfo is UTC


def test_an_action_check_without_a_count_means_at_least_once() -> None:
    check = load_scenario(EXAMPLES / "opportunity_won.yaml").expect[3]

    assert (check.action, check.count, check.at_least) == ("alert", None, 1)


def test_equals_null_checks_that_a_field_is_blank() -> None:
    check = load_scenario(EXAMPLES / "lead_synced.yaml").expect[1]

    assert (check.check, check.equals) == ("equals", None)
    assert check.describe() == "lin.Phone at the end is blank"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_loads(path: Path) -> None:
    assert load_scenario(path).records


def test_a_wait_may_be_written_without_a_mapping() -> None:
    event = load_scenario(EXAMPLES / "opportunity_won.yaml").journey[1]

    assert (event.kind, event.record, event.at) == ("wait", None, timedelta(days=10))
