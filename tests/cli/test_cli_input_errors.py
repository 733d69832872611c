"""A file revsim cannot read is named with its line, and never as a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_MODEL, PRICING, Invoke, write

from simulator.errors import ExitCode

MODEL = ("--model", str(BUNDLED_MODEL), "--reports", "reports")
FLOWS = "model/salesforce/force-app/main/default/flows"
FLOW = f"{FLOWS}/Lead_Before_Save_Rating.flow-meta.xml"
WORKFLOW = "model/hubspot/workflows/expansion-signal.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            """
            name: a record with an unknown key
            records:
              - alias: ada
                hubspot: contact
                colour: blue
            """,
            "error: scenarios/bad.yaml:5 (records[0]): "
            "unknown key 'colour' in a record\n"
            "  expected: the keys of a record: "
            "alias, hubspot, salesforce, at, fields, associations\n"
            "  fix: remove 'colour'\n",
        ),
        (
            """
            name: a duration without a unit
            until: 3
            records:
              - alias: ada
                hubspot: contact
            """,
            "error: scenarios/bad.yaml:2 (until): 3 is not a duration\n"
            "  expected: a number and a unit, such as 30s, 15m, 2h, 3d or 1w\n"
            "  fix: add a unit: 3m for minutes, 3d for days\n",
        ),
        (
            """
            name: an edit of a record that does not exist
            records:
              - alias: ada
                hubspot: contact
            journey:
              - at: 1h
                edit: {record: bob, fields: {firstname: Bob}}
            """,
            "error: scenarios/bad.yaml:7 (journey[0].edit.record): "
            "no record has the alias 'bob'\n"
            "  expected: one of the aliases under records: ada\n"
            "  fix: add a record with alias: bob, or use one of those\n",
        ),
    ],
    ids=["unknown key", "wrong type", "dangling alias"],
)
def test_a_scenario_that_does_not_load_is_named_by_file_and_line(
    revsim: Invoke, copy_scenario: Callable[[str], Path], text: str, message: str
) -> None:
    copy_scenario(PRICING)
    write("scenarios/bad.yaml", text)

    result = revsim("run", "scenarios", *MODEL)

    assert result.exit_code == ExitCode.INPUT_ERROR == 3
    assert result.stderr == message
    assert "Traceback" not in result.output
    # The other scenarios still run; the one that did not load is counted.
    assert "1 passed, 0 failed, 1 could not be read" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("path", "broken", "message"),
    [
        (
            FLOW,
            "<Flow><oops\n",
            f"error: {FLOW}:1: malformed XML: unclosed token at column 7\n"
            "  expected: well-formed XML as the Metadata API writes it\n"
            "  fix: retrieve the file again, or fix the XML at that line\n",
        ),
        (
            WORKFLOW,
            '{"name": "Expansion signal",\n',
            f"error: {WORKFLOW}:2: not valid JSON: "
            "Expecting property name enclosed in double quotes at line 2, column 1\n"
            "  expected: a workflow as JSON, as the automation v4 API returns it\n"
            "  fix: export the workflow again: GET /automation/v4/flows/{flowId} "
            "returns it whole\n",
        ),
    ],
    ids=["flow XML", "workflow JSON"],
)
def test_a_malformed_definition_in_the_model_is_named_without_a_traceback(
    revsim: Invoke,
    copy_scenario: Callable[[str], Path],
    model_copy: Path,
    path: str,
    broken: str,
    message: str,
) -> None:
    copy_scenario(PRICING)
    Path(path).write_text(broken, encoding="utf-8")

    result = revsim("run", "scenarios", "--model", str(model_copy))

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == message + (
        "revsim validate model lists every file of the model that cannot be read\n"
    )
    assert result.stdout == ""


def test_a_missing_scenario_path_is_named(revsim: Invoke) -> None:
    result = revsim("run", "nowhere.yaml", *MODEL)

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == "error: nowhere.yaml: no such file or folder\n"
