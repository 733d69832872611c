"""Bench: journeys the fuzzer examines per second, on NextForce and on mutants.

Run with `nox -s bench` or `python bench/fuzzing.py [EXAMPLES]`. The figure
is the survey's: journeys drawn, run through the model and checked against
every invariant. Shrinking what failed is counted apart, in runs, since its
cost depends on the fault rather than on the engine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from simulator.fuzz import DEFAULT_EXAMPLES, fuzz_model

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MODELS = [
    FIXTURES / "nextforce",
    FIXTURES / "mutants" / "rating-hot-off-by-one",
    FIXTURES / "mutants" / "owner-tug-of-war",
]


def main(examples: int) -> None:
    print(
        f"{'model':<24} {'journeys':>9} {'seconds':>8} {'journeys/s':>11} "
        f"{'falsified':>10} {'shrink runs':>12}"
    )
    for model in MODELS:
        with tempfile.TemporaryDirectory() as reports:
            result = fuzz_model(model, examples=examples, reports=reports)
        search = result.search
        print(
            f"{model.name:<24} {search.examined:>9} {search.seconds:>8.2f} "
            f"{search.per_second:>11.0f} {len(result.falsified):>10} "
            f"{search.shrinking:>12}",
            flush=True,
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else DEFAULT_EXAMPLES)
