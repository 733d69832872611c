"""One journey through the engine, watched: which conditions held, with which values."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from simulator.engine.formula_context import FormulaCache
from simulator.engine.records import Record
from simulator.engine.settings import EngineSettings
from simulator.engine.simulation import RunStopped, Simulation
from simulator.engine.trace import Cause
from simulator.fuzz.vocabulary import Condition, FieldRef
from simulator.generate.identity import fill_fields, make_faker
from simulator.journey import _create as create_record  # the same code as a run
from simulator.journey import handle, schedule_journey
from simulator.model import AutomationModel
from simulator.scenario.model import Scenario

# What a condition saw: its (definition, element) and the values of its fields.
Seen = Counter[tuple[tuple[str, str], tuple[tuple[str, object], ...]]]


class ObservedSimulation(Simulation):
    """A simulation that notes the values behind each trigger and branch it takes.

    The engine says *that* a condition held (``hit``), and right after, in its
    log, *for which record*. A HubSpot record's values are read then, as the
    workflow saw them. A Salesforce flow may be deciding on a record that is
    still being saved (a before-save flow, an insert), so its values are read
    as the record was saved at the end of that moment.
    """

    def __init__(
        self,
        model: AutomationModel,
        start: datetime,
        settings: EngineSettings | None,
        conditions: Mapping[tuple[str, str], Condition],
    ) -> None:
        super().__init__(model, start, settings)
        self.conditions = conditions
        self.seen: Seen = Counter()
        self._waiting: list[tuple[str, str]] = []
        self._waiting_since: datetime | None = None
        self._saved: list[tuple[tuple[str, str], Record, datetime]] = []

    def hit(self, definition: str, element: str) -> None:
        super().hit(definition, element)
        if (definition, element) in self.conditions:
            if self._waiting_since != self.now:
                self._waiting = []
            self._waiting.append((definition, element))
            self._waiting_since = self.now

    def log(
        self,
        lane: str,
        kind: str,
        record: Record | None,
        message: str,
        cause: Cause,
        position: int | None = None,
    ) -> None:
        super().log(lane, kind, record, message, cause, position)
        if record is None or not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        for key in waiting:
            if self.conditions[key].on != (record.system, record.object):
                self._waiting.append(key)  # about another record: keep waiting
            elif record.system == "salesforce":
                self._saved.append((key, record, self.now))
            else:
                self.seen[(key, self._values(key, record, None))] += 1

    def settle(self) -> None:
        """Read the Salesforce values, as saved, once the run is over.

        A save that was rolled back saved nothing: its conditions count, with
        no values.
        """
        refused = {
            finding.time
            for finding in self.trace.findings
            if finding.kind in ("validation_failed", "flow_fault", "sync_error")
        }
        for key, record, moment in self._saved:
            values = () if moment in refused else self._values(key, record, moment)
            self.seen[(key, values)] += 1
        self._saved = []

    def _values(
        self, key: tuple[str, str], record: Record, moment: datetime | None
    ) -> tuple[tuple[str, object], ...]:
        reads: tuple[FieldRef, ...] = self.conditions[key].reads
        own = [
            name
            for system, obj, name in reads
            if (system, obj) == (record.system, record.object)
        ]
        return tuple(
            (
                name,
                record.fields.get(name)
                if moment is None
                else record.value_at(name, moment),
            )
            for name in dict.fromkeys(own)
        )


@dataclass(slots=True)
class Run:
    """A finished run: the simulation, and how it ended when it did not end well."""

    scenario: Scenario
    sim: ObservedSimulation
    stopped: str | None = None  # the event budget was spent
    crashed: BaseException | None = None
    notes: list[str] = field(default_factory=list)


class Runner:
    """Runs many journeys through one model, sharing what does not change.

    Formulas are compiled once for all runs, and one Faker is seeded again for
    each run instead of built anew: it draws the same names as the fresh one
    ``revsim run`` builds, so a written scenario meets the same people.
    """

    def __init__(
        self,
        model: AutomationModel,
        settings: EngineSettings | None,
        conditions: Mapping[tuple[str, str], Condition],
    ) -> None:
        self.model = model
        self.settings = settings
        self.conditions = conditions
        self.formulas = FormulaCache()
        self.faker = make_faker(0)

    def run(self, scenario: Scenario) -> Run:
        sim = ObservedSimulation(
            self.model, scenario.start, self.settings, self.conditions
        )
        sim.salesforce.formulas = self.formulas
        run = Run(scenario, sim)
        try:
            self._schedule(sim, scenario)
            sim.run(scenario.end)
        except RunStopped as stop:
            run.stopped = str(stop)
        except Exception as error:
            run.crashed = error
        sim.settle()
        return run

    def _schedule(self, sim: Simulation, scenario: Scenario) -> None:
        """What simulator.journey.schedule_journey does, with the shared Faker."""
        sim.seed = scenario.seed
        self.faker.seed_instance(scenario.seed)
        for spec in scenario.records:
            fields = fill_fields(spec.system, spec.object, spec.fields, self.faker)
            sim.schedule(
                scenario.start + spec.at,
                f"create {spec.alias}",
                functools.partial(create_record, sim, spec, fields),
            )
        for event in scenario.journey:
            sim.schedule(
                scenario.start + event.at,
                f"{event.kind} {event.record or ''}".strip(),
                functools.partial(handle, sim, event),
            )


def run_journey(
    model: AutomationModel,
    scenario: Scenario,
    settings: EngineSettings | None,
    conditions: Mapping[tuple[str, str], Condition],
) -> Run:
    """One journey, scheduled exactly as ``revsim run`` schedules a scenario."""
    sim = ObservedSimulation(model, scenario.start, settings, conditions)
    run = Run(scenario, sim)
    try:
        schedule_journey(sim, scenario)
        sim.run(scenario.end)
    except RunStopped as stop:
        run.stopped = str(stop)
    except Exception as error:
        run.crashed = error
    sim.settle()
    return run
