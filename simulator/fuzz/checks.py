"""Scenario checks that show a refused change: the person's edit, or the sync."""

from __future__ import annotations

import re
from datetime import datetime

from simulator.engine.records import Record
from simulator.fuzz.journey import Check
from simulator.fuzz.observe import Run
from simulator.generate.identity import fill_fields, make_faker
from simulator.journey import STAGE_FIELDS
from simulator.scenario.model import JourneyEvent, RecordSpec

_LINE = re.compile(r"line (\d+): ")
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
