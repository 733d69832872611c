"""What an expectation names must be in the model: its workflows, flows, fields.

A misspelt name would otherwise fail as "0 times", or pass with ``count: 0``
or ``equals: null``. These checks need the model, so they run with the
scenario, not when its file loads (references.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from simulator.errors import ScenarioError
from simulator.scenario.model import PLATFORM, Scenario
from simulator.scenario.problems import did_you_mean
from simulator.scenario.references import ReferenceChecker, converted_records
from simulator.yaml_lines import LineIndex, PathKey

if TYPE_CHECKING:
    from simulator.model import AutomationModel

# How close an unknown field name must be to a known one to count as its typo.
FIELD_CUTOFF = 0.85
# The names an expected: line lists at most; a did-you-mean finds the rest.
MAX_NAMES = 40


def model_problems(
    scenario: Scenario,
    model: AutomationModel,
    written: Iterable[tuple[str, str]] = (),
    lines: LineIndex | None = None,
) -> dict[int, ScenarioError]:
    """The expectations that name what the model does not have, by index.

    ``entered:`` must name a HubSpot workflow, a Salesforce flow (API name or
    label), process or workflow rule, and ``flow:`` a flow: a misspelt name
    would otherwise fail as "0 times", or pass with ``count: 0``. ``written``
    are the (system, field) pairs the run wrote. Without ``lines`` (the loader
    keeps none) a problem points at the line of its expectation.
    """
    checker = ReferenceChecker(scenario, lines or _expectation_lines(scenario))
    fields: dict[str, set[str]] | None = None
    problems: dict[int, ScenarioError] = {}
    for index, check in enumerate(scenario.expect):
        problem: ScenarioError | None = None
        if check.entered is not None:
            problem = _definition_problem(
                checker, ("expect", index, "entered"), check.entered, model, flows=False
            )
        elif check.flow is not None:
            problem = _definition_problem(
                checker, ("expect", index, "flow"), check.flow, model, flows=True
            )
        elif check.field is not None and check.record in checker.records:
            if fields is None:
                fields = known_fields(model, scenario, written)
            system = check.system or checker.records[check.record].system
            problem = _field_problem(
                checker, ("expect", index, "field"), check.field, system, fields
            )
        if problem is not None:
            problems[index] = problem
    return problems


def _expectation_lines(scenario: Scenario) -> LineIndex:
    return LineIndex(
        {("expect", i): check.line for i, check in enumerate(scenario.expect)}
    )


def _definition_problem(
    checker: ReferenceChecker,
    path: PathKey,
    name: str,
    model: AutomationModel,
    flows: bool,
) -> ScenarioError | None:
    """``entered:`` or ``flow:`` names a definition of the model."""
    shown = [flow.label or flow.api_name for flow in model.flows]
    accepted = shown + [flow.api_name for flow in model.flows]
    if not flows:
        others = [workflow.name for workflow in model.hubspot_workflows]
        others += [rule.name for rule in model.workflow_rules]
        shown, accepted = others + shown, others + accepted
    if name in accepted:
        return None
    what = "Salesforce flow" if flows else "workflow, flow or workflow rule"
    guess = did_you_mean(name, list(dict.fromkeys(accepted)))
    return checker.problem(
        path,
        f"no {what} in the model is named {name!r}",
        _one_of(list(dict.fromkeys(shown)), what, bool(model.flows)),
        f"did you mean {guess!r}?"
        if guess
        else "write the name as the model folder spells it",
    )


def _one_of(names: list[str], what: str, flows: bool) -> str:
    """The names a check may use, flows by label (their API names do too)."""
    if not names:
        return f"a {what}, but the model has none"
    shown = ", ".join(repr(name) for name in names[:MAX_NAMES])
    if len(names) > MAX_NAMES:
        shown += f" and {len(names) - MAX_NAMES} more"
    return f"one of {shown}" + (", or a flow's API name" if flows else "")


def _field_problem(
    checker: ReferenceChecker,
    path: PathKey,
    name: str,
    system: str,
    fields: dict[str, set[str]],
) -> ScenarioError | None:
    """A field name the model does not know, a near miss of one it knows.

    Properties and fields are open-ended (a portal or org has many the model
    never names), so an unknown name alone is no error; one a letter or two
    from a known name is a typo that would read a field nobody sets, which
    ``equals: null`` passes.
    """
    known = fields.get(system, set())
    if name in known:
        return None
    guess = _near_field(name, sorted(known))
    if guess is None:
        return None
    return checker.problem(
        path,
        f"the model knows no {PLATFORM[system]} field {name!r}, but knows {guess!r}",
        "a field a definition reads or sets, the connector maps, a record "
        "of the scenario or of the run has, or the model folder describes",
        f"did you mean {guess!r}?",
    )


def _near_field(name: str, known: list[str]) -> str | None:
    """The known field ``name`` misspells, compared without case (Salesforce
    ignores it in API names; ``Rating`` and ``rating`` are one typo apart)."""
    lowered = {field.lower(): field for field in known}
    close = difflib.get_close_matches(
        name.lower(), list(lowered), n=1, cutoff=FIELD_CUTOFF
    )
    return lowered[close[0]] if close else None


def known_fields(
    model: AutomationModel, scenario: Scenario, written: Iterable[tuple[str, str]] = ()
) -> dict[str, set[str]]:
    """Every field name the model, the scenario or the run knows, by system.

    By system, not by object: a field known on one object is no typo on
    another, and the counterpart a check reads (``system:``) is of another
    object anyway. The run's own writes bring in the fields the engine keeps
    itself (IsClosed, ConvertedDate, hs_deal_stage_probability…), which no
    definition names.
    """
    from simulator.fuzz.vocabulary import read_vocabulary

    known: dict[str, set[str]] = {"hubspot": set(), "salesforce": set()}
    hubspot, salesforce = known["hubspot"], known["salesforce"]
    for system, _, name in read_vocabulary(model).fields:  # read by a definition
        known[system].add(name)
    for system, name in written:
        known.setdefault(system, set()).add(name)
    systems = {spec.alias: spec.system for spec in converted_records(scenario)}
    systems.update((spec.alias, spec.system) for spec in scenario.records)
    for spec in scenario.records:  # given by the scenario
        known[spec.system].update(spec.fields)
    for event in scenario.journey:
        if event.fields and event.record in systems:
            known[event.system or systems[event.record]].update(event.fields)
    for stub in scenario.stubs:  # a stub's set: writes the record it runs for
        hubspot.update(stub.set)
        salesforce.update(stub.set)
    _hubspot_fields(model, hubspot)
    _salesforce_fields(model, salesforce)
    if model.connector is not None:  # mapped by the connector
        for pair in model.connector.objects():
            hubspot.update(mapping.hubspot for mapping in pair.mappings)
            salesforce.update(mapping.salesforce for mapping in pair.mappings)
    if model.lifecycle is not None:
        for stage in model.lifecycle.fields:
            known[stage.system].add(stage.field)
    return known


def _hubspot_fields(model: AutomationModel, known: set[str]) -> None:
    """Properties the workflows set, and those the portal lists options of."""
    known.update(name for _, name in model.hubspot_portal.options)
    for workflow in model.hubspot_workflows:
        for action in workflow.actions.values():
            # Set property, delay until a date property, rotate owner.
            name = getattr(action, "property", None)
            if isinstance(name, str) and name:
                known.add(name)
            known.update(name for name, _ in getattr(action, "properties", ()))


def _salesforce_fields(model: AutomationModel, known: set[str]) -> None:
    """Fields the flows and workflow rules set, and those the metadata describes."""
    from simulator.salesforce.model import Assignment, RecordCreate, RecordUpdate

    known.update(name for _, name in model.field_types)
    known.update(name for _, name in model.picklists)
    known.update(name for _, name in model.required_fields)
    for flow in model.flows:
        for node in flow.nodes.values():
            if isinstance(node, RecordUpdate | RecordCreate):
                known.update(value.field for value in node.values)
            elif isinstance(node, Assignment):
                known.update(
                    item.target.removeprefix("$Record.")
                    for item in node.items
                    if item.target.startswith("$Record.")
                )
    for workflow_file in model.workflow_files:
        known.update(
            update.field.rsplit(".", 1)[-1]
            for update in workflow_file.field_updates.values()
        )
