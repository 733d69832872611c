"""Diagrams: every element and connector with its count, laid out, drawn escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.coverage import Coverage
from simulator.hubspot.model import (
    Connection,
    CreateTask,
    Delay,
    SendEmail,
    UnsupportedAction,
    Workflow,
)
from simulator.report import write_reports
from simulator.report.diagram import (
    Diagram,
    DiagramEdge,
    flow_diagram,
    workflow_diagram,
)
from simulator.report.layout import lay_out
from simulator.report.svg import render_svg
from simulator.report.view import Report, build_report
from simulator.runner import SuiteResult
from simulator.salesforce.model import Flow, FlowTrigger, RecordUpdate, ScheduledPath

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def report(small_suite: tuple[SuiteResult, Coverage]) -> Report:
    return build_report(*small_suite)


def diagram_of(report: Report, name: str) -> Diagram:
    (page,) = [page for page in report.definitions if page.row.name == name]
    assert page.diagram is not None
    return page.diagram


def edge(diagram: Diagram, source: str, target: str) -> DiagramEdge:
    (found,) = [e for e in diagram.edges if (e.source, e.target) == (source, target)]
    return found


def test_a_workflow_is_drawn_from_its_trigger_with_every_action(report: Report) -> None:
    diagram = diagram_of(report, "Lead nurture")
    shapes = {node.id: (node.shape, node.hits) for node in diagram.nodes}
    assert shapes == {
        "trigger": ("start", 1),
        "action:1": ("task", 1),
        "action:2": ("delay", 1),
        "action:3": ("gateway", 1),
        "action:4": ("task", 1),
        "action:5": ("task", 0),
        "end:5": ("end", None),
        "end:6": ("end", None),
    }
    labels = {node.id: node.label for node in diagram.nodes}
    assert labels["action:2"] == "wait 2 days"
    assert labels["action:5"] == "create task: Call & check <b>interest</b>"


def test_a_branch_outcome_is_a_connector_with_its_own_count(report: Report) -> None:
    diagram = diagram_of(report, "Lead nurture")
    engaged = edge(diagram, "action:3", "action:4")
    assert (engaged.label, engaged.kind, engaged.hits, engaged.exact) == (
        "Engaged",
        "branch",
        1,
        True,
    )
    assert edge(diagram, "action:3", "action:5").status == "unreached"


def test_a_flow_decision_counts_each_outcome_and_its_default(report: Report) -> None:
    diagram = diagram_of(report, "Lead | Before Save | Rating")
    hot = edge(diagram, "element:Score_Band", "element:Set_Rating_Hot")
    cold = edge(diagram, "element:Score_Band", "element:Set_Rating_Cold")
    assert (hot.label, hot.hits) == ("Hot", 1)
    assert (cold.label, cold.hits, cold.status) == ("Cold", 0, "unreached")
    nodes = {node.id: node.status for node in diagram.nodes}
    assert nodes["element:Set_Rating_Cold"] == "unreached"
    assert nodes["element:Set_Rating_Hot"] == "reached"


def test_a_connector_into_a_merge_is_only_an_upper_bound() -> None:
    email = SendEmail("1", "0-4", Connection("3"), content_id="e")
    goto = SendEmail("2", "0-4", Connection("3", goto=True), content_id="f")
    last = CreateTask("3", "0-3", None, subject="call")
    workflow = Workflow(
        "7",
        "Merge",
        "w.json",
        "0-1",
        True,
        None,
        "1",
        {"1": email, "2": goto, "3": last},
    )
    diagram = workflow_diagram(workflow, {"trigger": 4, "1": 4, "2": 0, "3": 4})
    first = edge(diagram, "action:1", "action:3")
    assert (first.hits, first.exact) == (4, False)
    jump = edge(diagram, "action:2", "action:3")
    assert (jump.kind, jump.label, jump.hits, jump.exact) == ("goto", "go to", 0, True)
    assert edge(diagram, "trigger", "action:1").exact  # its target's only way in


def test_a_stub_keeps_every_path_it_could_take() -> None:
    stub = UnsupportedAction(
        "1",
        "0-9",
        Connection("2"),
        kind="A/B test",
        branches=(Connection("2"), Connection("3")),
    )
    two = Delay("2", "0-1", None, minutes=90)
    three = Delay("3", "0-1", None, minutes=60)
    actions = {"1": stub, "2": two, "3": three}
    workflow = Workflow("8", "Stub", "s.json", "0-1", True, None, "1", actions)
    diagram = workflow_diagram(workflow, {})
    targets = [e.target for e in diagram.edges if e.source == "action:1"]
    assert targets == ["action:2", "action:3"]
    labels = {node.id: (node.shape, node.label) for node in diagram.nodes}
    assert labels["action:1"] == ("stub", "A/B test (not simulated)")
    assert labels["action:2"][1] == "wait 90 minutes"
    assert labels["action:3"][1] == "wait 1 hour"


def test_a_scheduled_path_is_a_start_of_its_own_and_a_fault_a_connector() -> None:
    update = RecordUpdate("Mark", "Mark account", None, fault="Log")
    log = RecordUpdate("Log", "Log the fault", None)
    path = ScheduledPath("Renewal", "Renewal", "Log", 330, "Days", "RecordField")
    trigger = FlowTrigger("Opportunity", "after", "Update", scheduled_paths=(path,))
    nodes = {"Mark": update, "Log": log}
    flow = Flow("Won", "Won", "won.xml", "Flow", "Active", trigger, "Mark", nodes)
    diagram = flow_diagram(flow, {"start": 2, "Mark": 2, "path:Renewal": 1, "Log": 1})
    starts = [node.id for node in diagram.nodes if node.shape == "start"]
    assert starts == ["start", "path:Renewal"]
    fault = edge(diagram, "element:Mark", "element:Log")
    assert (fault.kind, fault.label, fault.hits) == ("fault", "fault", 1)
    assert not fault.exact  # Log is also a scheduled path's first element


def test_the_layout_puts_each_layer_below_the_last_without_overlap(
    report: Report,
) -> None:
    drawing = lay_out(diagram_of(report, "Lead nurture"))
    boxes = {box.node.id: box for box in drawing.boxes}
    assert boxes["trigger"].y < boxes["action:1"].y < boxes["action:3"].y
    assert boxes["action:4"].y == boxes["action:5"].y
    left, right = sorted([boxes["action:4"], boxes["action:5"]], key=lambda b: b.x)
    assert left.x + left.width // 2 < right.x - right.width // 2
    for route in drawing.routes:
        assert len(route.points) >= 2
        for x, y in route.points:
            assert 0 <= x <= drawing.width and 0 <= y <= drawing.height


def test_the_same_diagram_is_laid_out_the_same_every_time(report: Report) -> None:
    diagram = diagram_of(report, "Lead | Before Save | Rating")
    assert lay_out(diagram) == lay_out(diagram)
    assert render_svg(lay_out(diagram), "t") == render_svg(lay_out(diagram), "t")


def test_the_svg_is_well_formed_and_holds_labels_as_text(report: Report) -> None:
    svg = render_svg(lay_out(diagram_of(report, "Lead nurture")), 'A "<b>" & co')
    assert "<b>" not in svg
    assert "create task: Call &amp; check &lt;b&gt;interest&lt;/b&gt;" in svg
    root = ET.fromstring(svg)
    assert root.findtext(f"{SVG}title") == 'A "<b>" & co'
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Engaged · 1" in texts
    assert "Not engaged · 0" in texts
    classes = [g.get("class") for g in root.iter(f"{SVG}g")]
    assert "node task unreached" in classes
    assert "edge reached branch" in classes


def test_a_definition_without_a_graph_has_no_diagram(
    suite: SuiteResult, coverage: Coverage
) -> None:
    # The hand-made coverage names a flow that the empty model does not hold.
    (page,) = build_report(suite, coverage).definitions
    assert page.diagram is None


def test_a_workflow_page_shows_its_diagram_inline_with_a_legend(
    tmp_path: Path, small_suite: tuple[SuiteResult, Coverage]
) -> None:
    write_reports(*small_suite, tmp_path, generated_at=datetime(2026, 2, 1, tzinfo=UTC))
    page = (tmp_path / "definitions/hubspot-lead-nurture.html").read_text("utf-8")
    diagram = page[page.index("<h2>Diagram</h2>") : page.index("</svg>")]
    assert '<ul class="legend">' in diagram
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="diagram"' in diagram
    assert "never reached" in diagram
    index = (tmp_path / "index.html").read_text("utf-8")
    assert '<table class="matrix">' in index
