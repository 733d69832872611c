"""Where revsim looks by default: [tool.revsim] in pyproject.toml."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from simulator.engine.settings import EngineSettings
from simulator.errors import SettingsError

_KNOWN = ("scenarios", "model", "reports")
# The figures of Coverage.figures(), which fail_under may name.
COVERAGE_FIGURES = ("elements", "branches", "triggers", "mappings", "transitions")
_ENGINE_KNOWN = tuple(f.name for f in dataclasses.fields(EngineSettings))
RETRIES = ("on_change", "every_20_minutes")  # sync_error_retry


@dataclass(frozen=True, slots=True)
class ProjectSettings:
    scenarios: Path = Path("scenarios")
    model: Path = Path("fixtures/nextforce")
    reports: Path = Path("reports")
    engine: EngineSettings = field(default_factory=EngineSettings)
    fail_under: dict[str, float] = field(default_factory=dict)


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
        raise SettingsError(
            f"cannot read the settings: {exc}", file=pyproject
        ) from None
    table = dict(data.get("tool", {}).get("revsim", {}))
    engine = _engine(table.pop("engine", {}), pyproject)
    fail_under = _fail_under(table.pop("fail_under", {}), pyproject)
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
    paths = {
        name: _relative(base, table.get(name, getattr(defaults, name)))
        for name in _KNOWN
    }
    return ProjectSettings(**paths, engine=engine, fail_under=fail_under)


def _engine(table: object, pyproject: Path) -> EngineSettings:
    """[tool.revsim.engine]: the named behaviours of docs/settings.md."""
    if not isinstance(table, dict):
        raise SettingsError("[tool.revsim.engine] must be a table", file=pyproject)
    defaults = EngineSettings()
    for name, value in table.items():
        if name not in _ENGINE_KNOWN:
            raise SettingsError(
                f"unknown engine setting {name!r}",
                file=pyproject,
                place="[tool.revsim.engine]",
                expected="one of " + ", ".join(_ENGINE_KNOWN),
                fix="see docs/settings.md for what each one does",
            )
        wanted = type(getattr(defaults, name))
        if type(value) is not wanted:
            raise SettingsError(
                f"{name} = {value!r} has the wrong type",
                file=pyproject,
                place="[tool.revsim.engine]",
                expected=f"a {wanted.__name__}, like {getattr(defaults, name)!r}",
            )
    if table.get("lifecycle_backward_moves", "refuse") not in ("refuse", "allow"):
        raise SettingsError(
            "lifecycle_backward_moves must be refuse or allow",
            file=pyproject,
            place="[tool.revsim.engine]",
            expected='"refuse" (HubSpot\'s default) or "allow"',
        )
    if table.get("window_reschedule", "earliest") not in ("earliest", "same_time"):
        raise SettingsError(
            "window_reschedule must be earliest or same_time",
            file=pyproject,
            place="[tool.revsim.engine]",
            expected='"earliest" (HubSpot\'s knowledge base today) or "same_time"',
        )
    if table.get("sync_error_retry", "on_change") not in RETRIES:
        raise SettingsError(
            "sync_error_retry must be on_change or every_20_minutes",
            file=pyproject,
            place="[tool.revsim.engine]",
            expected='"on_change" (the default) or "every_20_minutes"',
        )
    if table.get("max_sync_round_trips", 1) < 1:
        raise SettingsError(
            "max_sync_round_trips must be at least 1",
            file=pyproject,
            place="[tool.revsim.engine]",
            expected="a whole number of round trips, such as 5 (the default)",
        )
    return EngineSettings(**table)


def _fail_under(value: object, pyproject: Path) -> dict[str, float]:
    """fail_under = 80 for every coverage figure, or a table: {branches = 80}."""
    table = value if isinstance(value, dict) else dict.fromkeys(COVERAGE_FIGURES, value)
    for name in table:
        if name not in COVERAGE_FIGURES:
            raise SettingsError(
                f"unknown coverage figure {name!r} in fail_under",
                file=pyproject,
                place="[tool.revsim]",
                expected="one of " + ", ".join(COVERAGE_FIGURES),
            )
    return {name: _percentage(name, table[name], pyproject) for name in table}


def _percentage(name: str, value: object, pyproject: Path) -> float:
    # bool is an int to Python, but fail_under = true is a mistake.
    if (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and 0 <= value <= 100
    ):
        return float(value)
    raise SettingsError(
        f"fail_under for {name} is {value!r}, not a percentage",
        file=pyproject,
        place="[tool.revsim]",
        expected="a number from 0 to 100, such as fail_under = {branches = 80}",
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
