"""Whatever a scenario file holds, loading it gives a Scenario or a ScenarioError."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_texts import documented_example

from simulator.errors import ScenarioError
from simulator.scenario import Scenario, load_scenario

KEYS = [
    "name", "seed", "start", "until", "records", "journey", "expect", "alias",
    "hubspot", "salesforce", "at", "fields", "record", "system", "form", "url",
    "email", "edit", "wait", "stage", "field", "equals", "sequence", "action",
    "count", "at_least", "entered", "form_submission", "page_view", "stage_move",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False),
    st.sampled_from(["ada", "1h", "contact", "Lead", "email", "", "90d", "2026-01-05"]),
    st.text(max_size=5),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=3), inner, max_size=4
        )
    ),
    max_leaves=12,
)


def load_text(text: str) -> Scenario | ScenarioError:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "s.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_scenario(path)
        except ScenarioError as error:
            return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_any_yaml_data_loads_or_is_a_scenario_error(data: Any) -> None:
    assert isinstance(load_text(yaml.safe_dump(data)), Scenario | ScenarioError)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_change_to_a_valid_file_loads_or_is_a_scenario_error(
    data: st.DataObject,
) -> None:
    lines = documented_example().splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = data.draw(st.text(max_size=30))

    assert isinstance(load_text("\n".join(lines)), Scenario | ScenarioError)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_loads_or_is_a_scenario_error(text: str) -> None:
    assert isinstance(load_text(text), Scenario | ScenarioError)
