"""The report of a run: HTML pages to read, JUnit XML for CI, one folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from simulator.coverage import Coverage
from simulator.report.html import render_pages
from simulator.report.junit import render_junit
from simulator.report.output import write_files
from simulator.report.view import Report, build_report
from simulator.runner import SuiteResult

__all__ = ["Report", "build_report", "write_reports"]


def write_reports(
    suite: SuiteResult, coverage: Coverage, directory: Path, *, generated_at: datetime
) -> list[Path]:
    """Write the report into ``directory``; the first path is its index.html.

    Everything is rendered before anything is written, so an error in a page
    leaves the folder as it was. ``generated_at`` shows only in each page's
    footer: two reports of the same suite differ nowhere else.
    """
    report = build_report(suite, coverage)
    files = render_pages(report, generated_at)
    files["junit.xml"] = render_junit(report)
    return write_files(Path(directory), files)
