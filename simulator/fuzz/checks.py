"""Scenario checks that show a refused change: the person's edit, or the sync."""

from __future__ import annotations

import re
from datetime import datetime

from simulator.engine.records import Record
from simulator.engine.trace import Finding
from simulator.fuzz.invariants import address
from simulator.fuzz.journey import Check
from simulator.fuzz.observe import Run
from simulator.generate.identity import fill_fields, make_faker
from simulator.journey import STAGE_FIELDS
from simulator.scenario.model import JourneyEvent, RecordSpec

_LINE = re.compile(r"line (\d+): ")
_LOOP = re.compile(r"(\S+) ↔ (\S+) went back and forth")
_CREATE = re.compile(r"create (\S+)$")
_NAMES = ("Name", "LastName", "lastname", "dealname", "name", "email", "Email")


def person_change_check(run: Run, cause: str, message: str) -> Check | None:
    """The refused save was a person's: check that what they did took effect.

    ``cause`` names the journey line, as the engine writes it for a person.
    """
    why = (
        "the model refused what a person did here:\n"
        f"{message}\nThis check expects it to go through."
    )
    created = _CREATE.search(cause)
    if created:
        return _created_check(run, created.group(1), why)
    line = _LINE.match(cause)
    if line is None:
        return None
    position = int(line.group(1)) - 1
    if not 0 <= position < len(run.scenario.journey):
        return None
    return _event_check(run, run.scenario.journey[position], why)


def _event_check(run: Run, event: JourneyEvent, why: str) -> Check | None:
    target: dict[str, object] = {"record": event.record}
    if event.system:
        target["system"] = event.system
    changes = dict(event.fields)
    if event.kind == "stage_move":
        spec = run.scenario.record(event.record or "")
        stage_field = STAGE_FIELDS.get((spec.system, spec.object), "dealstage")
        changes = {stage_field: event.stage}
    if not changes:
        return None
    name, value = next(iter(changes.items()))
    return Check({**target, "field": name, "at": event.at, "equals": value}, why)


def _created_check(run: Run, alias: str, why: str) -> Check | None:
    """A record the journey creates exists: its name is the one it was given."""
    filled = _filled(run).get(alias)
    if filled is None:
        return None
    for name in _NAMES:
        value = filled.get(name)
        if value not in (None, ""):
            return Check({"record": alias, "field": name, "equals": value}, why)
    return None


def _filled(run: Run) -> dict[str, dict[str, object]]:
    """Each record's fields as the run created them, Faker's included."""
    faker = make_faker(run.scenario.seed)
    filled: dict[str, dict[str, object]] = {}
    spec: RecordSpec
    for spec in run.scenario.records:
        filled[spec.alias] = fill_fields(spec.system, spec.object, spec.fields, faker)
    return filled


def sync_check(run: Run, contact: Record, when: datetime, message: str) -> Check | None:
    """Salesforce refused the sync: check that a mapped value arrived."""
    settings = run.sim.model.connector
    if settings is None or contact.alias is None:
        return None
    twin = run.sim.records.twin_of(contact)
    if twin is not None and twin.created_at > when:
        twin = None
    for mapping in settings.mappings:
        sent = mapping.to_salesforce(contact.value_at(mapping.hubspot, when))
        held = twin.value_at(mapping.salesforce, when) if twin else None
        if sent in (None, "") or held == sent:
            continue
        if held not in (None, "") and mapping.rule != "two_way":
            continue  # Salesforce's value wins; nothing was to be sent
        return Check(
            {
                "record": contact.alias,
                "system": "salesforce",
                "field": mapping.salesforce,
                "at": when - run.scenario.start,
                "equals": sent,
            },
            f"the connector could not sync {contact.alias} here:\n{message}\n"
            f"This check expects {mapping.hubspot} to arrive as "
            f"{mapping.salesforce}.",
        )
    return None


def loop_checks(run: Run, finding: Finding) -> list[Check]:
    """A field went back and forth through the sync. It should keep the value a
    person gave it where the record was made, and that value's counterpart on
    the other side."""
    fields = _LOOP.search(finding.message)
    record = run.sim.records.get(finding.record) if finding.record else None
    if fields is None or record is None:
        return []
    names = dict(zip(("hubspot", "salesforce"), fields.groups(), strict=True))
    pair = [record, run.sim.records.twin_of(record)]
    origin = next((side for side in pair if side and _made_by_journey(run, side)), None)
    if origin is None:
        return []
    value = _person_value(run, origin, names[origin.system])
    checks = []
    for side in pair:
        where = address(run, side) if side is not None else None
        if side is None or where is None:
            continue
        name = names[side.system]
        wanted = value if side is origin else _across(run, names, side.system, value)
        checks.append(
            Check(
                {**where, "field": name, "equals": wanted},
                f"automation rewrote {name} back and forth through the sync;\n"
                "this check expects it to keep the value a person gave it.",
            )
        )
    return checks


def _made_by_journey(run: Run, record: Record) -> bool:
    return any(
        entry.kind == "created"
        and entry.record == record.key
        and entry.cause.kind == "journey"
        for entry in run.sim.trace.entries
    )


def _across(run: Run, names: dict[str, str], system: str, value: object) -> object:
    """``value`` as the connector writes it on ``system``."""
    settings = run.sim.model.connector
    if settings is None:
        return value
    pairs = getattr(settings, "objects", lambda: ())()
    mappings = [m for pair in pairs for m in pair.mappings] or list(settings.mappings)
    for mapping in mappings:
        if (mapping.hubspot, mapping.salesforce) == (
            names["hubspot"],
            names["salesforce"],
        ):
            if system == "salesforce":
                return mapping.to_salesforce(value)
            return mapping.to_hubspot(value)
    return value


def _person_value(run: Run, record: Record, name: str) -> object:
    from simulator.fuzz.invariants import made_by_person

    taken = record.history.get(name)
    value = taken[0][1] if taken and taken[0][0] == record.created_at else None
    for entry in run.sim.trace.entries:
        if (entry.kind, entry.record, entry.field) != ("changed", record.key, name):
            continue
        if made_by_person(entry.cause):
            value = entry.new
    return value
