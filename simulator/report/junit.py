"""JUnit XML for CI: one testcase per scenario, the failure's full text in its body."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from simulator.report.view import Report, ScenarioPage

# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_junit(report: Report) -> bytes:
    """The whole document, UTF-8, with its XML declaration."""
    # Every time is 0: scenarios run in virtual time, and the wall time of a run
    # would make two reports of the same suite differ.
    counts = {
        "tests": str(report.summary.total),
        "failures": str(report.summary.failed),
        "errors": "0",
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": "revsim", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": "revsim", "skipped": "0", **counts}
    )
    for page in report.scenarios:
        suite.append(testcase(page))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def testcase(page: ScenarioPage) -> ET.Element:
    row = page.row
    case = ET.Element(
        "testcase",
        {"classname": classname(row.file), "name": _xml(row.name), "time": "0"},
    )
    # What it takes to run the scenario again, for whoever reads the failure.
    properties = ET.SubElement(case, "properties")
    for name, value in (("file", row.file), ("line", row.line), ("seed", page.seed)):
        ET.SubElement(properties, "property", {"name": name, "value": _xml(str(value))})
    if not row.passed:
        case.append(failure(page))
    return case


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


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
