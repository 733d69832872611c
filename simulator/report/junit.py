"""JUnit XML for CI: one testcase per scenario, the failure's full text in its body."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from simulator.report.text import xml_text as _xml
from simulator.report.view import Report, ScenarioPage, UnreadableRow


def render_junit(report: Report) -> bytes:
    """The whole document, UTF-8, with its XML declaration."""
    # Every time is 0: scenarios run in virtual time, and the wall time of a run
    # would make two reports of the same suite differ.
    counts = {
        "tests": str(report.summary.total + len(report.unreadable)),
        "failures": str(report.summary.failed),
        "errors": str(len(report.unreadable)),
        "time": "0",
    }
    cases = [testcase(page) for page in report.scenarios]
    cases += [unreadable_testcase(row) for row in report.unreadable]
    return _document(counts, cases)


def render_model_error(message: str) -> bytes:
    """The document when the model could not be read: one error, nothing run."""
    counts = {"tests": "1", "failures": "0", "errors": "1", "time": "0"}
    case = ET.Element(
        "testcase", {"classname": "revsim", "name": "the model", "time": "0"}
    )
    error = ET.SubElement(
        case,
        "error",
        {"message": _xml(message.splitlines()[0]), "type": "unreadable model"},
    )
    error.text = _xml(message)
    return _document(counts, [case])


def _document(counts: dict[str, str], cases: list[ET.Element]) -> bytes:
    root = ET.Element("testsuites", {"name": "revsim", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": "revsim", "skipped": "0", **counts}
    )
    suite.extend(cases)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def testcase(page: ScenarioPage) -> ET.Element:
    row = page.row
    case = ET.Element(
        "testcase",
        {"classname": classname(row.file), "name": _xml(row.name), "time": "0"},
    )
    if not row.passed:
        case.append(failure(page))
    # What it takes to run the scenario again, for whoever reads the failure.
    # The common schema (Jenkins' junit-10.xsd) allows no properties in a
    # testcase, so this goes where every CI server shows text: system-out.
    ET.SubElement(case, "system-out").text = _xml(rerun_text(page))
    return case


def unreadable_testcase(row: UnreadableRow) -> ET.Element:
    """A scenario file that could not be read: an error, as CI counts it."""
    case = ET.Element(
        "testcase",
        {"classname": classname(row.file), "name": _xml(row.file), "time": "0"},
    )
    first = row.message.splitlines()[0]
    error = ET.SubElement(
        case, "error", {"message": _xml(first), "type": "unreadable scenario"}
    )
    error.text = _xml(row.message)
    return case


def rerun_text(page: ScenarioPage) -> str:
    row = page.row
    return (
        f"scenario: {row.file}:{row.line}\n"
        f"seed: {page.seed}\n"
        f"run again: revsim run {row.file}\n"
    )


def failure(page: ScenarioPage) -> ET.Element:
    """One element for all that went wrong, so CI counts one failed scenario once."""
    row = page.row
    kind = "stopped" if row.stopped and not row.failures else "expectation"
    element = ET.Element(
        "failure", {"message": _xml(failure_message(page)), "type": kind}
    )
    element.text = _xml("\n\n".join([*row.failures, *filter(None, [row.stopped])]))
    return element


def classname(file: str) -> str:
    """``scenarios/webinar/no-show.yaml`` → ``scenarios.webinar.no-show``."""
    path = PurePosixPath(file.replace("\\", "/"))
    if not path.name:
        return "revsim"
    parts = [part for part in path.with_suffix("").parts if part not in ("/", "..")]
    return _xml(".".join(parts))


def failure_message(page: ScenarioPage) -> str:
    """The first thing that went wrong, in one line, and how many more there are."""
    row = page.row
    if not row.failures:
        return row.stopped or "failed"
    first = row.failures[0].splitlines()[0]
    more = len(row.failures) - 1
    return first + (f" (and {more} more)" if more else "")
