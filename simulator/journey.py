"""Journey events: what a person or a rep does to a record, put on the event queue."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from simulator.engine.records import Record
from simulator.engine.simulation import Simulation
from simulator.engine.trace import Cause
from simulator.generate.identity import fill_fields, make_faker
from simulator.hubspot.model import Workflow
from simulator.scenario.model import JourneyEvent, RecordSpec, Scenario

# The stage field a rep moves, by platform and object.
STAGE_FIELDS = {
    ("hubspot", "deal"): "dealstage",
    ("salesforce", "Opportunity"): "StageName",
}


def schedule_journey(sim: Simulation, scenario: Scenario) -> None:
    """Queue the scenario's records and events at their times."""
    sim.seed = scenario.seed
    sim.stubs = tuple(scenario.stubs)
    faker = make_faker(scenario.seed)
    for spec in scenario.records:
        # Faker runs here, in file order, so identities do not depend on timing.
        fields = fill_fields(spec.system, spec.object, spec.fields, faker)
        sim.schedule(
            scenario.start + spec.at,
            f"create {spec.alias}",
            functools.partial(_create, sim, spec, fields),
        )
    for event in scenario.journey:
        sim.schedule(
            scenario.start + event.at,
            f"{event.kind} {event.record or ''}".strip(),
            functools.partial(handle, sim, event),
        )


def _create(sim: Simulation, spec: RecordSpec, fields: Mapping[str, object]) -> None:
    cause = Cause("journey", f"line {spec.line}: create {spec.alias}")
    if spec.system == "hubspot":
        record = sim.hubspot.create(spec.object, fields, cause, alias=spec.alias)
        for alias in spec.associations:
            other = sim.records.by_alias(alias, "hubspot")
            if other is not None:
                sim.hubspot.associate(record, other, cause)
        return
    fields = resolve_lookups(sim, fields)
    if sim.salesforce.insert(spec.object, fields, cause, alias=spec.alias) is None:
        sim.log(
            "salesforce",
            "refused",
            None,
            f"{spec.alias} was not created: the save was refused",
            cause,
        )


def handle(sim: Simulation, event: JourneyEvent) -> None:
    """Carry out one journey event on the record it names."""
    cause = Cause("person", f"line {event.line}: {event.kind}")
    if event.kind == "wait":
        sim.log("hubspot", "wait", None, "time passes", cause)
        return
    if event.kind in ("turn_on", "turn_off"):
        _switch(sim, event, cause)
        return
    record = find_record(sim, event.record or "", event.system)
    if record is None:
        sim.finding(
            "journey",
            None,
            f"{event.kind} at line {event.line}: {event.record!r} has no "
            f"{event.system or ''} record at this time".replace("  ", " "),
            cause,
        )
        return
    if event.kind in ("form_submission", "page_view", "email_open", "email_click"):
        _engage(sim, record, event, cause)
    elif event.kind == "enrol":
        _enrol(sim, record, event, cause)
    elif event.kind == "edit":
        _edit(sim, record, dict(event.fields), cause)
    elif event.kind == "convert":
        _convert(sim, record, event, cause)
    elif event.kind == "stage_move":
        field = STAGE_FIELDS.get((record.system, record.object), "dealstage")
        _edit(sim, record, {field: event.stage}, cause)


def _engage(sim: Simulation, record: Record, event: JourneyEvent, cause: Cause) -> None:
    if record.system != "hubspot":
        sim.finding(
            "journey",
            record,
            f"{event.kind} at line {event.line} happens in HubSpot, "
            f"but {record.label()} is a Salesforce record",
            cause,
        )
        return
    properties: dict[str, object]
    if event.kind == "form_submission":
        form = event.form or ""
        properties = {
            "hs_form_id": sim.model.forms.get(form, form),
            "hs_form_name": form,
        }
    elif event.kind == "page_view":
        properties = {"hs_url": event.url, "hs_page_url": event.url}
    else:  # email_open, email_click
        properties = {"hs_email_campaign_id": event.email, "hs_content_id": event.email}
    sim.hubspot.event(record, event.kind, properties, cause)
    if event.kind == "form_submission":
        sim.connector.hubspot_form_submitted(record, cause)


def _switch(sim: Simulation, event: JourneyEvent, cause: Cause) -> None:
    """Someone turns a HubSpot workflow on or off."""
    workflow = _workflow(sim, event, cause)
    if workflow is None:
        return
    if event.kind == "turn_on":
        sim.hubspot.turn_on(workflow, event.enrol_existing, cause)
    else:
        sim.hubspot.turn_off(workflow, cause)


def _enrol(sim: Simulation, record: Record, event: JourneyEvent, cause: Cause) -> None:
    workflow = _workflow(sim, event, cause)
    if workflow is None:
        return
    if record.system != "hubspot" or record.object != workflow.object:
        sim.finding(
            "journey",
            record,
            f"enrol at line {event.line}: {workflow.name!r} enrols "
            f"{workflow.object} records, not {record.label()}",
            cause,
        )
        return
    sim.hubspot.enrol_by_hand(record, workflow, cause)


def _workflow(sim: Simulation, event: JourneyEvent, cause: Cause) -> Workflow | None:
    workflow = sim.hubspot.workflow(event.workflow or "")
    if workflow is None:
        names = ", ".join(sorted(w.name for w in sim.hubspot.workflows)) or "none"
        sim.finding(
            "journey",
            None,
            f"{event.kind} at line {event.line}: no HubSpot workflow is named "
            f"{event.workflow!r} (workflows: {names})",
            cause,
        )
    return workflow


def _convert(
    sim: Simulation, record: Record, event: JourneyEvent, cause: Cause
) -> None:
    """A rep converts a Salesforce lead (simulator/engine/lead_conversion.py)."""
    from simulator.engine.lead_conversion import Conversion

    account = (
        sim.records.by_alias(event.account, "salesforce") if event.account else None
    )
    request = Conversion(
        opportunity=event.opportunity is not False,
        status=event.status,
        account=account,
        alias=event.record,
    )
    sim.salesforce.converter.convert(record, request, cause)


def _edit(
    sim: Simulation, record: Record, fields: dict[str, object], cause: Cause
) -> None:
    if record.system == "hubspot":
        sim.hubspot.update(record, fields, cause)
    else:
        sim.salesforce.update(record, resolve_lookups(sim, fields), cause)


def resolve_lookups(sim: Simulation, fields: Mapping[str, object]) -> dict[str, object]:
    """A lookup field (AccountId, WhoId, Parent__c…) may name a record by alias."""
    resolved = dict(fields)
    for name, value in fields.items():
        if not isinstance(value, str) or not _is_lookup(name):
            continue
        target = sim.records.by_alias(value, "salesforce")
        if target is not None:
            resolved[name] = target.id
    return resolved


def _is_lookup(name: str) -> bool:
    return name.endswith("Id") or name.endswith("__c")


def find_record(sim: Simulation, alias: str, system: str | None) -> Record | None:
    """The record an alias names; with ``system``, its counterpart there."""
    record = sim.records.by_alias(alias)
    if record is None or system is None or record.system == system:
        return record
    return sim.records.by_alias(alias, system) or sim.records.twin_of(record)
