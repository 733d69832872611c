"""A falsified invariant as a scenario file: its journey, and a check that fails.

The check says what the invariant wanted, so the scenario fails under
``revsim run`` while the fault is in the model and passes once it is
repaired. The file is run once more, as ``revsim run`` would, to make sure
it reproduces the failure before anyone is told to run it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from simulator.engine.settings import EngineSettings
from simulator.errors import RevsimError
from simulator.fuzz.journey import to_yaml
from simulator.fuzz.search import Falsified
from simulator.model import AutomationModel
from simulator.runner import run_scenario
from simulator.scenario.loader import load_scenario


@dataclass(frozen=True, slots=True)
class Reproduction:
    """The written scenario and whether ``revsim run`` fails on it."""

    path: Path
    text: str
    reproduces: bool
    how: str  # what revsim run reports, in a few words
    run_command: str
    fuzz_command: str


def write_reproduction(
    model: AutomationModel,
    falsified: Falsified,
    folder: Path,
    fuzz_command: str,
    engine: EngineSettings | None = None,
) -> Reproduction:
    """Write the smallest journey of ``falsified`` to ``folder``; run it once."""
    model_name = model.root.resolve().name
    path = folder / f"{model_name}-{slug(falsified.invariant)}.yaml"
    run_command = f"revsim run {path} --model {model.root}"
    checks = next((v.checks for v in falsified.violations if v.checks), [])
    text = _header(run_command, fuzz_command, bool(checks)) + to_yaml(
        falsified.journey,
        name=f"fuzz {model_name}: {falsified.invariant}",
        description=_description(falsified, bool(checks)),
        checks=checks,
    )
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    reproduces, how = _reproduces(model, path, engine)
    return Reproduction(path, text, reproduces, how, run_command, fuzz_command)


def _header(run_command: str, fuzz_command: str, checked: bool) -> str:
    outcome = (
        "# It fails under `revsim run` while the fault is in the model, and\n"
        "# passes once it is repaired:\n"
        if checked
        else "# No check can show the fault: run it and read the findings of\n"
        "# its report:\n"
    )
    return (
        f"# Written by `{fuzz_command}`:\n"
        "# the smallest journey it found that breaks the invariant below.\n"
        f"{outcome}"
        "#\n"
        f"#   {run_command}\n"
        "#\n"
    )


def _description(falsified: Falsified, checked: bool) -> str:
    what = falsified.violations[0].message
    text = f"Falsified: {falsified.invariant}. {what}"
    if not checked:
        text += (
            " No scenario check can say this; the run itself shows it "
            "(see the findings in the report)."
        )
    return text


def _reproduces(
    model: AutomationModel, path: Path, engine: EngineSettings | None
) -> tuple[bool, str]:
    try:
        scenario = load_scenario(path)
        result = run_scenario(model, scenario, engine)
    except RevsimError as error:
        return False, f"the file does not load: {error.message}"
    except Exception as error:
        return True, f"the run raises {type(error).__name__}"
    if result.stopped:
        return True, "the run is stopped"
    if result.failures:
        return True, f"{len(result.failures)} check failed"
    return False, "every check passes: the failure shows only in the findings"


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].rstrip("-") or "invariant"
