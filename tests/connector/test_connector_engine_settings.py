"""The connector's engine settings in [tool.revsim.engine]; a wrong one names itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import SettingsError
from simulator.settings import load_settings


def _pyproject(tmp_path: Path, engine: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.revsim.engine]\n{engine}\n", encoding="utf-8"
    )
    return tmp_path


def test_the_connector_settings_take_their_documented_defaults(tmp_path: Path):
    # docs/settings.md: max_sync_round_trips 5, sync_error_retry "on_change".
    engine = load_settings(_pyproject(tmp_path, "")).engine
    assert (engine.max_sync_round_trips, engine.sync_error_retry) == (5, "on_change")


def test_the_connector_settings_are_read(tmp_path: Path):
    text = 'max_sync_round_trips = 2\nsync_error_retry = "every_20_minutes"'
    engine = load_settings(_pyproject(tmp_path, text)).engine
    assert (engine.max_sync_round_trips, engine.sync_error_retry) == (
        2,
        "every_20_minutes",
    )


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        (
            'sync_error_retry = "hourly"',
            "sync_error_retry must be on_change or every_20_minutes",
        ),
        ("max_sync_round_trips = 0", "max_sync_round_trips must be at least 1"),
        ('max_sync_round_trips = "5"', "max_sync_round_trips = '5' has the wrong type"),
    ],
)
def test_a_wrong_connector_setting_names_itself(
    tmp_path: Path, engine: str, message: str
):
    with pytest.raises(SettingsError) as caught:
        load_settings(_pyproject(tmp_path, engine))
    assert caught.value.message == message
