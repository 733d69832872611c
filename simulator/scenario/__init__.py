"""Scenario files: a journey through the model and what should come of it."""

from simulator.scenario.loader import ScenarioSet, load_scenario, load_scenarios
from simulator.scenario.model import (
    Expectation,
    JourneyEvent,
    RecordSpec,
    Scenario,
)

__all__ = [
    "Expectation",
    "JourneyEvent",
    "RecordSpec",
    "Scenario",
    "ScenarioSet",
    "load_scenario",
    "load_scenarios",
]
