"""docs/rules.md names, for each platform rule, the test that pins it: those
tests must exist, or the table promises coverage that is not there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
# `test_file.py::test_name`, or `::test_name` for one more test of the file before.
REFERENCE = re.compile(r"`(?:(?:[\w/]*/)?(test_\w+\.py))?::(test_\w+)`")


def _defined_tests() -> dict[str, set[str]]:
    defined: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        names = re.findall(r"^(?:async )?def (test_\w+)", path.read_text(), re.M)
        defined.setdefault(path.name, set()).update(names)
    return defined


def _referenced_tests() -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(RULES.read_text().splitlines(), start=1):
        current = ""
        for match in REFERENCE.finditer(line):
            current = match.group(1) or current
            found.append((number, current, match.group(2)))
    return found


def test_every_test_the_rules_table_names_exists() -> None:
    defined = _defined_tests()
    references = _referenced_tests()

    missing = [
        f"docs/rules.md:{number}: {file}::{name}"
        for number, file, name in references
        if name not in defined.get(file, set())
    ]
    assert len(references) > 150
    assert missing == []
