"""The report's data: small views of a suite and its coverage, built without HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.checks import Failure
from simulator.coverage import Coverage, DefinitionCoverage, Transition
from simulator.definition import NotSimulated
from simulator.duration import format_offset as offset
from simulator.engine.simulation import Simulation
from simulator.model import AutomationModel
from simulator.report.diagram import Diagram, flow_diagram, workflow_diagram
from simulator.report.matrix import TransitionMatrix, transition_matrices
from simulator.report.slug import unique_slugs
from simulator.report.text import RecordLabels, origin, value_text
from simulator.runner import ScenarioResult, SuiteResult

# The timeline's columns, left to right, with the heading each one gets.
LANES: tuple[tuple[str, str], ...] = (
    ("hubspot", "HubSpot"),
    ("connector", "connector"),
    ("salesforce", "Salesforce"),
)
FIGURE_NAMES = ("elements", "branches", "triggers", "mappings", "transitions")


@dataclass(frozen=True, slots=True)
class Figure:
    """How much of one kind of thing the suite reached."""

    name: str
    reached: int
    total: int

    @property
    def percent(self) -> float | None:
        """None when there is nothing to reach: 0 of 0 is neither good nor bad."""
        return 100 * self.reached / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Summary:
    passed: int
    failed: int
    figures: tuple[Figure, ...]
    unreadable: int = 0  # scenario files that could not be read, so did not run
    # Each coverage figure below its --fail-under threshold, as a sentence
    shortfalls: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def status(self) -> str:
        return "fail" if self.failed or self.unreadable or self.shortfalls else "pass"


@dataclass(frozen=True, slots=True)
class UnreadableRow:
    """A scenario file that could not be read, and why."""

    file: str
    line: int | None
    message: str  # the error as the command line prints it


@dataclass(frozen=True, slots=True)
class ScenarioRow:
    name: str
    file: str
    line: int
    slug: str
    passed: bool
    failures: tuple[str, ...]
    stopped: str | None

    @property
    def status(self) -> str:
        return "pass" if self.passed else "fail"


@dataclass(frozen=True, slots=True)
class FailureRow:
    """A check that did not hold, where it is written, and the whole story."""

    file: str
    line: int
    check: str
    text: str  # as the terminal shows it: expected, actual, how it got there

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One traced change, placed in the lane of the platform where it happened."""

    offset: str
    lane: str
    kind: str
    record: str
    message: str
    cause: str
    origin: str  # what led to the cause, nearest first; blank when nothing did


@dataclass(frozen=True, slots=True)
class ActionRow:
    offset: str
    kind: str
    name: str
    record: str
    cause: str


@dataclass(frozen=True, slots=True)
class FindingRow:
    scenario: str
    scenario_slug: str
    offset: str
    kind: str
    record: str
    message: str
    cause: str


@dataclass(frozen=True, slots=True)
class RecordRow:
    """A record as the run left it, fields sorted by name."""

    label: str
    system: str
    object: str
    id: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ScenarioPage:
    row: ScenarioRow
    failures: tuple[FailureRow, ...]
    description: str
    seed: int
    start: str
    timeline: tuple[TimelineRow, ...]
    actions: tuple[ActionRow, ...]
    findings: tuple[FindingRow, ...]
    records: tuple[RecordRow, ...]


@dataclass(frozen=True, slots=True)
class ElementRow:
    label: str
    kind: str
    hits: int
    key: str  # the element's name in the coverage data


@dataclass(frozen=True, slots=True)
class NotSimulatedRow:
    file: str
    definition: str
    element: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class DefinitionRow:
    name: str
    platform: str
    file: str
    slug: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class DefinitionPage:
    row: DefinitionRow
    diagram: Diagram | None  # workflows and flows; rules and the connector have none
    elements: tuple[ElementRow, ...]
    unreached: tuple[ElementRow, ...]
    not_simulated: tuple[NotSimulatedRow, ...]  # those in the definition's file


@dataclass(frozen=True, slots=True)
class TransitionRow:
    system: str
    object: str
    field: str
    source: str
    target: str
    hits: int
    status: str  # exercised | unexercised | undeclared

    @property
    def status_label(self) -> str:
        labels = {
            "exercised": "declared, exercised",
            "unexercised": "declared, not exercised",
            "undeclared": "seen, not declared",
        }
        return labels[self.status]


@dataclass(frozen=True, slots=True)
class Report:
    summary: Summary
    scenarios: tuple[ScenarioPage, ...]
    definitions: tuple[DefinitionPage, ...]
    transitions: tuple[TransitionRow, ...]
    matrices: tuple[TransitionMatrix, ...]
    findings: tuple[FindingRow, ...]
    not_simulated: tuple[NotSimulatedRow, ...]
    unreadable: tuple[UnreadableRow, ...] = ()


def build_report(
    suite: SuiteResult, coverage: Coverage, shortfalls: Sequence[str] = ()
) -> Report:
    """Everything the report shows, in the order it shows it; ``shortfalls``
    are the coverage figures below the thresholds the run was given."""
    slugs = unique_slugs(result.scenario.name for result in suite.results)
    scenarios = tuple(map(scenario_page, suite.results, slugs))
    not_simulated = tuple(map(_not_simulated, suite.model.not_simulated))
    definitions = definition_pages(coverage.definitions, not_simulated, suite.model)
    transitions = tuple(map(transition_row, coverage.transitions))
    return Report(
        summary=summary(suite, coverage, shortfalls),
        scenarios=scenarios,
        definitions=definitions,
        transitions=transitions,
        matrices=transition_matrices(
            transitions, suite.model.lifecycle, _stage_labels(suite.model)
        ),
        findings=tuple(row for page in scenarios for row in page.findings),
        not_simulated=not_simulated,
        unreadable=tuple(
            UnreadableRow(error.file or "", error.line, error.render())
            for error in suite.unreadable
        ),
    )


def _stage_labels(
    model: AutomationModel,
) -> dict[tuple[str, str, str], dict[str, str]]:
    """Deal stages are ids in HubSpot; the pipelines file gives their labels."""
    stages = {
        stage.id: stage.label
        for pipeline in model.hubspot_portal.pipelines.values()
        for stage in pipeline.stages
    }
    return {("hubspot", "deal", "dealstage"): stages}


def summary(
    suite: SuiteResult, coverage: Coverage, shortfalls: Sequence[str] = ()
) -> Summary:
    figures = coverage.figures()
    return Summary(
        passed=suite.passed,
        failed=suite.failed,
        figures=tuple(Figure(name, *figures[name]) for name in FIGURE_NAMES),
        unreadable=len(suite.unreadable),
        shortfalls=tuple(shortfalls),
    )


def scenario_page(result: ScenarioResult, slug: str) -> ScenarioPage:
    scenario, sim = result.scenario, result.simulation
    row = ScenarioRow(
        name=scenario.name,
        file=scenario.file,
        line=scenario.line,
        slug=slug,
        passed=result.passed,
        failures=tuple(failure.render() for failure in result.failures),
        stopped=result.stopped,
    )
    return ScenarioPage(
        row=row,
        failures=tuple(map(failure_row, result.failures)),
        description=scenario.description or "",
        seed=scenario.seed,
        start=scenario.start.isoformat(),
        timeline=timeline(sim),
        actions=actions(sim),
        findings=findings(sim, row),
        records=records(sim),
    )


def failure_row(failure: Failure) -> FailureRow:
    return FailureRow(failure.file, failure.line, failure.check, failure.render())


def timeline(sim: Simulation) -> tuple[TimelineRow, ...]:
    labels = RecordLabels(sim)
    lanes = {lane for lane, _ in LANES}
    return tuple(
        TimelineRow(
            offset=offset(entry.time - sim.start),
            # An unknown lane would leave its row empty; the middle column shows it.
            lane=entry.lane if entry.lane in lanes else "connector",
            kind=entry.kind,
            record=labels(entry.record),
            message=entry.message,
            cause=entry.cause.describe(),
            origin=origin(entry.cause),
        )
        for entry in sim.trace.entries
    )


def actions(sim: Simulation) -> tuple[ActionRow, ...]:
    labels = RecordLabels(sim)
    return tuple(
        ActionRow(
            offset(action.time - sim.start),
            action.kind,
            action.name,
            labels(action.record),
            action.cause.describe(),
        )
        for action in sim.trace.actions
    )


def findings(sim: Simulation, scenario: ScenarioRow) -> tuple[FindingRow, ...]:
    labels = RecordLabels(sim)
    return tuple(
        FindingRow(
            scenario.name,
            scenario.slug,
            offset(finding.time - sim.start),
            finding.kind,
            labels(finding.record),
            finding.message,
            finding.cause.describe(),
        )
        for finding in sim.trace.findings
    )


def records(sim: Simulation) -> tuple[RecordRow, ...]:
    return tuple(
        RecordRow(
            record.label(),
            record.system,
            record.object,
            record.id,
            tuple(
                (name, value_text(record.fields[name]))
                for name in sorted(record.fields)
            ),
        )
        for record in sim.records
    )


def definition_pages(
    definitions: list[DefinitionCoverage],
    not_simulated: tuple[NotSimulatedRow, ...],
    model: AutomationModel,
) -> tuple[DefinitionPage, ...]:
    slugs = unique_slugs(f"{d.platform} {d.name}" for d in definitions)
    return tuple(
        definition_page(definition, slug, not_simulated, model)
        for definition, slug in zip(definitions, slugs, strict=True)
    )


def definition_page(
    definition: DefinitionCoverage,
    slug: str,
    not_simulated: tuple[NotSimulatedRow, ...],
    model: AutomationModel,
) -> DefinitionPage:
    elements = tuple(
        ElementRow(e.label, e.kind, e.hits, e.key) for e in definition.elements
    )
    figure = Figure("elements", definition.reached, len(definition.elements))
    file = str(definition.file)
    return DefinitionPage(
        row=DefinitionRow(definition.name, definition.platform, file, slug, figure),
        diagram=diagram(definition, model),
        elements=elements,
        unreached=tuple(element for element in elements if element.hits == 0),
        not_simulated=tuple(item for item in not_simulated if item.file == file),
    )


def diagram(definition: DefinitionCoverage, model: AutomationModel) -> Diagram | None:
    """The graph of the workflow or flow that ``definition`` measured, if any."""
    from simulator.engine.hubspot import definition_key

    hits = {element.key: element.hits for element in definition.elements}
    for workflow in model.hubspot_workflows:
        if definition_key(workflow) == definition.key:
            return workflow_diagram(workflow, hits)
    for flow in model.flows:
        if f"flow:{flow.api_name}" == definition.key:
            return flow_diagram(flow, hits)
    return None


def transition_row(transition: Transition) -> TransitionRow:
    if not transition.declared:
        status = "undeclared"
    else:
        status = "exercised" if transition.hits else "unexercised"
    return TransitionRow(
        system=transition.system,
        object=transition.object,
        field=transition.field,
        source="(new record)" if transition.source is None else transition.source,
        target=transition.target,
        hits=transition.hits,
        status=status,
    )


def _not_simulated(item: NotSimulated) -> NotSimulatedRow:
    return NotSimulatedRow(
        str(item.file), item.definition, item.element, item.kind, item.reason
    )
