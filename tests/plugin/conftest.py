"""The plugin tests run pytest on generated folders with pytester."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # pytest_plugins = ["pytester"] is refused in a conftest below the rootdir
    # when the whole suite runs; registering here works either way.
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")
