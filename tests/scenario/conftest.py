"""Helpers for the scenario tests: write a scenario file, load it, catch its error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from simulator.errors import ScenarioError
from simulator.scenario import Scenario, load_scenario

Write = Callable[[str], Path]


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Write:
    """write(text) → the path of s.yaml holding it, named relative to the test."""
    monkeypatch.chdir(tmp_path)

    def to_file(text: str) -> Path:
        path = Path("s.yaml")
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return to_file


@pytest.fixture
def load(write: Write) -> Callable[[str], Scenario]:
    return lambda text: load_scenario(write(text))


@pytest.fixture
def error(write: Write) -> Callable[[str], ScenarioError]:
    """error(text) → the ScenarioError that loading the text raises."""

    def catch(text: str) -> ScenarioError:
        with pytest.raises(ScenarioError) as caught:
            load_scenario(write(text))
        return caught.value

    return catch
