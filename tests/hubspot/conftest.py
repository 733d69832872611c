"""Fixtures for the HubSpot tests: write a flow to a file, import it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.hubspot.model import Workflow
from simulator.hubspot.workflow import load_workflow


@pytest.fixture
def write(tmp_path: Path) -> Callable[[object], Path]:
    """write(data) puts JSON (or a str as it is) in a file and returns the path."""

    def run(data: object, name: str = "flow.json") -> Path:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2))
        return path

    return run


@pytest.fixture
def load(write: Callable[[object], Path]) -> Callable[[object], Workflow]:
    """load(data) imports a flow given as a dict."""
    return lambda data: load_workflow(write(data))
