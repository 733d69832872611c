"""Fixtures for the connector tests: YAML text written to a named file."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def yaml_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """yaml_file(text, name) writes dedented YAML and returns its path."""

    def run(text: str, name: str = "connector.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"))
        return path

    return run
