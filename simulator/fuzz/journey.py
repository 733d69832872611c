"""A fuzzed journey: records and timed steps, as a scenario and as its YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from simulator.duration import format_duration
from simulator.scenario.model import (
    DEFAULT_START,
    Expectation,
    JourneyEvent,
    RecordSpec,
    Scenario,
)

Values = tuple[tuple[str, object], ...]


@dataclass(frozen=True, slots=True)
class PlannedRecord:
    """A record the journey creates at its start."""

    alias: str
    system: str
    object: str
    fields: Values = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One journey event, ``gap`` after the step before it (or the start)."""

    gap: timedelta
    # form_submission | page_view | email_click | edit | stage_move | convert | wait
    kind: str
    record: str | None = None
    system: str | None = None
    detail: str | None = None  # the form, url, email or stage; a convert's WITH_DEAL
    fields: Values = ()

    def payload(self) -> dict[str, Any]:
        """What the scenario event says besides its kind and time."""
        payload: dict[str, Any] = {"record": self.record}
        if self.system:
            payload["system"] = self.system
        if self.kind == "convert":
            payload["opportunity"] = self.detail == WITH_DEAL
        elif attribute := _ATTRIBUTES.get(self.kind):
            payload[attribute] = self.detail
        if self.fields:
            payload["fields"] = {name: _plain(value) for name, value in self.fields}
        return payload


WITH_DEAL = "with an opportunity"
_ATTRIBUTES = {
    "form_submission": "form",
    "page_view": "url",
    "email_click": "email",
    "stage_move": "stage",
}


@dataclass(frozen=True, slots=True)
class Journey:
    records: tuple[PlannedRecord, ...]
    steps: tuple[Step, ...] = ()
    tail: timedelta = timedelta(days=2)  # how long the run goes on after the last step
    seed: int = 0  # the scenario's seed: which arm of an A/B test a record takes

    def offsets(self) -> list[timedelta]:
        """When each step happens, from the start."""
        offsets, now = [], timedelta(0)
        for step in self.steps:
            now += step.gap
            offsets.append(now)
        return offsets

    @property
    def until(self) -> timedelta:
        """The end of the run: the tail after the last step, in whole days."""
        offsets = self.offsets()
        end = (offsets[-1] if offsets else timedelta(0)) + self.tail
        return timedelta(days=-(-end // timedelta(days=1)))


@dataclass(slots=True)
class Check:
    """An expectation for the written scenario, with a comment saying why."""

    entry: dict[str, Any]
    why: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def to_scenario(
    journey: Journey,
    name: str = "fuzzed journey",
    checks: list[Check] | None = None,
    until: timedelta | None = None,
    start: datetime = DEFAULT_START,
) -> Scenario:
    """The scenario the engine runs; each step's ``line`` is its position + 1."""
    records = [
        RecordSpec.model_validate(
            {
                "alias": record.alias,
                "system": record.system,
                "object": record.object,
                "fields": dict(record.fields),
            }
        )
        for record in journey.records
    ]
    events = [
        JourneyEvent.model_validate({**_event(step, at), "line": position + 1})
        for position, (step, at) in enumerate(
            zip(journey.steps, journey.offsets(), strict=True)
        )
    ]
    expect = [Expectation(**check.entry) for check in checks or []]
    return Scenario(
        name=name,
        seed=journey.seed,
        start=start,
        until=until or journey.until,
        records=records,
        journey=events,
        expect=expect,
    )


def _event(step: Step, at: timedelta) -> dict[str, object]:
    event: dict[str, object] = {"at": at, "kind": step.kind}
    if step.kind == "wait":
        return event
    # The engine takes the values as drawn; the YAML file writes them as text.
    return {**event, **step.payload(), "fields": dict(step.fields)}


def to_yaml(
    journey: Journey,
    name: str,
    description: str,
    checks: list[Check],
    until: timedelta | None = None,
) -> str:
    """The scenario file, as a user would write it, comments included."""
    head: dict[str, Any] = {
        "name": name,
        "description": description,
        "until": format_duration(until or journey.until),
        **({"seed": journey.seed} if journey.seed else {}),
        "records": [_record_entry(record) for record in journey.records],
    }
    text = _dump(head)
    if journey.steps:
        steps = [
            _step_entry(step, at)
            for step, at in zip(journey.steps, journey.offsets(), strict=True)
        ]
        text += _dump({"journey": steps})
    if checks:
        text += "expect:\n"
        for check in checks:
            for line in check.why.splitlines():
                text += f"  # {line}\n" if line else "  #\n"
            entry = _dump([{**check.entry, **_yaml_at(check.entry)}])
            text += "".join(f"  {line}\n" for line in entry.splitlines())
    return text


def _record_entry(record: PlannedRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {"alias": record.alias, record.system: record.object}
    if record.fields:
        entry["fields"] = {name: _plain(value) for name, value in record.fields}
    return entry


def _step_entry(step: Step, at: timedelta) -> dict[str, Any]:
    if step.kind == "wait":
        return {"at": format_duration(at), "wait": {}}
    return {"at": format_duration(at), step.kind: step.payload()}


def _yaml_at(entry: dict[str, Any]) -> dict[str, Any]:
    at = entry.get("at")
    return {"at": format_duration(at)} if isinstance(at, timedelta) else {}


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value
    return value


def _dump(data: object) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=88, default_flow_style=None
    )
