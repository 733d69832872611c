"""summary.md: the run in a few tables, for a CI job's page (GitHub's step summary)."""

from __future__ import annotations

import re
from collections import Counter

from simulator.coverage import Coverage
from simulator.report.text import percent_text
from simulator.report.view import Report, ScenarioPage, build_report
from simulator.runner import SuiteResult

# Characters Markdown or the HTML inside it would read as markup.
_MARKUP = re.compile(r"([\\`*_\[\]|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def render_markdown(suite: SuiteResult, coverage: Coverage) -> str:
    """The summary of a run as GitHub-flavoured Markdown."""
    return markdown(build_report(suite, coverage))


def markdown(report: Report) -> str:
    sections = [_heading(report), _unreadable(report), _coverage(report)]
    sections.append(_shortfalls(report))
    sections.append(_failures(report))
    sections.append(_findings(report))
    return "\n\n".join(section for section in sections if section) + "\n"


def model_error_markdown(message: str) -> str:
    """The summary when the model could not be read and nothing ran."""
    lines = ["## revsim: the model could not be read", "", "No scenario ran.", ""]
    return "\n".join([*lines, *fenced(message)]) + "\n"


def _heading(report: Report) -> str:
    summary = report.summary
    verdict = "failed" if summary.status == "fail" else "passed"
    unread = f", {summary.unreadable} could not be read" if summary.unreadable else ""
    ran = "1 scenario ran" if summary.total == 1 else f"{summary.total} scenarios ran"
    return "\n".join(
        [
            f"## revsim: {summary.passed} passed, {summary.failed} failed{unread}",
            "",
            f"The suite {verdict}: {ran}{unread}"
            + (", and coverage fell short." if summary.shortfalls else "."),
            "",
            "| Scenarios | Passed | Failed |",
            "|---:|---:|---:|",
            f"| {summary.total} | {summary.passed} | {summary.failed} |",
        ]
    )


def _unreadable(report: Report) -> str:
    if not report.unreadable:
        return ""
    lines = ["### Scenario files that could not be read", ""]
    for row in report.unreadable:
        lines += [f"- {code(row.file)}", "", *fenced(row.message), ""]
    return "\n".join(lines).rstrip()


def _shortfalls(report: Report) -> str:
    if not report.summary.shortfalls:
        return ""
    lines = ["### Below the coverage threshold", ""]
    lines += [f"- {text(sentence)}" for sentence in report.summary.shortfalls]
    return "\n".join(lines)


def _coverage(report: Report) -> str:
    lines = [
        "### Coverage",
        "",
        "| | Reached | Total | Percent |",
        "|---|---:|---:|---:|",
    ]
    for figure in report.summary.figures:
        percent = percent_text(figure.percent)
        lines.append(
            f"| {figure.name} | {figure.reached} | {figure.total} | {percent} |"
        )
    return "\n".join(lines)


def _failures(report: Report) -> str:
    failed = [page for page in report.scenarios if not page.row.passed]
    if not failed:
        return ""
    lines = ["### Failures", ""]
    for page in failed:
        lines.extend(_failure(page))
    return "\n".join(lines).rstrip()


def _failure(page: ScenarioPage) -> list[str]:
    """A line per failed check with its file:line, then the whole story folded."""
    row = page.row
    lines = []
    for failure in page.failures:
        lines.append(f"- {code(failure.place)} {text(failure.check)}")
    if row.stopped:
        lines.append(f"- {code(f'{row.file}:{row.line}')} {text(row.stopped)}")
    body = "\n\n".join([f.text for f in page.failures] + [row.stopped or ""]).strip()
    return [
        f"**{text(row.name)}**",
        "",
        *lines,
        "",
        "<details><summary>Expected, actual and how it got there</summary>",
        "",
        *fenced(body),
        "",
        "</details>",
        "",
    ]


def _findings(report: Report) -> str:
    count = len(report.findings)
    lines = [f"### Findings: {count}"]
    if not count:
        return lines[0]
    kinds = Counter(finding.kind for finding in report.findings)
    lines += ["", "| Kind | Count |", "|---|---:|"]
    lines += [f"| {text(kind)} | {kinds[kind]} |" for kind in sorted(kinds)]
    return "\n".join(lines)


def text(value: str) -> str:
    """Plain text that Markdown shows as written, on one line."""
    escaped = "".join(_HTML.get(c, c) for c in " ".join(value.split()))
    return _MARKUP.sub(r"\\\1", escaped)


def code(value: str) -> str:
    """An inline code span that holds any text, backticks included."""
    ticks = "`" * (_longest_run(value, "`") + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def fenced(value: str) -> list[str]:
    """A code block whose fence no line of ``value`` can close."""
    fence = "`" * max(3, _longest_run(value, "`") + 1)
    return [f"{fence}text", *value.splitlines(), fence]


def _longest_run(value: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", value)
    return max((len(run) for run in runs), default=0)
