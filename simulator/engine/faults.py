"""Why a Salesforce save or a flow interview stops: a fault, or a refused save."""

from __future__ import annotations

from simulator.errors import RevsimError


class FlowFault(RevsimError):
    """An element failed (a save was refused); the fault path, if any, is taken."""


class SaveRefused(FlowFault):
    """A validation rule, a custom error or the platform refused a save."""
