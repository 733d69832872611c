"""A pytester folder holding scenarios, a pyproject.toml, and how to run pytest."""

from __future__ import annotations

import shutil
from importlib.metadata import entry_points
from pathlib import Path
from textwrap import dedent

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SCENARIOS = ROOT / "scenarios"
BUNDLED_MODEL = ROOT / "fixtures" / "nextforce"

PRICING = "pricing-visit-pushes-lead-over-mql-threshold.yaml"
SCORE_50 = "score-exactly-50-qualifies.yaml"
STALE = "stale-open-lead-gets-reminder-after-3-days.yaml"


def plugin_args() -> list[str]:
    """Load the plugin by hand when revsim was installed before its entry point."""
    names = {entry.name for entry in entry_points(group="pytest11")}
    return [] if "revsim" in names else ["-p", "simulator.pytest_plugin"]


def revsim_project(pytester: pytest.Pytester, *names: str) -> Path:
    """pytester's folder as a revsim project: [tool.revsim] and scenarios/."""
    pytester.makepyprojecttoml(
        f"""
        [tool.revsim]
        scenarios = "scenarios"
        model = "{BUNDLED_MODEL.as_posix()}"
        """
    )
    folder = pytester.path / "scenarios"
    folder.mkdir()
    for name in names or sorted(p.name for p in BUNDLED_SCENARIOS.glob("*.yaml")):
        shutil.copyfile(BUNDLED_SCENARIOS / name, folder / name)
    # A scenario may name a model of its own beside the suite's, as
    # ../fixtures/mutants/<name>.
    (pytester.path / "fixtures").symlink_to(BUNDLED_MODEL.parent)
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def break_expectation(path: Path, old: str, new: str) -> None:
    """Change what a scenario expects, so that it fails."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
