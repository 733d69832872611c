"""Running scenarios: one simulation each, checked, with coverage gathered."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from simulator.checks import Failure, check_all
from simulator.engine.settings import EngineSettings
from simulator.engine.simulation import RunStopped, Simulation
from simulator.errors import RevsimError
from simulator.journey import schedule_journey
from simulator.model import AutomationModel
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

    def hits(self) -> Counter[tuple[str, str]]:
        """How often each element ran, over the whole suite."""
        total: Counter[tuple[str, str]] = Counter()
        for result in self.results:
            total.update(result.simulation.coverage)
        return total


def run_scenario(
    model: AutomationModel, scenario: Scenario, settings: EngineSettings | None = None
) -> ScenarioResult:
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
