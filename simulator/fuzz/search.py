"""The search: journeys drawn by Hypothesis, run, checked, and the failures shrunk.

How it works. The model is read once for what its automation reads
(vocabulary.py); the strategies of simulator.generate.strategies turn that
into journeys: a contact or two, perhaps a Salesforce lead and an
opportunity, each with values on either side of every comparison, then a
few timed steps (form submissions, page views, edits on either platform,
stage moves, time passing). Hypothesis draws journeys from a seed. Each one
runs through the engine as a scenario would, and every invariant is checked
on the finished run (invariants.py, user_invariants.py).

The search makes two passes. The survey draws the whole budget and notes,
for each invariant, the first journey that breaks it; it raises nothing,
so one fault found early does not cut the search short. Then, for each
invariant the survey saw fail, Hypothesis searches again with the same seed
and a test that fails on that invariant alone: it draws the same journeys
up to that first failure, and shrinks it to the smallest journey that still
breaks *that* invariant: fewer steps, fewer records, fields left unset, the
first value of each list. Hypothesis runs the smallest journey once more at
the end; the violations of that last run are the ones reported, and its
journey is written out as a scenario (reproduce.py).

Every survey run also adds to the coverage counters and to the values seen
when a trigger or branch outcome was taken (reachability.py), so the report
can say which conditions no journey reached.

The same seed, model and settings give the same journeys and the same
result: nothing depends on the clock but ``max_time``. The example
database (examples.py) replays journeys that failed before first, so a
fault found once is found again at once; tests turn it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, given

from simulator.fuzz.examples import load_examples, save_examples, store_path
from simulator.fuzz.invariant_file import InvariantFile
from simulator.fuzz.invariants import Violation, check_run
from simulator.fuzz.journey import Journey, to_scenario
from simulator.fuzz.observe import Run, Runner
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
    examined: int = 0  # journeys drawn and checked in the survey
    seconds: float = 0.0  # the survey's time
    shrinking: int = 0  # runs spent shrinking afterwards
    falsified: list[Falsified] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.examined / self.seconds if self.seconds else 0.0


class _OutOfTime(Exception):
    """Raised inside the survey when ``max_time`` is spent: Hypothesis stops
    drawing at the first exception, where a passing example would only let it
    draw the next one."""


class _Falsified(Exception):
    """Raised inside the test; one subclass per invariant (see the module doc)."""


_CLASSES: dict[str, type[_Falsified]] = {}


def _falsified(key: str) -> type[_Falsified]:
    if key not in _CLASSES:
        name = "Falsified_" + "".join(c if c.isalnum() else "_" for c in key)
        _CLASSES[key] = type(name, (_Falsified,), {})
    return _CLASSES[key]


@dataclass(slots=True)
class _Session:
    """What every pass of the search shares: the model, its runner, the budget."""

    model: AutomationModel
    invariants: InvariantFile
    settings: FuzzSettings
    vocabulary: Vocabulary
    runner: Runner
    began: float = field(default_factory=time.perf_counter)

    def check(self, journey: Journey) -> tuple[Run, list[Violation]]:
        run = self.runner.run(to_scenario(journey))
        return run, check_run(run, self.invariants)

    def out_of_time(self) -> bool:
        limit = self.settings.max_time
        return limit is not None and time.perf_counter() - self.began > limit

    def given(
        self, examine: Callable[[Journey], None], shrink: bool
    ) -> Callable[[], None]:
        """``examine`` as a Hypothesis test over journeys, with the seed."""
        phases = [Phase.reuse, Phase.generate]
        test = given(journeys(self.vocabulary, self.settings.max_steps))(examine)
        test = hypothesis.settings(
            max_examples=self.settings.examples,
            deadline=None,
            database=None,  # a seeded search keeps none; see examples.py
            derandomize=False,
            verbosity=Verbosity.quiet,
            print_blob=False,
            report_multiple_bugs=False,
            phases=[*phases, Phase.shrink] if shrink else phases,
            suppress_health_check=list(HealthCheck),
        )(test)
        return hypothesis.seed(self.settings.seed)(test)


def search(
    model: AutomationModel,
    invariants: InvariantFile,
    settings: FuzzSettings,
    reachability: Reachability | None = None,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[int], None] | None = None,
) -> SearchResult:
    """Survey journeys until the budget is spent, then shrink each failure."""
    vocabulary = vocabulary or read_vocabulary(model)
    engine = dataclasses.replace(settings.engine, max_events=FUZZ_MAX_EVENTS)
    runner = Runner(model, engine, vocabulary.conditions)
    session = _Session(model, invariants, settings, vocabulary, runner)
    result = SearchResult()
    store = store_path(settings.database, model.root) if settings.database else None
    known = _replay(session, load_examples(store)) if store else {}
    first = _survey(session, result, reachability, progress)
    result.seconds = time.perf_counter() - session.began
    for key, unshrunk in {**known, **first}.items():
        if key in known:
            found = known[key]  # found before, and already as small as it gets
        elif settings.shrink:
            found = _shrink(session, key, result, unshrunk)
        else:
            found = unshrunk
        result.falsified.append(
            Falsified(key, found[1][0].invariant, found[0], found[1])
        )
    if store is not None:
        save_examples(store, {f.key: f.journey for f in result.falsified})
    return result


def _replay(
    session: _Session, stored: dict[str, Journey]
) -> dict[str, tuple[Journey, list[Violation]]]:
    """The stored journeys that still break the invariant they were kept for."""
    still: dict[str, tuple[Journey, list[Violation]]] = {}
    for key, journey in stored.items():
        _, violations = session.check(journey)
        mine = [v for v in violations if v.key == key]
        if mine:
            still[key] = (journey, mine)
    return still


def _survey(
    session: _Session,
    result: SearchResult,
    reachability: Reachability | None,
    progress: Callable[[int], None] | None,
) -> dict[str, tuple[Journey, list[Violation]]]:
    """Draw and check every journey of the budget; the first failure of each
    invariant, in the order they were found."""
    first: dict[str, tuple[Journey, list[Violation]]] = {}

    def examine(journey: Journey) -> None:
        if session.out_of_time():
            raise _OutOfTime
        run, violations = session.check(journey)
        result.examined += 1
        if progress is not None:
            progress(result.examined)
        if reachability is not None:
            reachability.add(run, journey)
        for violation in violations:
            if violation.key not in first:
                first[violation.key] = (
                    journey,
                    [v for v in violations if v.key == violation.key],
                )

    with contextlib.suppress(_OutOfTime):  # what was examined by then stands
        session.given(examine, shrink=False)()
    return first


def _shrink(
    session: _Session,
    key: str,
    result: SearchResult,
    unshrunk: tuple[Journey, list[Violation]],
) -> tuple[Journey, list[Violation]]:
    """The same search again, failing on ``key`` alone, shrunk by Hypothesis.

    With the same seed Hypothesis draws the same journeys as in the survey up
    to the first that breaks ``key``, then shrinks it. Hypothesis runs the
    smallest journey once more at the end, so the last failure kept is it.
    """
    last: list[tuple[Journey, list[Violation]]] = []

    def examine(journey: Journey) -> None:
        _, violations = session.check(journey)
        result.shrinking += 1
        mine = [v for v in violations if v.key == key]
        if mine:
            last.append((journey, mine))
            raise _falsified(key)(mine[0].message)

    try:
        session.given(examine, shrink=True)()
    except _Falsified as error:
        if type(error) is not _falsified(key):
            raise
    return last[-1] if last else unshrunk
