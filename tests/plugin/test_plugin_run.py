"""Scenarios run as pytest items: selection, -x, JUnit XML, failures, reports, xdist."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from plugin_suite import (
    BUNDLED_MODEL,
    PRICING,
    SCORE_50,
    STALE,
    break_expectation,
    plugin_args,
    revsim_project,
)

PRICING_NAME = "a pricing page visit pushes a lead over the MQL threshold"
SCORE_50_NAME = "a score of exactly 50 qualifies on both sides"
STALE_NAME = "a lead left Open - Not Contacted for 3 days gets a stale reminder"


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*plugin_args(), "-p", "no:cacheprovider", *args)


def test_minus_k_selects_scenarios_by_their_name(pytester: pytest.Pytester) -> None:
    revsim_project(pytester, PRICING, SCORE_50, STALE)

    result = run(pytester, "scenarios", "-k", "score and not pricing", "-v")

    result.assert_outcomes(passed=1, deselected=2)
    result.stdout.fnmatch_lines([f"scenarios/{SCORE_50}::{SCORE_50_NAME} PASSED*"])


def test_minus_x_stops_at_the_first_failing_scenario(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, PRICING, SCORE_50, STALE)
    break_expectation(folder / PRICING, "equals: Warm", "equals: Hot")
    break_expectation(folder / SCORE_50, "equals: Warm", "equals: Hot")

    result = run(pytester, "scenarios", "-x")

    result.assert_outcomes(failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_a_failing_scenario_shows_its_failures_as_revsim_does_without_traceback(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, PRICING)
    break_expectation(
        folder / PRICING, "equals: marketingqualifiedlead", "equals: salesqualifiedlead"
    )

    result = run(pytester, "scenarios")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            f"*_ {PRICING_NAME} _*",
            f"scenarios/{PRICING}:38: bo.lifecyclestage at the end equals "
            "'salesqualifiedlead'",
            "  expected: 'salesqualifiedlead'",
            "  actual:   'marketingqualifiedlead'",
            "  how it got there:",
            "    +0d 02:00: 'lead' → 'marketingqualifiedlead' by HubSpot workflow "
            "'Lead scoring to MQL', action 1 (set property) ← HubSpot workflow "
            "'Pricing page interest', action 2 (set property) ← a person "
            "(line 17: page_view)",
            f"run it alone: revsim run scenarios/{PRICING}",
        ],
        consecutive=True,
    )
    result.stdout.fnmatch_lines([f"FAILED scenarios/{PRICING}::{PRICING_NAME}*"])
    assert "Traceback" not in result.stdout.str()
    assert ".py:" not in result.stdout.str()


def test_junitxml_has_a_testcase_per_scenario_and_the_failure_text(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, PRICING, SCORE_50)
    break_expectation(folder / PRICING, "equals: Warm", "equals: Hot")

    run(pytester, "scenarios", "--junitxml=junit.xml")

    cases = ET.parse(pytester.path / "junit.xml").getroot().iter("testcase")
    outcomes = {case.get("name"): case.find("failure") for case in cases}
    assert set(outcomes) == {PRICING_NAME, SCORE_50_NAME}
    assert outcomes[SCORE_50_NAME] is None
    failure = outcomes[PRICING_NAME]
    assert failure is not None
    assert failure.text is not None
    assert failure.text.splitlines()[:3] == [
        f"scenarios/{PRICING}:46: bo.Rating in Salesforce at the end equals 'Hot'",
        "  expected: 'Hot'",
        "  actual:   'Warm'",
    ]


def test_revsim_model_option_names_the_model_folder(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, SCORE_50)
    (pytester.path / "pyproject.toml").write_text("", encoding="utf-8")

    result = run(pytester, str(folder), "--revsim-model", str(BUNDLED_MODEL))

    result.assert_outcomes(passed=1)


def test_a_model_that_does_not_load_fails_each_scenario_with_its_error(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, SCORE_50)

    result = run(pytester, str(folder), "--revsim-model", "nowhere")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "the model did not load:",
            "*nowhere: the model folder does not exist",
        ],
        consecutive=True,
    )


def test_revsim_report_covers_the_scenarios_that_ran(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester, PRICING, SCORE_50, STALE)

    result = run(pytester, "scenarios", "-k", "not stale", "--revsim-report", "out")

    result.assert_outcomes(passed=2, deselected=1)
    index = pytester.path / "out" / "index.html"
    result.stdout.fnmatch_lines(["*= revsim =*", f"report: {index}"])
    assert _junit_names(pytester.path / "out") == {PRICING_NAME, SCORE_50_NAME}


def test_the_bundled_suite_passes_on_two_xdist_workers_with_a_report_each(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester)

    result = pytester.runpytest_subprocess(
        *plugin_args(), "-p", "no:cacheprovider", "-n", "2", "--revsim-report", "out"
    )

    result.assert_outcomes(passed=58)
    reports = pytester.path / "out"
    assert sorted(p.name for p in reports.iterdir()) == ["gw0", "gw1"]
    ran = _junit_names(reports / "gw0") | _junit_names(reports / "gw1")
    assert len(ran) == 58
    assert not _junit_names(reports / "gw0") & _junit_names(reports / "gw1")
    result.stdout.fnmatch_lines(
        [
            f"report: {reports}/gw0/index.html",
            f"report: {reports}/gw1/index.html",
            "each pytest-xdist worker wrote the report of the scenarios it ran; "
            "they are not merged*",
        ]
    )


def _junit_names(report: Path) -> set[str]:
    """The scenarios a report covers, read from the junit.xml beside its pages."""
    root = ET.parse(report / "junit.xml").getroot()
    return {str(case.get("name")) for case in root.iter("testcase")}
