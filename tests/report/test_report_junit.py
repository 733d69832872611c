"""JUnit XML that CI servers read: one testcase per scenario, failures in full."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.coverage import Coverage
from simulator.report.junit import classname, render_junit
from simulator.report.view import build_report
from simulator.runner import SuiteResult

Write = Callable[..., list[Path]]


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
    properties = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert properties == {
        "file": "scenarios/webinar/ada.yaml",
        "line": "1",
        "seed": "7",
    }


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
