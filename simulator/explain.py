"""Why a field holds its value at the end of a scenario: each change and its causes."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from simulator.engine.records import Record
from simulator.engine.settings import EngineSettings
from simulator.engine.simulation import Simulation
from simulator.engine.trace import Cause, TraceEntry
from simulator.errors import SettingsError
from simulator.journey import find_record
from simulator.model import AutomationModel
from simulator.runner import run_scenario
from simulator.scenario.model import PLATFORM, Scenario
from simulator.scenario.references import converted_records

SYSTEMS = tuple(PLATFORM)


@dataclass(frozen=True, slots=True)
class Change:
    """One moment in the field's history: created, changed, or a refused change."""

    offset: timedelta
    kind: str  # created | changed | refused
    old: object
    new: object
    causes: tuple[str, ...]  # the nearest cause first, then what led to it
    message: str = ""  # a refusal in the platform's words


@dataclass(frozen=True, slots=True)
class Explanation:
    """The answer to "why does this field hold this value at the end?"."""

    scenario: str
    file: str
    alias: str
    system: str
    field: str
    value: object
    changes: tuple[Change, ...]


def split_record(text: str, system: str | None = None) -> tuple[str, str | None]:
    """``ada`` or ``ada@salesforce`` as (alias, system); ``system`` is --system."""
    alias, _, suffix = text.partition("@")
    if not suffix:
        return alias, system
    if suffix not in SYSTEMS:
        raise SettingsError(
            f"unknown platform {suffix!r} in {text!r}",
            expected="alias@" + " or alias@".join(SYSTEMS),
            fix=did_you_mean(suffix, SYSTEMS) or "write hubspot or salesforce after @",
        )
    if system is not None and system != suffix:
        raise SettingsError(
            f"{text!r} and --system {system} name different platforms",
            fix="give the platform once, with @ or with --system",
        )
    return alias, suffix


def explain_field(
    model: AutomationModel,
    scenario: Scenario,
    alias: str,
    field: str,
    system: str | None = None,
    settings: EngineSettings | None = None,
) -> Explanation:
    """Run the scenario and gather every change of ``field`` on the record."""
    _check_alias(scenario, alias)
    # The trace must keep every change, whatever [tool.revsim.engine] says.
    settings = dataclasses.replace(settings or EngineSettings(), trace_changes=True)
    sim = run_scenario(model, scenario, settings).simulation
    record = _record(sim, scenario, alias, system)
    _check_field(record, field, scenario.file)
    return Explanation(
        scenario.name,
        scenario.file,
        alias,
        record.system,
        field,
        record.fields.get(field),
        tuple(_history(sim, record, field)),
    )


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """ "did you mean 'x'?" for the nearest choice, or None when none is near."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {near[0]!r}?" if near else None


def _check_alias(scenario: Scenario, alias: str) -> None:
    # The aliases the scenario's checks may name: its records, then the
    # records a convert creates (``<lead>-account`` and the like).
    specs = [*scenario.records, *converted_records(scenario)]
    aliases = list(dict.fromkeys(spec.alias for spec in specs))
    if alias in aliases:
        return
    raise SettingsError(
        f"no record {alias!r} in the scenario",
        file=scenario.file,
        expected="one of " + ", ".join(aliases),
        fix=did_you_mean(alias, aliases) or "use an alias from records:",
    )


def _record(
    sim: Simulation, scenario: Scenario, alias: str, system: str | None
) -> Record:
    record = find_record(sim, alias, system)
    if record is not None:
        return record
    if system:
        message = f"{alias} has no {PLATFORM[system]} counterpart at the end of the run"
    else:
        message = f"{alias} does not exist at the end of the run"
    raise SettingsError(
        message,
        file=scenario.file,
        expected="a record the run created or the connector synced",
        fix=f"revsim run {scenario.file} shows what happened to it",
    )


def _check_field(record: Record, field: str, file: str) -> None:
    if field in record.history:
        return
    held = sorted(record.history)
    where = PLATFORM[record.system]
    raise SettingsError(
        f"{record.label()} in {where} never held a value in {field!r}",
        file=file,
        expected="a field it held: " + ", ".join(held),
        fix=did_you_mean(field, held) or "check the field's API name",
    )


def _history(sim: Simulation, record: Record, field: str) -> Iterator[Change]:
    first = record.history[field][0][1]
    for entry in sim.trace.entries:
        if entry.record != record.key:
            continue
        if entry.kind == "created" and first is not None:
            # A before-save flow may have set it during the insert.
            origin = record.origins.get(field, entry.cause)
            yield _change(sim, entry, "created", None, first, cause=origin)
        elif entry.kind == "changed" and entry.field == field:
            yield _change(sim, entry, "changed", entry.old, entry.new)
        elif entry.kind == "refused" and _mentions(entry.message, field):
            yield _change(sim, entry, "refused", None, None, entry.message)


def _change(
    sim: Simulation,
    entry: TraceEntry,
    kind: str,
    old: object,
    new: object,
    message: str = "",
    cause: Cause | None = None,
) -> Change:
    chain = (cause or entry.cause).chain()
    causes = tuple(link.describe() for link in chain)
    return Change(entry.time - sim.start, kind, old, new, causes, message)


def _mentions(message: str, field: str) -> bool:
    # A refusal names the field it kept, as its first word ("lifecyclestage stays").
    return field in message.replace(":", " ").split()
