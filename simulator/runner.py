"""Running scenarios: one simulation each, checked, with coverage gathered."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from simulator.checks import Failure, check_all
from simulator.engine.records import Record
from simulator.engine.settings import EngineSettings
from simulator.engine.simulation import RunStopped, Simulation
from simulator.errors import RevsimError
from simulator.journey import schedule_journey
from simulator.model import AutomationModel, load_model
from simulator.scenario.model import Scenario


@dataclass(slots=True)
class ScenarioResult:
    scenario: Scenario
    simulation: Simulation
    failures: list[Failure] = field(default_factory=list)
    stopped: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.stopped is None


@dataclass(slots=True)
class SuiteResult:
    model: AutomationModel
    results: list[ScenarioResult] = field(default_factory=list)
    # Scenario files that could not be read: the report lists them, so that a
    # CI page never shows a suite green that did not run whole.
    unreadable: list[RevsimError] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(result.passed for result in self.results)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    def measured(self) -> list[ScenarioResult]:
        """The runs on the suite's model: a scenario with a model of its own
        counts in the pass and fail figures, not in this model's coverage."""
        return [r for r in self.results if r.simulation.model is self.model]

    def hits(self) -> Counter[tuple[str, str]]:
        """How often each element of the suite's model ran."""
        total: Counter[tuple[str, str]] = Counter()
        for result in self.measured():
            total.update(result.simulation.coverage)
        return total

    def records(self) -> list[Record]:
        """The records of the runs on the suite's model."""
        return [r for result in self.measured() for r in result.simulation.records]


def model_of(scenario: Scenario, suite_model: AutomationModel) -> AutomationModel:
    """The model ``scenario`` runs against: its own ``model:`` folder, else the
    suite's. A folder is read once per process, however many scenarios name it."""
    return _variant(scenario.model) if scenario.model else suite_model


@functools.lru_cache(maxsize=16)
def _variant(folder: str) -> AutomationModel:
    return load_model(Path(folder))


def run_scenario(
    model: AutomationModel, scenario: Scenario, settings: EngineSettings | None = None
) -> ScenarioResult:
    """Run ``scenario`` on ``model`` (or on its own model folder) and check it."""
    model = model_of(scenario, model)
    sim = Simulation(model, scenario.start, settings)
    schedule_journey(sim, scenario)
    result = ScenarioResult(scenario, sim)
    try:
        sim.run(scenario.end)
    except RunStopped as stop:
        result.stopped = f"the run was stopped at {stop}: see the findings"
    result.failures = check_all(sim, scenario)
    return result


def run_suite(
    model: AutomationModel,
    scenarios: list[Scenario],
    settings: EngineSettings | None = None,
) -> SuiteResult:
    suite = SuiteResult(model)
    for scenario in scenarios:
        suite.results.append(run_scenario(model, scenario, settings))
    return suite
