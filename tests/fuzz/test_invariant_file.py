"""invariants.yaml: what a user writes, and the errors that point at the line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from textwrap import dedent

import pytest
from fuzz_paths import NEXTFORCE

from simulator.errors import DefinitionError
from simulator.fuzz.invariant_file import load_invariants


def write(folder: Path, text: str) -> Path:
    path = folder / "invariants.yaml"
    path.write_text(dedent(text).lstrip(), encoding="utf-8")
    return path


def test_nextforce_declares_four_invariants_and_four_expected_findings() -> None:
    own = load_invariants(NEXTFORCE)

    assert [i.name for i in own.invariants] == [
        "a lead who reaches 50 points becomes an MQL",
        "a lead with 80 points or more is rated Hot",
        "a lead under 50 points, or with no score, is rated Cold",
        "a lead is never flagged stale before it is three days old",
    ]
    mql = own.invariants[0]
    assert (mql.system, mql.object, mql.within, mql.first_time) == (
        "hubspot",
        "contact",
        timedelta(minutes=1),
        True,
    )
    assert [(e.kind, e.caused_by) for e in own.expected] == [
        ("validation_failed", "person"),
        ("validation_failed", "person"),
        ("sync_error", "connector"),
        ("sync_error", "connector"),
    ]


def test_a_model_without_the_file_has_no_invariants_of_its_own(tmp_path: Path) -> None:
    own = load_invariants(tmp_path)

    assert own.invariants == () and own.expected == () and own.file is None


def test_a_formula_that_does_not_parse_is_an_error_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        invariants:
          - name: broken
            for: salesforce Lead
            when: "HubSpot_Score__c >= "
            then: "TRUE"
        """,
    )

    with pytest.raises(DefinitionError) as raised:
        load_invariants(tmp_path)

    assert raised.value.line == 4
    assert raised.value.place == "invariants.0.when"


@pytest.mark.parametrize(
    ("entry", "message", "line"),
    [
        ("for: Lead", "for: 'Lead' names no platform and object", 3),
        ("fro: salesforce Lead", "unknown key 'fro'", 3),
        ("within: soon", "'soon' is not a duration", 4),
    ],
)
def test_mistakes_in_an_invariant_are_errors_that_say_where(
    tmp_path: Path, entry: str, message: str, line: int
) -> None:
    lines = ["invariants:", "  - name: one", f"    {entry}", '    then: "TRUE"']
    if not entry.startswith(("for", "fro")):
        lines.insert(2, "    for: salesforce Lead")
    write(tmp_path, "\n".join(lines) + "\n")

    with pytest.raises(DefinitionError) as raised:
        load_invariants(tmp_path)

    assert message in raised.value.message
    assert raised.value.line == line


def test_two_invariants_may_not_share_a_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        invariants:
          - {name: twice, for: salesforce Lead, then: "TRUE"}
          - {name: twice, for: salesforce Lead, then: "TRUE"}
        """,
    )

    with pytest.raises(DefinitionError, match="'twice' is used twice"):
        load_invariants(tmp_path)


def test_an_invariants_file_named_on_purpose_must_exist(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="does not exist"):
        load_invariants(tmp_path, tmp_path / "missing.yaml")
