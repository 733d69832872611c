"""revsim validate on a model folder: one line per file, then the count."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import Invoke

from simulator.errors import ExitCode

FLOWS = "model/salesforce/force-app/main/default/flows"


def test_validate_reads_every_file_of_the_bundled_model(
    revsim: Invoke, model_copy: Path
) -> None:
    result = revsim("validate", str(model_copy))

    assert result.exit_code == ExitCode.OK
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "SIMULATED model/connector.yaml",
        "SIMULATED model/hubspot/account.json",
    ]
    assert lines[-1] == (
        "35 files: 35 fully simulated (100%), 0 partly, 0 fragments, 0 unreadable"
    )


def test_validate_names_an_unreadable_file_and_exits_3(
    revsim: Invoke, model_copy: Path
) -> None:
    broken = f"{FLOWS}/Lead_Before_Save_Rating.flow-meta.xml"
    Path(broken).write_text("<Flow><oops\n", encoding="utf-8")

    result = revsim("validate", str(model_copy))

    assert result.exit_code == ExitCode.INPUT_ERROR
    lines = result.stdout.splitlines()
    at = lines.index(f"ERROR     {broken}")
    assert lines[at + 1] == (
        f"    {broken}:1: malformed XML: unclosed token at column 7"
    )
    assert lines[-2] == (
        "Salesforce record-triggered/process/workflow-rule files: 100% fully "
        "simulated (8 of 8; Apex and invocable actions aside; 1 unreadable not "
        "counted)"
    )
    assert lines[-1] == (
        "35 files: 34 fully simulated (97%), 0 partly, 0 fragments, 1 unreadable"
    )
    assert "Traceback" not in result.output


def test_a_path_without_definition_files_is_an_error_not_zero_files(
    revsim: Invoke, workdir: Path
) -> None:
    Path("notes.md").write_text("# not a definition\n", encoding="utf-8")

    result = revsim("validate", "notes.md")

    assert result.exit_code == ExitCode.INPUT_ERROR
    assert "error: no definition file found under notes.md" in result.stderr
    assert "fix: give the model folder, or a definition file in it" in result.stderr


def test_validate_needs_a_path_that_exists(revsim: Invoke) -> None:
    result = revsim("validate", "nowhere")

    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.endswith(
        "Error: Invalid value for 'PATHS...': Path 'nowhere' does not exist.\n"
    )
