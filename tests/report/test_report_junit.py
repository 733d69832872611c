"""JUnit XML that CI servers read: one testcase per scenario, failures in full."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.coverage import Coverage
from simulator.errors import ScenarioError
from simulator.report.junit import classname, render_junit, render_model_error
from simulator.report.view import build_report
from simulator.runner import SuiteResult

Write = Callable[..., list[Path]]


@dataclass(frozen=True)
class Rule:
    """What the common JUnit schema lets an element hold."""

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()
    text: bool = False


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The rules of Jenkins' junit-10.xsd (xunit-plugin), the schema most CI servers
# read JUnit XML by, written out here as data: the XSD itself could not be
# fetched on this machine, and a copy from memory would not be faithful.
_RESULT = Rule(optional=_names("type message"), text=True)
_RERUN = Rule(
    required=_names("type"),
    optional=_names("message"),
    children=_names("stackTrace system-out system-err"),
    text=True,
)
JUNIT_10 = {
    "testsuites": Rule(
        optional=_names("name time tests failures errors"),
        children=_names("testsuite"),
    ),
    "testsuite": Rule(
        required=_names("name tests failures errors"),
        optional=_names(
            "group time skipped timestamp hostname id package file log url"
        ),
        children=_names("testsuite properties testcase system-out system-err"),
    ),
    "properties": Rule(children=_names("property")),
    "property": Rule(required=_names("name value")),
    "testcase": Rule(
        required=_names("name"),
        optional=_names("time classname group"),
        children=_names(
            "skipped error failure rerunFailure rerunError flakyFailure "
            "flakyError system-out system-err"
        ),
    ),
    "failure": _RESULT,
    "error": _RESULT,
    "skipped": _RESULT,
    "rerunFailure": _RERUN,
    "rerunError": _RERUN,
    "flakyFailure": _RERUN,
    "flakyError": _RERUN,
    "system-out": Rule(text=True),
    "system-err": Rule(text=True),
    "stackTrace": Rule(text=True),
}
# A duration in seconds, as the schema's time type reads it.
SECONDS = re.compile(r"[0-9]+(\.[0-9]+)?")


def schema_errors(root: ET.Element) -> list[str]:
    """Every way ``root`` breaks the rules above; none for a valid document."""
    errors = [] if root.tag in ("testsuites", "testsuite") else [f"root {root.tag}"]
    for element in root.iter():
        rule = JUNIT_10.get(element.tag)
        if rule is None:
            errors.append(f"unknown element <{element.tag}>")
            continue
        attributes = set(element.attrib)
        errors += [
            f"<{element.tag}> lacks {name}" for name in rule.required - attributes
        ]
        extra = attributes - rule.required - rule.optional
        errors += [f"<{element.tag}> may not have {name}" for name in sorted(extra)]
        errors += [
            f"<{child.tag}> may not be in <{element.tag}>"
            for child in element
            if child.tag not in rule.children
        ]
        if not rule.text and (element.text or "").strip():
            errors.append(f"<{element.tag}> may not hold text")
        time = element.get("time") if element.tag != "testcase" else None
        if time is not None and not SECONDS.fullmatch(time):
            errors.append(f"<{element.tag}> time is not a duration")
    return errors


@pytest.fixture
def junit(tmp_path: Path, write: Write) -> ET.Element:
    write(tmp_path)
    return ET.parse(tmp_path / "junit.xml").getroot()


def test_one_testcase_per_scenario_named_after_it(junit: ET.Element) -> None:
    assert junit.tag == "testsuites"
    (testsuite,) = junit.findall("testsuite")
    assert (testsuite.get("tests"), testsuite.get("failures")) == ("2", "1")
    cases = testsuite.findall("testcase")
    assert [case.get("name") for case in cases] == [
        "Ada becomes a customer",
        "Ada becomes a lead",
    ]
    assert {case.get("classname") for case in cases} == {"scenarios.webinar.ada"}


def test_a_failing_scenario_has_a_failure_with_the_whole_diff(
    junit: ET.Element,
) -> None:
    failing, passing = junit.iter("testcase")
    assert passing.find("failure") is None
    failure = failing.find("failure")
    assert failure is not None
    message = "scenarios/webinar/ada.yaml:20: ada.lifecyclestage at the end"
    assert (failure.get("message") or "").startswith(message)
    body = failure.text or ""
    assert "expected: 'customer'" in body
    assert "actual:   'lead'" in body
    assert "how it got there:" in body


def test_a_testcase_says_how_to_run_it_again(junit: ET.Element) -> None:
    case = next(junit.iter("testcase"))
    assert case.findtext("system-out") == (
        "scenario: scenarios/webinar/ada.yaml:1\n"
        "seed: 7\n"
        "run again: revsim run scenarios/webinar/ada.yaml\n"
    )


def test_every_time_is_zero_so_reports_compare_equal(junit: ET.Element) -> None:
    times = {
        element.get("time") for element in junit.iter() if "time" in element.attrib
    }
    assert times == {"0"}


def test_a_stopped_run_fails_even_without_a_failed_check(
    suite: SuiteResult, coverage: Coverage
) -> None:
    suite.results[1].stopped = "the run was stopped at edit ada: see the findings"
    root = ET.fromstring(render_junit(build_report(suite, coverage)))
    failure = list(root.iter("testcase"))[1].find("failure")
    assert failure is not None
    assert failure.get("type") == "stopped"
    assert failure.get("message") == "the run was stopped at edit ada: see the findings"


def test_text_xml_cannot_hold_is_replaced_not_dropped(
    suite: SuiteResult, coverage: Coverage
) -> None:
    scenario = suite.results[0].scenario.model_copy(update={"name": "bell\x07 & <b>"})
    suite.results[0].scenario = scenario
    root = ET.fromstring(render_junit(build_report(suite, coverage)))
    assert next(root.iter("testcase")).get("name") == "bell\ufffd & <b>"


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("scenarios/webinar/no-show.yaml", "scenarios.webinar.no-show"),
        ("scenarios\\a.yml", "scenarios.a"),
        ("../shared/a.yaml", "shared.a"),
        ("", "revsim"),
    ],
)
def test_classname_is_the_scenario_file_dotted(file: str, name: str) -> None:
    assert classname(file) == name


def test_the_xml_holds_to_the_common_junit_schema(
    tmp_path: Path, small_suite: tuple[SuiteResult, Coverage], junit: ET.Element
) -> None:
    assert schema_errors(junit) == []
    root = ET.fromstring(render_junit(build_report(*small_suite)))
    assert schema_errors(root) == []


def test_the_schema_check_catches_what_the_schema_forbids() -> None:
    root = ET.fromstring(
        '<testsuites><testsuite name="s" tests="1" failures="0">'
        "<testcase><properties/></testcase></testsuite></testsuites>"
    )
    assert schema_errors(root) == [
        "<testsuite> lacks errors",
        "<testcase> lacks name",
        "<properties> may not be in <testcase>",
    ]


def test_unreadable_files_and_an_unreadable_model_are_errors_the_schema_allows(
    small_suite: tuple[SuiteResult, Coverage],
) -> None:
    suite, coverage = small_suite
    unread = ScenarioError("no record has the alias 'bob'", file="bad.yaml", line=5)
    with_error = dataclasses.replace(suite, unreadable=[unread])

    root = ET.fromstring(render_junit(build_report(with_error, coverage)))
    model = ET.fromstring(render_model_error("broken.json:2: not valid JSON"))

    assert schema_errors(root) == [] and schema_errors(model) == []
    assert (root.get("tests"), root.get("errors")) == ("3", "1")
    error = root.find("testsuite/testcase/error")
    assert error is not None
    assert error.get("message") == "bad.yaml:5: no record has the alias 'bob'"
    assert (model.get("tests"), model.get("errors")) == ("1", "1")
