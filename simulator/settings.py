"""Where revsim looks by default: [tool.revsim] in pyproject.toml, then the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import SettingsError

_KNOWN = ("scenarios", "model", "reports")


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    scenarios: Path = Path("scenarios")
    model: Path = Path("fixtures/nextforce")
    reports: Path = Path("reports")


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_settings(start: Path | None = None) -> ProjectSettings:
    """Read [tool.revsim]; paths in it are relative to the pyproject.toml."""
    pyproject = find_pyproject((start or Path.cwd()).resolve())
    if pyproject is None:
        return ProjectSettings()
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read the settings: {exc}", file=pyproject) from None
    table = data.get("tool", {}).get("revsim", {})
    unknown = sorted(set(table) - set(_KNOWN))
    if unknown:
        raise SettingsError(
            f"unknown setting {unknown[0]!r} in [tool.revsim]",
            file=pyproject,
            expected="one of " + ", ".join(_KNOWN),
            fix="remove it or correct its name",
        )
    base = pyproject.parent
    defaults = ProjectSettings()
    return ProjectSettings(
        **{name: _relative(base, table.get(name, getattr(defaults, name)))
           for name in _KNOWN}
    )


def _relative(base: Path, value: object) -> Path:
    path = Path(str(value))
    if path.is_absolute():
        return path
    relative = base / path
    try:
        return relative.relative_to(Path.cwd())
    except ValueError:
        return relative
