"""Suites for the report tests: two scenarios run on an empty model, hand-made
coverage beside them; and a real run of tests/report/suite, a model of one
workflow, one flow and a lifecycle map with two scenarios."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from simulator.coverage import (
    Coverage,
    CoveredElement,
    DefinitionCoverage,
    Transition,
    measure,
)
from simulator.definition import NotSimulated
from simulator.engine.trace import Action, Cause, Finding, TraceEntry
from simulator.model import AutomationModel, load_model
from simulator.report import write_reports
from simulator.runner import SuiteResult, run_suite
from simulator.scenario.loader import load_scenarios
from simulator.scenario.model import Scenario

SMALL_SUITE = Path(__file__).parent / "suite"

SCRIPT = "<script>alert(1)</script>"
FLOW_FILE = "salesforce/flows/Lead_Rating.flow-meta.xml"
WHEN = datetime(2026, 2, 1, 12, 30, tzinfo=UTC)


def scenario(name: str, **extra: object) -> Scenario:
    return Scenario.model_validate(
        {
            "name": name,
            "file": "scenarios/webinar/ada.yaml",
            "line": 1,
            "seed": 7,
            "records": [
                {
                    "alias": "ada",
                    "system": "hubspot",
                    "object": "contact",
                    "fields": {"firstname": SCRIPT},
                    "line": 4,
                },
                {"alias": "lee", "system": "salesforce", "object": "Lead", "line": 8},
            ],
            "journey": [
                {
                    "at": "1d",
                    "kind": "edit",
                    "record": "ada",
                    "fields": {"lifecyclestage": "lead"},
                    "line": 12,
                }
            ],
            **extra,
        }
    )


def build_suite() -> SuiteResult:
    """One failing and one passing scenario, with a sync, an action and a finding."""
    failing = scenario(
        "Ada becomes a customer",
        expect=[
            {
                "record": "ada",
                "field": "lifecyclestage",
                "equals": "customer",
                "line": 20,
            }
        ],
    )
    passing = scenario("Ada becomes a lead")
    suite = run_suite(AutomationModel(root=Path(".")), [failing, passing])
    _add_sync(suite)
    # The engine only lists what a definition could not import; an empty model
    # has none, so one is put where the model looks for them.
    item = NotSimulated(FLOW_FILE, "Lead_Rating", "Send_Survey", "actionCall", "apex")
    stub = SimpleNamespace(rules=[], not_simulated=[item])
    suite.model.workflow_files.append(stub)  # type: ignore[arg-type]
    return suite


def _add_sync(suite: SuiteResult) -> None:
    """What the connector would have traced, added by hand to the first run."""
    sim = suite.results[0].simulation
    when = sim.start + timedelta(days=1, hours=2)
    ada = sim.records.by_alias("ada", "hubspot")
    assert ada is not None
    workflow = Cause("hubspot_workflow", "Lead nurture", "action 3")
    sync = Cause("connector", "", parent=workflow)
    trace = sim.trace
    trace.add(TraceEntry(when, "connector", "sync", ada.key, "ada synced", sync))
    trace.add(
        TraceEntry(
            when,
            "salesforce",
            "refused",
            "salesforce:Lead:00Q000000000099",
            "save refused",
            sync,
        )
    )
    trace.actions.append(Action(when, "email", "Welcome", ada.key, workflow))
    trace.findings.append(
        Finding(when, "sync_error", ada.key, "Company is required", sync)
    )


def build_coverage() -> Coverage:
    elements = (
        CoveredElement("start", "start: entry conditions met", "trigger", 2),
        CoveredElement("Set_Rating", "Set rating", "element", 2),
        CoveredElement("Is_Hot/Hot", "Is hot?: Hot", "branch", 0),
    )
    flow = DefinitionCoverage(
        "flow:Lead_Rating", "Lead rating", "salesforce", FLOW_FILE, elements
    )
    stage = ("hubspot", "contact", "lifecyclestage")
    transitions = [
        Transition(*stage, None, "lead", declared=True, hits=2),
        Transition(*stage, "lead", "marketingqualifiedlead", declared=True, hits=0),
        Transition(*stage, "lead", "customer", declared=False, hits=1),
    ]
    return Coverage([flow], transitions)


@pytest.fixture
def suite() -> SuiteResult:
    return build_suite()


@pytest.fixture
def make_suite() -> Callable[[], SuiteResult]:
    """For tests that need the same suite run twice, each run its own."""
    return build_suite


@pytest.fixture
def coverage() -> Coverage:
    return build_coverage()


@pytest.fixture
def write(
    make_suite: Callable[[], SuiteResult],
) -> Callable[..., list[Path]]:
    """write(folder, when=...): a fresh run of the suite, reported into folder."""

    def run(folder: Path, when: datetime = WHEN) -> list[Path]:
        return write_reports(make_suite(), build_coverage(), folder, generated_at=when)

    return run


def run_small_suite() -> tuple[SuiteResult, Coverage]:
    """tests/report/suite run as `revsim run` runs it from inside that folder,
    so that every path in the report is relative and the same on any machine."""
    with contextlib.chdir(SMALL_SUITE):
        model = load_model(Path("model"))
        loaded = load_scenarios([Path("scenarios")])
        assert not loaded.errors, [error.render() for error in loaded.errors]
        suite = run_suite(model, loaded.scenarios)
    records = [r for result in suite.results for r in result.simulation.records]
    return suite, measure(model, suite.hits(), records)


@pytest.fixture
def small_suite() -> tuple[SuiteResult, Coverage]:
    return run_small_suite()


@pytest.fixture
def make_small_suite() -> Callable[[], tuple[SuiteResult, Coverage]]:
    """For tests that need tests/report/suite run twice, each run its own."""
    return run_small_suite


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of tests/report/suite, written once for a module's tests."""
    folder = tmp_path_factory.mktemp("small-report")
    write_reports(*run_small_suite(), folder, generated_at=WHEN)
    return folder
