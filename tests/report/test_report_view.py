"""The report's data is right before any HTML is made of it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.coverage import Coverage
from simulator.duration import format_offset as offset
from simulator.report.slug import slugify, unique_slugs
from simulator.report.text import percent_text, value_text
from simulator.report.view import Figure, Report, build_report
from simulator.runner import SuiteResult

SCRIPT = "<script>alert(1)</script>"
FLOW_FILE = "salesforce/flows/Lead_Rating.flow-meta.xml"


@pytest.fixture
def report(suite: SuiteResult, coverage: Coverage) -> Report:
    return build_report(suite, coverage)


def test_summary_counts_scenarios_and_every_coverage_figure(report: Report) -> None:
    summary = report.summary
    assert (summary.passed, summary.failed, summary.total) == (1, 1, 2)
    assert summary.status == "fail"
    figures = {figure.name: figure for figure in summary.figures}
    assert list(figures) == [
        "elements",
        "branches",
        "triggers",
        "mappings",
        "transitions",
    ]
    assert figures["branches"] == Figure("branches", 0, 1)
    assert figures["transitions"].percent == 50.0
    assert figures["mappings"].percent is None


@pytest.mark.parametrize(
    ("percent", "text"),
    [
        (None, "n/a"),
        (0.0, "0%"),
        (0.02, "0.1%"),
        (50.0, "50%"),
        (83.673, "83.7%"),  # as `revsim run` prints it and the gate compares it
        (99.96, "99.9%"),
        (100.0, "100%"),
    ],
)
def test_percent_never_rounds_to_none_or_all_unless_it_is(
    percent: float | None, text: str
) -> None:
    assert percent_text(percent) == text


def test_a_failing_scenario_row_carries_its_rendered_failures(report: Report) -> None:
    failing, passing = (page.row for page in report.scenarios)
    assert failing.status == "fail" and passing.status == "pass"
    assert len(failing.failures) == 1
    assert failing.failures[0].startswith("scenarios/webinar/ada.yaml:20: ")
    assert "expected: 'customer'" in failing.failures[0]
    assert passing.failures == ()


def test_timeline_puts_each_change_in_its_lane_with_its_cause(report: Report) -> None:
    timeline = report.scenarios[0].timeline
    assert [row.lane for row in timeline] == [
        "hubspot",
        "salesforce",
        "hubspot",
        "connector",
        "salesforce",
    ]
    edit = timeline[2]
    assert (edit.offset, edit.record, edit.cause) == (
        "+1d 00:00",
        "ada",
        "a person (line 12: edit)",
    )
    sync = timeline[3]
    assert sync.offset == "+1d 02:00"
    assert sync.cause == "the connector"
    assert sync.origin == "HubSpot workflow 'Lead nurture', action 3"


def test_a_record_rolled_back_is_named_by_object_and_id(report: Report) -> None:
    refused = report.scenarios[0].timeline[-1]
    assert refused.record == "Lead 00Q000000000099"


def test_records_show_their_last_values_sorted_by_field(report: Report) -> None:
    ada = report.scenarios[0].records[0]
    assert (ada.label, ada.system, ada.object) == ("ada", "hubspot", "contact")
    names = [name for name, _ in ada.fields]
    assert names == sorted(names)
    assert ("firstname", SCRIPT) in ada.fields
    assert ("lifecyclestage", "lead") in ada.fields


def test_actions_and_findings_are_listed_per_scenario_and_over_the_suite(
    report: Report,
) -> None:
    page = report.scenarios[0]
    assert [(a.kind, a.name, a.record) for a in page.actions] == [
        ("email", "Welcome", "ada")
    ]
    assert report.findings == page.findings
    finding = report.findings[0]
    assert (finding.scenario, finding.scenario_slug) == (
        "Ada becomes a customer",
        "ada-becomes-a-customer",
    )
    assert (finding.kind, finding.record, finding.message) == (
        "sync_error",
        "ada",
        "Company is required",
    )


def test_a_definition_lists_its_unreached_elements(report: Report) -> None:
    (page,) = report.definitions
    assert page.row.slug == "salesforce-lead-rating"
    assert page.row.figure == Figure("elements", 2, 3)
    assert [element.label for element in page.unreached] == ["Is hot?: Hot"]
    assert [element.hits for element in page.elements] == [2, 2, 0]


def test_a_definition_shows_what_is_not_simulated_in_its_file(report: Report) -> None:
    (item,) = report.not_simulated
    assert (item.file, item.element, item.reason) == (FLOW_FILE, "Send_Survey", "apex")
    assert report.definitions[0].not_simulated == (item,)


def test_transitions_are_declared_and_exercised_or_not(report: Report) -> None:
    rows = [(t.source, t.target, t.status) for t in report.transitions]
    assert rows == [
        ("(new record)", "lead", "exercised"),
        ("lead", "marketingqualifiedlead", "unexercised"),
        ("lead", "customer", "undeclared"),
    ]
    assert report.transitions[2].status_label == "seen, not declared"


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(0), "+0d 00:00"),
        (timedelta(days=1, hours=2), "+1d 02:00"),
        (timedelta(minutes=1, seconds=30), "+0d 00:01:30"),
        (timedelta(days=12, hours=23, minutes=59), "+12d 23:59"),
        (timedelta(hours=-1), "-0d 01:00"),
    ],
)
def test_offsets_read_as_days_and_clock_time(span: timedelta, text: str) -> None:
    assert offset(span) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (True, "true"), (False, "false"), (3, "3"), ("x", "x")],
)
def test_values_read_as_people_write_them(value: object, text: str) -> None:
    assert value_text(value) == text


def test_scenario_slugs_are_unique_in_order_of_the_suite() -> None:
    names = ["Ada signs up", "ada signs up!", "Ada signs up", "ada-signs-up-2"]
    assert unique_slugs(names) == [
        "ada-signs-up",
        "ada-signs-up-2",
        "ada-signs-up-3",
        "ada-signs-up-2-2",
    ]
    assert unique_slugs(names) == unique_slugs(names)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Überprüfung (EU)", "uberprufung-eu"),
        ("HubSpot\u2013Salesforce connector", "hubspot-salesforce-connector"),
        ("../../etc/passwd", "etc-passwd"),
        ("!!!", "page"),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugs_are_safe_file_names(text: str, slug: str) -> None:
    assert slugify(text) == slug
