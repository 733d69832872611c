"""The report of a run: HTML to read, JUnit XML, JSON and Markdown for CI."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from simulator.coverage import Coverage
from simulator.errors import RevsimError
from simulator.report.html import STYLE_SHEET, TEMPLATES, render_page, render_pages
from simulator.report.json import build_json, render_json, report_schema
from simulator.report.junit import render_junit, render_model_error
from simulator.report.markdown import markdown, model_error_markdown, render_markdown
from simulator.report.output import write_files
from simulator.report.view import Report, build_report
from simulator.runner import SuiteResult

__all__ = [
    "Report",
    "build_json",
    "build_report",
    "render_markdown",
    "report_schema",
    "write_model_error",
    "write_reports",
]


def write_reports(
    suite: SuiteResult,
    coverage: Coverage,
    directory: Path,
    *,
    generated_at: datetime,
    shortfalls: Sequence[str] = (),
) -> list[Path]:
    """Write the report into ``directory``; the first path is its index.html.

    Then come the other pages and the style sheet, junit.xml, report.json and
    summary.md. Everything is rendered before anything is written, so an error
    in a page leaves the folder as it was. ``generated_at`` shows only in each
    page's footer: two reports of the same suite differ nowhere else.
    """
    report = build_report(suite, coverage, shortfalls)
    files = render_pages(report, generated_at)
    files["junit.xml"] = render_junit(report)
    files["report.json"] = render_json(report)
    files["summary.md"] = markdown(report).encode("utf-8")
    return write_files(Path(directory), files)


def write_model_error(
    error: RevsimError, directory: Path, *, generated_at: datetime
) -> list[Path]:
    """A report that says the model could not be read and nothing ran.

    It replaces the last run's index.html, junit.xml and summary.md, and
    removes its report.json, so that CI never publishes an earlier green run
    as this one.
    """
    message = error.render()
    files = {
        "index.html": render_page("model_error.html", generated_at, message=message),
        STYLE_SHEET: (TEMPLATES / STYLE_SHEET).read_bytes(),
        "junit.xml": render_model_error(message),
        "summary.md": model_error_markdown(message).encode("utf-8"),
    }
    written = write_files(Path(directory), files)
    (Path(directory) / "report.json").unlink(missing_ok=True)
    return written
