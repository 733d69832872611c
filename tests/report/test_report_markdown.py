"""summary.md: counts, coverage, failures by file and line, findings, all escaped."""

from __future__ import annotations

import pytest

from simulator.coverage import Coverage
from simulator.report import render_markdown
from simulator.report.markdown import code, fenced, text
from simulator.runner import SuiteResult


@pytest.fixture
def summary(small_suite: tuple[SuiteResult, Coverage]) -> str:
    return render_markdown(*small_suite)


def test_it_opens_with_the_counts(summary: str) -> None:
    lines = summary.splitlines()
    assert lines[0] == "## revsim: 1 passed, 1 failed"
    assert "| 2 | 1 | 1 |" in lines


def test_it_has_a_row_per_coverage_figure(summary: str) -> None:
    assert "| elements | 6 | 8 | 75% |" in summary
    assert "| mappings | 0 | 0 | n/a |" in summary
    assert "| transitions | 3 | 4 | 75% |" in summary


def test_a_failure_names_its_file_and_line_then_folds_the_story(summary: str) -> None:
    failures = summary[summary.index("### Failures") :]
    assert "**a subscriber made a customer by hand**" in failures
    assert (
        "- `scenarios/subscriber-made-customer.yaml:22` "
        "bo.lifecyclestage at the end equals 'marketingqualifiedlead'"
    ) in failures
    assert "<details><summary>" in failures
    assert "  actual:   'customer'" in failures


def test_findings_are_counted_by_kind(
    suite: SuiteResult, coverage: Coverage, summary: str
) -> None:
    assert summary.rstrip().endswith("### Findings: 0")
    assert "| sync\\_error | 1 |" in render_markdown(suite, coverage)


def test_a_passing_suite_has_no_failures_section(
    small_suite: tuple[SuiteResult, Coverage],
) -> None:
    suite, coverage = small_suite
    del suite.results[1]
    assert "### Failures" not in render_markdown(suite, coverage)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("an engaged <b>lead</b>", "an engaged &lt;b&gt;lead&lt;/b&gt;"),
        ("a | b * c_d [x]", "a \\| b \\* c\\_d \\[x\\]"),
        ("two\nlines", "two lines"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
    ],
)
def test_text_is_shown_as_written(value: str, shown: str) -> None:
    assert text(value) == shown


def test_code_and_fences_hold_any_backticks() -> None:
    assert code("a.yaml:3") == "`a.yaml:3`"
    assert code("a`b") == "``a`b``"
    assert code("`a") == "`` `a ``"
    assert fenced("x\n```\ny") == ["````text", "x", "```", "y", "````"]
