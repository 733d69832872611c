"""revsim: test HubSpot workflows, Salesforce flows and their sync before go-live."""

import logging

from simulator.errors import (
    DefinitionError,
    ExitCode,
    FormulaError,
    RevsimError,
    ScenarioError,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DefinitionError",
    "ExitCode",
    "FormulaError",
    "RevsimError",
    "ScenarioError",
]
