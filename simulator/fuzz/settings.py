"""How long and how the fuzzer searches: its budget, its seed, its database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.engine.settings import EngineSettings

# Journeys drawn per run: enough to find each planted fault of
# fixtures/mutants/ with the default seed, in a few seconds per model.
DEFAULT_EXAMPLES = 400
DEFAULT_STEPS = 8


def seconds(value: float | str | None) -> float | None:
    """A time limit: ``90`` or ``"90"`` is seconds; ``"30s"``, ``"5m"`` and
    ``"1h"`` are durations. ValueError names what it could not read."""
    from simulator.duration import parse_duration

    if value is None or isinstance(value, int | float):
        return None if value is None else float(value)
    text = value.strip()
    try:
        if text.replace(".", "", 1).isdigit():
            return float(text)
        return parse_duration(text).total_seconds()
    except ValueError:
        raise ValueError(
            f"{value!r} is not a time: write seconds (90) or a duration (30s, 5m)"
        ) from None


@dataclass(frozen=True, slots=True)
class FuzzSettings:
    examples: int = DEFAULT_EXAMPLES
    seed: int = 0
    max_time: float | None = None  # seconds of searching, shrinking aside
    max_steps: int = DEFAULT_STEPS
    database: Path | None = None  # the example database folder (examples.py)
    shrink: bool = True  # False: report failures as found (benches do)
    engine: EngineSettings = field(default_factory=EngineSettings)
