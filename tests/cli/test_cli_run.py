"""revsim run: the bundled suite passes, a broken expectation fails, the gate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_MODEL, BUNDLED_SCENARIOS, PRICING, Invoke

from simulator.errors import ExitCode

MODEL = ("--model", str(BUNDLED_MODEL), "--reports", "reports")
FULL_COVERAGE = (
    "coverage: elements 85/85, branches 28/28, triggers 25/25, "
    "mappings 28/34, transitions 41/49"
)
# One scenario's coverage: elements 11.8%, branches 7.1%, triggers 20.0%,
# mappings 26.5%, transitions 6.1%.
PRICING_COVERAGE = (
    "coverage: elements 10/85, branches 2/28, triggers 5/25, "
    "mappings 9/34, transitions 3/49"
)


def test_the_bundled_suite_passes_and_meets_its_own_thresholds(
    revsim: Invoke,
) -> None:
    result = revsim(
        "run",
        str(BUNDLED_SCENARIOS),
        *MODEL,
        "--fail-under",
        "branches=100",
        "--fail-under",
        "transitions=83.6",
    )

    assert result.exit_code == ExitCode.OK, result.output
    tail = result.stdout.splitlines()[-4:]
    assert tail == [
        "",
        "58 passed, 0 failed",
        FULL_COVERAGE,
        "report: reports/index.html",
    ]
    # Click's runner is no terminal: no progress line, on either stream.
    assert result.stderr == ""
    assert "running" not in result.output
    assert Path("reports/index.html").is_file()


def test_coverage_of_the_bundled_suite_below_a_threshold_exits_4_naming_it(
    revsim: Invoke,
) -> None:
    result = revsim(
        "run", str(BUNDLED_SCENARIOS), *MODEL, "--fail-under", "transitions=84"
    )

    assert result.exit_code == ExitCode.COVERAGE_BELOW_THRESHOLD == 4
    assert result.stdout.splitlines()[-3:] == [
        FULL_COVERAGE,
        "coverage of transitions is 83.7%, below --fail-under transitions=84",
        "report: reports/index.html",
    ]


def test_a_changed_expected_stage_fails_with_a_diff_at_its_file_and_line(
    revsim: Invoke, copy_scenario: Callable[[str], Path]
) -> None:
    scenario = copy_scenario(PRICING)
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace("equals: marketingqualifiedlead", "equals: salesqualifiedlead"),
        encoding="utf-8",
    )

    result = revsim("run", "scenarios", *MODEL)

    assert result.exit_code == ExitCode.SCENARIOS_FAILED == 1
    assert result.stdout.splitlines()[:5] == [
        f"FAIL scenarios/{PRICING}  "
        "a pricing page visit pushes a lead over the MQL threshold",
        f"    scenarios/{PRICING}:38: bo.lifecyclestage at the end equals "
        "'salesqualifiedlead'",
        "      expected: 'salesqualifiedlead'",
        "      actual:   'marketingqualifiedlead'",
        "      how it got there:",
    ]
    assert "0 passed, 1 failed" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("thresholds", "exit_code", "shortfalls"),
    [
        (["mappings=26.5"], 0, []),
        (
            ["mappings=26.6"],
            4,
            ["coverage of mappings is 26.5%, below --fail-under mappings=26.6"],
        ),
        (
            ["triggers=23"],
            4,
            ["coverage of triggers is 20.0%, below --fail-under triggers=23"],
        ),
        # Compared as printed: 2/28 is 7.14…%, shown and compared as 7.1%.
        (["branches=7.1"], 0, []),
        (
            ["30", "elements=10"],
            4,
            [
                "coverage of branches is 7.1%, below --fail-under 30",
                "coverage of triggers is 20.0%, below --fail-under 30",
                "coverage of mappings is 26.5%, below --fail-under 30",
                "coverage of transitions is 6.1%, below --fail-under 30",
            ],
        ),
        # A figure's own threshold wins over one for all, whatever the order.
        (
            ["elements=10", "30"],
            4,
            [
                "coverage of branches is 7.1%, below --fail-under 30",
                "coverage of triggers is 20.0%, below --fail-under 30",
                "coverage of mappings is 26.5%, below --fail-under 30",
                "coverage of transitions is 6.1%, below --fail-under 30",
            ],
        ),
        (["mappings=90", "mappings=20"], 0, []),
        (["0"], 0, []),
    ],
)
def test_fail_under_names_each_figure_that_fell_short(
    revsim: Invoke,
    copy_scenario: Callable[[str], Path],
    thresholds: list[str],
    exit_code: int,
    shortfalls: list[str],
) -> None:
    copy_scenario(PRICING)
    options = [part for value in thresholds for part in ("--fail-under", value)]

    result = revsim("run", "scenarios", *MODEL, *options)

    assert result.exit_code == exit_code, result.output
    lines = result.stdout.splitlines()
    start = lines.index(PRICING_COVERAGE) + 1
    assert lines[start:-1] == shortfalls


FIGURES = "The figures are elements, branches, triggers, mappings and transitions."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "branchs=80",
            "'branchs' is not a coverage figure; did you mean 'branches'?\n" + FIGURES,
        ),
        ("lines=80", "'lines' is not a coverage figure.\n" + FIGURES),
        (
            "branches=eighty",
            "'eighty' is not a percentage: "
            "write a number from 0 to 100, such as branches=80",
        ),
        (
            "120",
            "'120' is not a percentage: "
            "write a number from 0 to 100, such as branches=80",
        ),
    ],
)
def test_a_wrong_fail_under_is_a_usage_error_echoing_the_value(
    revsim: Invoke, value: str, message: str
) -> None:
    result = revsim("run", *MODEL, "--fail-under", value)

    assert result.exit_code == ExitCode.USAGE_ERROR == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        f"Error: Invalid value for '--fail-under': {message}\n"
    )


def test_fail_under_in_tool_revsim_is_the_gate_the_command_line_overrides(
    revsim: Invoke, copy_scenario: Callable[[str], Path], workdir: Path
) -> None:
    copy_scenario(PRICING)
    (workdir / "pyproject.toml").write_text(
        "[tool.revsim]\nfail_under = {mappings = 30, elements = 10}\n",
        encoding="utf-8",
    )

    configured = revsim("run", "scenarios", *MODEL)
    overridden = revsim("run", "scenarios", *MODEL, "--fail-under", "mappings=20")

    assert configured.exit_code == ExitCode.COVERAGE_BELOW_THRESHOLD
    assert configured.stdout.splitlines()[-2] == (
        "coverage of mappings is 26.5%, below fail_under mappings = 30 in [tool.revsim]"
    )
    assert overridden.exit_code == ExitCode.OK, overridden.output


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "fail_under = {lines = 80}",
            "unknown coverage figure 'lines' in fail_under",
        ),
        (
            'fail_under = "80"',
            "fail_under for elements is '80', not a percentage",
        ),
    ],
)
def test_a_wrong_fail_under_in_tool_revsim_names_pyproject(
    revsim: Invoke, workdir: Path, setting: str, message: str
) -> None:
    (workdir / "pyproject.toml").write_text(
        f"[tool.revsim]\n{setting}\n", encoding="utf-8"
    )

    result = revsim("run", *MODEL)

    assert result.exit_code == ExitCode.USAGE_ERROR
    first = result.stderr.splitlines()[0]
    assert first == f"error: {workdir / 'pyproject.toml'} ([tool.revsim]): {message}"


def test_failing_scenarios_outrank_the_coverage_gate(
    revsim: Invoke, copy_scenario: Callable[[str], Path]
) -> None:
    scenario = copy_scenario(PRICING)
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("equals: Warm", "equals: Hot"), encoding="utf-8")

    result = revsim("run", "scenarios", *MODEL, "--fail-under", "100")

    assert result.exit_code == ExitCode.SCENARIOS_FAILED
    assert "coverage of elements is 11.8%, below --fail-under 100" in result.stdout


def test_a_bug_in_revsim_exits_70_with_its_traceback(
    revsim: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(start: Path | None = None) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("simulator.settings.load_settings", broken)

    result = revsim("run", *MODEL)

    assert result.exit_code == ExitCode.INTERNAL_ERROR == 70
    assert "RuntimeError: a bug" in result.stderr
    assert result.stderr.endswith(
        "internal error: this is a bug in revsim, not in your files; "
        "please report it with the traceback above\n"
    )
