"""Fuzzing: journeys drawn from the model, checked against its invariants.

The public surface is ``fuzz_model``, what it returns and its settings;
``revsim fuzz`` is its command line (simulator.fuzz.command). Hypothesis is
imported only when a fuzzing session starts, so the other commands start
without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.fuzz.settings import DEFAULT_EXAMPLES, FuzzSettings

if TYPE_CHECKING:
    from simulator.fuzz.fuzzer import FuzzResult, fuzz_model

__all__ = ["DEFAULT_EXAMPLES", "FuzzResult", "FuzzSettings", "fuzz_model"]


def __getattr__(name: str) -> Any:
    if name in ("FuzzResult", "fuzz_model"):
        from simulator.fuzz import fuzzer

        return getattr(fuzzer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
