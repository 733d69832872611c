"""revsim: test HubSpot workflows, Salesforce flows and their sync before go-live.

The public API is what this module names; everything else may change.
"""

import logging

from simulator.coverage import Coverage, measure
from simulator.engine.settings import EngineSettings
from simulator.errors import (
    DefinitionError,
    ExitCode,
    FormulaError,
    RevsimError,
    ScenarioError,
    SettingsError,
)
from simulator.model import AutomationModel, load_model
from simulator.report import build_json, render_markdown, write_reports
from simulator.runner import ScenarioResult, SuiteResult, run_scenario, run_suite
from simulator.scenario import Scenario, load_scenario, load_scenarios

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "AutomationModel",
    "Coverage",
    "DefinitionError",
    "EngineSettings",
    "ExitCode",
    "FormulaError",
    "RevsimError",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "SettingsError",
    "SuiteResult",
    "build_json",
    "load_model",
    "load_scenario",
    "load_scenarios",
    "measure",
    "render_markdown",
    "run_scenario",
    "run_suite",
    "write_reports",
]
