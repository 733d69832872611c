"""Fuzz one model folder: search, write what failed as scenarios, report."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.engine.settings import EngineSettings
from simulator.fuzz.invariant_file import InvariantFile, load_invariants
from simulator.fuzz.invariants import NAMES
from simulator.fuzz.reachability import Reachability, Reached
from simulator.fuzz.reproduce import Reproduction, write_reproduction
from simulator.fuzz.search import Falsified, SearchResult, search
from simulator.fuzz.settings import DEFAULT_EXAMPLES, FuzzSettings, seconds
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import load_model
from simulator.words import counted

DEFAULT_REPORTS = Path("reports") / "fuzz"


@dataclass(frozen=True, slots=True)
class Found:
    """A falsified invariant and the scenario file that shows it."""

    falsified: Falsified
    reproduction: Reproduction


@dataclass(slots=True)
class FuzzResult:
    """What one fuzzing session found; ``render()`` is the report."""

    model_dir: Path
    settings: FuzzSettings
    search: SearchResult
    invariants: list[tuple[str, str]]  # (key, name) of every invariant checked
    reached: list[Reached]
    falsified: list[Found] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.falsified

    @property
    def dead(self) -> list[Reached]:
        return [condition for condition in self.reached if condition.dead]

    def settings_line(self) -> str:
        examples = counted(self.settings.examples, "example")
        line = f"seed {self.settings.seed}, {examples}"
        if self.settings.max_time is not None:
            line += f", at most {self.settings.max_time:g} s"
        return line

    def render(self) -> str:
        from simulator.fuzz.report import render

        return render(self)

    def assert_holds(self) -> None:
        """Raise AssertionError with the report when an invariant was falsified."""
        if not self.ok:
            raise AssertionError(self.render())


def fuzz_model(
    model_dir: str | Path,
    *,
    examples: int = DEFAULT_EXAMPLES,
    seed: int = 0,
    max_time: float | str | None = None,
    reports: str | Path = DEFAULT_REPORTS,
    database: str | Path | None = None,
    engine: EngineSettings | None = None,
    invariants: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> FuzzResult:
    """Fuzz the model in ``model_dir`` against its invariants.

    From a test::

        from simulator.fuzz import fuzz_model

        def test_the_funnel_keeps_its_invariants():
            fuzz_model("fixtures/nextforce").assert_holds()

    Each falsified invariant is written to ``reports`` as a scenario file.
    ``max_time`` is seconds or a duration such as ``"30s"``, as for the
    command; ``database`` is a folder for the example database (off unless
    given, where the command keeps one in .revsim/examples);
    ``invariants`` a file to read instead of the model's invariants.yaml.
    """
    root = Path(model_dir)
    model = load_model(root)
    own = load_invariants(root, Path(invariants) if invariants else None)
    settings = FuzzSettings(
        examples=examples,
        seed=seed,
        max_time=seconds(max_time),
        database=Path(database) if database is not None else None,
        engine=engine or EngineSettings(),
    )
    vocabulary = read_vocabulary(model)
    reachability = Reachability(model, vocabulary)
    found = search(model, own, settings, reachability, vocabulary, progress)
    result = FuzzResult(root, settings, found, _names(own), reachability.conditions())
    command = fuzz_command(root, settings, own.file if invariants else None)
    for falsified in found.falsified:
        written = write_reproduction(
            model, falsified, Path(reports), command, settings.engine
        )
        result.falsified.append(Found(falsified, written))
    return result


def fuzz_command(
    model_dir: Path, settings: FuzzSettings, invariants: str | None = None
) -> str:
    """The command that searches again, the same way."""
    words = ["revsim", "fuzz", "--seed", str(settings.seed)]
    if settings.examples != DEFAULT_EXAMPLES:
        words += ["--examples", str(settings.examples)]
    if settings.max_time is not None:
        words += ["--max-time", f"{settings.max_time:g}"]
    if invariants is not None:
        words += ["--invariants", invariants]
    words += ["--model", str(model_dir)]
    return shlex.join(words)


def _names(invariants: InvariantFile) -> list[tuple[str, str]]:
    built_in = [(key, name) for key, name in NAMES.items() if key != "error"]
    own = [(invariant.key, invariant.name) for invariant in invariants.invariants]
    return built_in + own
