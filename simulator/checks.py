"""A scenario's expectations, checked against what the run did."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from simulator.duration import format_offset
from simulator.engine.records import Record
from simulator.engine.simulation import Simulation
from simulator.errors import ScenarioError
from simulator.journey import find_record
from simulator.scenario.model import Expectation, Scenario, show
from simulator.scenario.model_names import model_problems


@dataclass(frozen=True, slots=True)
class Failure:
    """An expectation that did not hold, with where it was written.

    One that names what the model lacks (a misspelt workflow or field) is a
    scenario error rather than a value: it has a ``fix`` and no ``actual``.
    """

    file: str
    line: int
    check: str
    expected: str
    actual: str
    why: tuple[str, ...] = ()
    fix: str | None = None

    def render(self) -> str:
        lines = [f"{self.file}:{self.line}: {self.check}"]
        lines.append(f"  expected: {self.expected}")
        if self.fix is None:
            lines.append(f"  actual:   {self.actual}")
        lines += [f"  {line}" for line in self.why]
        if self.fix is not None:
            lines.append(f"  fix: {self.fix}")
        return "\n".join(lines)

    @classmethod
    def of_problem(cls, problem: ScenarioError) -> Failure:
        """A scenario error found once the model is known, as a failed check."""
        place = f"{problem.place}: " if problem.place else ""
        return cls(
            problem.file or "",
            problem.line or 0,
            place + problem.message,
            problem.expected or "",
            "",
            fix=problem.fix,
        )


def check_all(sim: Simulation, scenario: Scenario) -> list[Failure]:
    """Each expectation checked; one naming a workflow, flow or field the model
    does not have fails as the scenario error it is, not as a value."""
    problems = model_problems(scenario, sim.model, written_fields(sim))
    failures = []
    for index, expectation in enumerate(scenario.expect):
        if index in problems:
            failures.append(Failure.of_problem(problems[index]))
        elif (failure := check(sim, scenario, expectation)) is not None:
            failures.append(failure)
    return failures


def written_fields(sim: Simulation) -> Iterator[tuple[str, str]]:
    """(system, field) of every field a record of the run holds or once held;
    a generator, walked only when an expectation names a field."""
    for record in sim.records:
        for name in (*record.fields, *record.history):
            yield record.system, name


def check(
    sim: Simulation, scenario: Scenario, expectation: Expectation
) -> Failure | None:
    record = find_record(sim, expectation.record, expectation.system)
    if record is None:
        return _failure(
            scenario, expectation, "the record exists", _missing(expectation)
        )
    kind = expectation.check
    if kind == "equals":
        return _check_value(sim, scenario, expectation, record)
    if kind == "sequence":
        return _check_sequence(scenario, expectation, record)
    if kind == "action":
        return _check_actions(sim, scenario, expectation, record)
    if kind == "flow":
        return _check_interview(sim, scenario, expectation, record)
    return _check_entered(sim, scenario, expectation, record)


def _check_value(
    sim: Simulation, scenario: Scenario, expectation: Expectation, record: Record
) -> Failure | None:
    field = expectation.field or ""
    if expectation.at is None:
        actual = record.fields.get(field)
    else:
        actual = record.value_at(field, scenario.start + expectation.at)
    if same_value(expectation.equals, actual):
        return None
    return _failure(
        scenario,
        expectation,
        show(expectation.equals),
        show(actual),
        why=explain(sim, record, field),
    )


def _check_sequence(
    scenario: Scenario, expectation: Expectation, record: Record
) -> Failure | None:
    taken = stage_sequence(record, expectation.field or "")
    wanted = list(expectation.sequence or [])
    if len(taken) == len(wanted) and all(map(same_value, wanted, taken)):
        return None
    return _failure(scenario, expectation, _listing(wanted), _listing(taken))


def _check_actions(
    sim: Simulation, scenario: Scenario, expectation: Expectation, record: Record
) -> Failure | None:
    name = (expectation.name or "").lower()
    done = [
        action
        for action in sim.trace.actions
        if action.record == record.key
        and action.kind == expectation.action
        and (not name or action.name.lower() == name)
    ]
    if expectation.count is not None and len(done) == expectation.count:
        return None
    if expectation.count is None and len(done) >= (expectation.at_least or 0):
        return None
    wanted = (
        expectation.count if expectation.count is not None else expectation.at_least
    )
    names = ", ".join(repr(a.name) for a in done)
    return _failure(
        scenario,
        expectation,
        f"{wanted}",
        f"{len(done)}" + (f" ({names})" if names else ""),
    )


def _check_entered(
    sim: Simulation, scenario: Scenario, expectation: Expectation, record: Record
) -> Failure | None:
    names = definition_names(sim, expectation.entered or "")
    times = sum(
        1
        for _, key, name in sim.trace.enrolments
        if key == record.key and name in names
    )
    if (expectation.count is None and times >= 1) or times == expectation.count:
        return None
    wanted = "at least once" if expectation.count is None else f"{expectation.count}"
    return _failure(scenario, expectation, wanted, f"{times}")


def _check_interview(
    sim: Simulation, scenario: Scenario, expectation: Expectation, record: Record
) -> Failure | None:
    """A flow's last interview for the record: an element it ran, or a value
    it left. A ``$Record.`` path reads the record as the run left it."""
    from simulator.engine.formula_context import follow

    names = definition_names(sim, expectation.flow or "")
    interviews = [
        i for i in sim.trace.interviews if i.record == record.key and i.flow in names
    ]
    if not interviews:
        return _failure(scenario, expectation, "an interview", "the flow never ran")
    last = interviews[-1]
    if expectation.visited is not None:
        if expectation.visited in last.visited:
            return None
        ran = ", ".join(sorted(last.visited)) or "no element"
        return _failure(scenario, expectation, "visited", f"it ran {ran}")
    resource = expectation.resource or ""
    head, _, rest = resource.partition(".")
    if head == "$Record":
        actual = follow(sim.records, record.fields, tuple(rest.split(".")))
    else:
        held = last.variables.get(head)
        path = tuple(rest.split(".")) if rest else ()
        actual = (
            follow(sim.records, held, path) if isinstance(held, dict) and path else held
        )
    if same_value(expectation.holds, actual):
        return None
    return _failure(scenario, expectation, show(expectation.holds), show(actual))


def definition_names(sim: Simulation, name: str) -> set[str]:
    """A flow is named by its label or its API name; a workflow by its name."""
    names = {name}
    for flow in sim.model.flows:
        if name in (flow.api_name, flow.label):
            names |= {flow.api_name, flow.label}
    return names


def stage_sequence(record: Record, field: str) -> list[object]:
    """The values a field took, in order; blanks and repeats are left out."""
    sequence: list[object] = []
    for value in record.values_taken(field):
        if value in (None, ""):
            continue
        if not sequence or not same_value(sequence[-1], value):
            sequence.append(value)
    return sequence


def explain(sim: Simulation, record: Record, field: str) -> tuple[str, ...]:
    """Each change of the field, with its cause: why it holds what it holds."""
    lines = []
    for entry in sim.trace.entries:
        if entry.record == record.key and entry.field == field:
            when = format_offset(entry.time - sim.start)
            lines.append(
                f"{when}: {show(entry.old)} → {show(entry.new)} by "
                f"{entry.cause.explain()}"
            )
    if not lines:
        return (f"{field} never changed after {record.label()} was created",)
    return ("how it got there:", *(f"  {line}" for line in lines))


def same_value(expected: object, actual: object) -> bool:
    """Values as a scenario writes them: 60 equals "60", a date its ISO text."""
    if expected in (None, "") or actual in (None, ""):
        return expected in (None, "") and actual in (None, "")
    if isinstance(expected, bool) or isinstance(actual, bool):
        return str(expected).lower() == str(actual).lower()
    if (
        isinstance(actual, datetime)
        and isinstance(expected, date)
        and not isinstance(expected, datetime)
    ):
        return actual.date() == expected
    try:
        return float(str(expected)) == float(str(actual))
    except ValueError:
        return str(expected) == str(actual)


def _failure(
    scenario: Scenario,
    expectation: Expectation,
    expected: str,
    actual: str,
    why: tuple[str, ...] = (),
) -> Failure:
    return Failure(
        scenario.file, expectation.line, expectation.describe(), expected, actual, why
    )


def _missing(expectation: Expectation) -> str:
    if expectation.system:
        return (
            f"{expectation.record} has no {expectation.system} counterpart: "
            "the connector never synced it"
        )
    return f"{expectation.record} was never created (its save was refused?)"


def _listing(values: Sequence[object]) -> str:
    return "[" + ", ".join(show(v) for v in values) + "]"
