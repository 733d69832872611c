"""Paths and helpers the CLI tests share: the bundled suite, writing a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

from click.testing import Result

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SCENARIOS = ROOT / "scenarios"
BUNDLED_MODEL = ROOT / "fixtures" / "nextforce"
PRICING = "pricing-visit-pushes-lead-over-mql-threshold.yaml"

Invoke = Callable[..., Result]


def write(path: Path | str, text: str) -> Path:
    """Write ``text`` (dedented) to ``path``, making its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path
