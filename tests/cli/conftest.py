"""The CLI through click's runner, in a folder of its own with copies to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_MODEL, BUNDLED_SCENARIOS, Invoke
from click.testing import CliRunner, Result

from simulator.cli import main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, so paths in messages are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def revsim(workdir: Path) -> Invoke:
    """revsim(*args) → the result of the command, with stdout and stderr apart."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return invoke


@pytest.fixture
def copy_scenario(workdir: Path) -> Callable[[str], Path]:
    """copy_scenario(name) → scenarios/<name>, copied from the bundled suite."""

    def copy(name: str) -> Path:
        target = Path("scenarios") / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(BUNDLED_SCENARIOS / name, target)
        return target

    return copy


@pytest.fixture
def model_copy(workdir: Path) -> Path:
    """model/: a copy of the bundled NextForce model, to break a file in."""
    shutil.copytree(BUNDLED_MODEL, "model")
    return Path("model")
