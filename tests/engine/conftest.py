"""Each engine test gets an empty model folder of its own to write files into."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_folder import ModelFolder


@pytest.fixture
def model(tmp_path: Path) -> ModelFolder:
    return ModelFolder(tmp_path)
