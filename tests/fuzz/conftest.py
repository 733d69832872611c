"""Fuzzing tests share the NextForce model, read once."""

from __future__ import annotations

import pytest
from fuzz_paths import NEXTFORCE

from simulator.model import AutomationModel, load_model


@pytest.fixture(scope="session")
def nextforce() -> AutomationModel:
    return load_model(NEXTFORCE)
