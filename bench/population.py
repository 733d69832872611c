"""Bench: synthetic contacts through the NextForce model; contacts/s, events/s, memory.

Run with `nox -s bench` or `python bench/population.py 1000 10000`.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.engine.settings import EngineSettings
from simulator.engine.simulation import Simulation
from simulator.generate.personas import populate
from simulator.model import load_model

MODEL = Path(__file__).resolve().parent.parent / "fixtures" / "nextforce"
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def measure(size: int, seed: int = 1) -> dict[str, float]:
    model = load_model(MODEL)
    # The loop guard is per run; a population is many journeys in one run.
    settings = EngineSettings(trace_changes=False, max_events=100 * size)
    sim = Simulation(model, START, settings)
    populate(sim, size, seed)
    began = time.perf_counter()
    sim.run(START + timedelta(days=90))
    elapsed = time.perf_counter() - began
    return {
        "contacts": size,
        "seconds": elapsed,
        "contacts/s": size / elapsed,
        "events/s": sim.events_handled / elapsed,
        "events": sim.events_handled,
        "records": len(sim.records),
    }


def main(sizes: list[int]) -> None:
    print(
        f"{'contacts':>9} {'seconds':>8} {'contacts/s':>11} {'events/s':>10} "
        f"{'events':>8} {'records':>8} {'peak MiB':>9}"
    )
    for size in sizes:
        # Each size in a fresh process, so its peak memory is its own.
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


def one(size: int) -> None:
    figures = measure(size)
    # ru_maxrss is the process's peak resident size, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{size:>9} {figures['seconds']:>8.2f} {figures['contacts/s']:>11.0f} "
        f"{figures['events/s']:>10.0f} {figures['events']:>8.0f} "
        f"{figures['records']:>8.0f} {peak:>9.1f}",
        flush=True,
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(int(sys.argv[2]))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
