"""Helpers for the formula tests: evaluate a formula text on a few field values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from simulator.formula import MappingContext, compile_formula

Evaluate = Callable[..., object]


@pytest.fixture
def evaluate() -> Evaluate:
    """evaluate(text, Field=value, ..., prior={...}, variables={...}, is_new=...)."""

    def run(
        text: str,
        *,
        prior: Mapping[str, object] | None = None,
        variables: Mapping[str, object] | None = None,
        is_new: bool = False,
        blank_as_zero: bool = False,
        **current: Any,
    ) -> object:
        context = MappingContext(
            current=current,
            prior_values=prior,
            variables=variables or {},
            is_new=is_new,
        )
        return compile_formula(text, blank_as_zero=blank_as_zero).evaluate(context)

    return run
