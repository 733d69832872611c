"""The GitHub Actions job of docs/ci.md passes on the bundled suite as written."""

from __future__ import annotations

import re
import shlex

from cli_helpers import BUNDLED_MODEL, BUNDLED_SCENARIOS, ROOT, Invoke

from simulator.errors import ExitCode


def test_the_run_step_of_the_ci_example_passes_on_the_bundled_suite(
    revsim: Invoke,
) -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    found = re.search(r"run: (revsim run [^\n]*)", text)
    assert found is not None
    _, *args = shlex.split(found.group(1))

    result = revsim(*args, str(BUNDLED_SCENARIOS), "--model", str(BUNDLED_MODEL))

    assert result.exit_code == ExitCode.OK, result.output
