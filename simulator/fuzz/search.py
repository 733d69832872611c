"""The search: journeys drawn by Hypothesis, run, checked, and the failures shrunk.

How it works. The model is read once for what its automation reads
(vocabulary.py); the strategies of simulator.generate.strategies turn that
into journeys: a contact or two, perhaps a Salesforce lead and an
opportunity, each with values on either side of every comparison, then a
few timed steps (form submissions, page views, edits on either platform,
stage moves, time passing). Hypothesis draws journeys from a seed. Each one
runs through the engine as a scenario would, and every invariant is checked
on the finished run (invariants.py, user_invariants.py).

When an invariant fails, the test raises an exception of a class of its
own for that invariant, so Hypothesis keeps each falsified invariant apart
and shrinks each to the smallest journey that still breaks *that*
invariant: fewer steps, fewer records, fields left unset, the first value
of each list. Hypothesis runs the smallest journey once more at the end;
the violations of that last run are the ones reported, and its journey is
written out as a scenario (reproduce.py).

Every run also adds to the coverage counters and to the values seen when a
trigger or branch outcome was taken (reachability.py), so the report can
say which conditions no journey reached.

The same seed, model and settings give the same journeys and the same
result. The example database (``.revsim/hypothesis`` by default) replays
journeys that failed before first, so a fault found once is found again
at once; tests turn it off.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, given
from hypothesis.database import DirectoryBasedExampleDatabase, ExampleDatabase

from simulator.fuzz.invariant_file import InvariantFile
from simulator.fuzz.invariants import Violation, check_run
from simulator.fuzz.journey import Journey, to_scenario
from simulator.fuzz.observe import Runner
from simulator.fuzz.reachability import Reachability
from simulator.fuzz.settings import FuzzSettings
from simulator.fuzz.vocabulary import Vocabulary, read_vocabulary
from simulator.generate.strategies import journeys
from simulator.model import AutomationModel

# A journey of a few steps handles a few hundred events; far more is a loop.
FUZZ_MAX_EVENTS = 5_000


@dataclass(slots=True)
class Falsified:
    """One invariant that failed, with the smallest journey that shows it."""

    key: str
    invariant: str
    journey: Journey
    violations: list[Violation]


@dataclass(slots=True)
class SearchResult:
    examined: int = 0
    seconds: float = 0.0
    falsified: list[Falsified] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.examined / self.seconds if self.seconds else 0.0


class _Falsified(Exception):
    """Raised inside the test; one subclass per invariant (see the module doc)."""


_CLASSES: dict[str, type[_Falsified]] = {}


def _falsified(key: str) -> type[_Falsified]:
    if key not in _CLASSES:
        name = "Falsified_" + "".join(c if c.isalnum() else "_" for c in key)
        _CLASSES[key] = type(name, (_Falsified,), {})
    return _CLASSES[key]


def search(
    model: AutomationModel,
    invariants: InvariantFile,
    settings: FuzzSettings,
    reachability: Reachability | None = None,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[int], None] | None = None,
) -> SearchResult:
    """Run journeys until the budget is spent; shrink what fails."""
    vocabulary = vocabulary or read_vocabulary(model)
    engine = dataclasses.replace(settings.engine, max_events=FUZZ_MAX_EVENTS)
    runner = Runner(model, engine, vocabulary.conditions)
    result = SearchResult()
    last: dict[str, tuple[Journey, list[Violation]]] = {}
    began = time.perf_counter()

    def examine(journey: Journey) -> None:
        out_of_time = (
            settings.max_time is not None
            and time.perf_counter() - began > settings.max_time
        )
        if out_of_time and not last:
            return  # the budget is spent: let the remaining examples pass
        run = runner.run(to_scenario(journey))
        result.examined += 1
        if progress is not None:
            progress(result.examined)
        if reachability is not None:
            reachability.add(run)
        violations = check_run(run, invariants)
        if violations:
            key = violations[0].key
            last[key] = (journey, [v for v in violations if v.key == key])
            raise _falsified(key)(violations[0].message)

    test = given(journeys(vocabulary, settings.max_steps))(examine)
    test = hypothesis.settings(
        max_examples=settings.examples,
        deadline=None,
        database=_database(settings.database, model),
        derandomize=False,
        verbosity=Verbosity.quiet,
        print_blob=False,
        report_multiple_bugs=True,
        phases=(Phase.reuse, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )(test)
    test = hypothesis.seed(settings.seed)(test)
    failed: list[BaseException] = []
    try:
        test()
    except _Falsified as falsified:
        failed = [falsified]
    except BaseExceptionGroup as group:
        failed = list(group.exceptions)
    result.seconds = time.perf_counter() - began
    for error in failed:
        if not isinstance(error, _Falsified):
            raise error  # a bug of ours, not a falsified invariant
        key = next(k for k, cls in _CLASSES.items() if type(error) is cls)
        journey, violations = last[key]
        result.falsified.append(
            Falsified(key, violations[0].invariant, journey, violations)
        )
    return result


def _database(folder: Path | None, model: AutomationModel) -> ExampleDatabase | None:
    """One database per model folder, so one model's failures replay on it alone."""
    if folder is None:
        return None
    import hashlib

    digest = hashlib.sha1(str(model.root.resolve()).encode()).hexdigest()[:12]
    return DirectoryBasedExampleDatabase(str(folder / digest))
