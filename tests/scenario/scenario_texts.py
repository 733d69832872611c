"""Paths and texts the scenario tests share: the examples, the documented one."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).with_name("examples")
FORMATS = Path(__file__).parents[2] / "docs" / "formats.md"


def documented_example() -> str:
    """The scenario in docs/formats.md, section Scenarios, as a user copies it."""
    section = FORMATS.read_text(encoding="utf-8").split("## Scenarios", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]
