"""The scenario docs/formats.md shows runs, and passes, on the bundled model."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.model import load_model
from simulator.runner import run_scenario
from simulator.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```yaml\n(name: .*?)```", re.S)


def test_the_scenario_example_of_the_formats_page_passes(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    example = next(block for block in BLOCK.findall(text) if "journey:" in block)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")

    result = run_scenario(
        load_model(ROOT / "fixtures" / "nextforce"), load_scenario(path)
    )

    assert result.passed, "\n".join(failure.render() for failure in result.failures)
