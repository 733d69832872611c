"""The invariants every journey must keep, checked on a finished run.

Built in, for every model:

- ``lifecycle``: automation never moves a stage backward. The stages and
  their order are those of lifecycle.yaml (HubSpot's lifecycle stages when
  there is none). A move is read on the sequence of non-blank values: a
  person may move a stage back, and so may the connector on a person's
  behalf; automation may not, except by a deliberate recycle through a
  blank (HubSpot's documented way round its forward-only rule) to a move
  that lifecycle.yaml lists as expected.
- ``loop``: no sync loop, no workflow or flow cycle, no runaway chain of
  saves, no run stopped by the event budget.
- ``finding``: no validation failure, flow fault or sync error that
  invariants.yaml does not list under ``expected_findings``. A person's
  own save refused for a missing required field is the platform doing its
  job, not a finding.
- ``stub``: no element revsim cannot simulate is reached without a stub.
- ``conflict``: two automations never write different values to one field
  of one record at the same moment.
- ``error``: the run completes.

And the model's own, from invariants.yaml (``user:<name>``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from simulator.duration import format_offset
from simulator.engine.records import Record
from simulator.engine.settings import HUBSPOT_LIFECYCLE_STAGES
from simulator.engine.trace import Cause, Finding, TraceEntry
from simulator.fuzz.invariant_file import ExpectedFinding, InvariantFile
from simulator.fuzz.journey import Check
from simulator.fuzz.observe import Run
from simulator.scenario.model import show

NAMES = {
    "lifecycle": "automation never moves a lifecycle stage backward",
    "loop": "no sync loop, workflow cycle or runaway chain of saves",
    "finding": "no validation failure, flow fault or sync error the model "
    "does not expect",
    "stub": "no unsupported element is reached without a stub",
    "conflict": "two automations never write different values to one field "
    "at one moment",
    "error": "the run completes without an error",
}
LOOP_FINDINGS = ("sync_loop", "event_budget", "workflow_cycle", "flow_cycle")
CHECKED_FINDINGS = ("validation_failed", "flow_fault", "sync_error")
_RUNAWAY = "maximum trigger depth"
_RULE_OBJECT = re.compile(r"validation rule (\w+)\.")
# The platform refusing a person's own bad input is not the model's fault.
_PERSON_INPUT = ("REQUIRED_FIELD_MISSING", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")


@dataclass(frozen=True, slots=True)
class Violation:
    """An invariant a run did not keep: where, when, and a check that shows it."""

    key: str
    invariant: str
    time: datetime
    record: str | None
    message: str
    check: Check | None = None
    also: tuple[Check, ...] = ()  # more checks the scenario needs to show it

    @property
    def checks(self) -> list[Check]:
        return [self.check, *self.also] if self.check else []


def check_run(run: Run, invariants: InvariantFile) -> list[Violation]:
    """Every invariant the run broke, built-in ones first, in time order each."""
    from simulator.fuzz.user_invariants import check_user_invariants

    if run.crashed is not None:
        return [_crash(run)]
    found: list[Violation] = []
    found += _lifecycle(run)
    found += _findings(run, invariants.expected)
    found += _stubs(run, invariants.expected)
    found += _conflicts(run)
    for invariant in invariants.invariants:
        found += check_user_invariants(run, invariant)
    return found


# Who did it


def made_by_person(cause: Cause) -> bool:
    """A person's change, or one carried out for them: by the connector to the
    other side, or by the platform converting the lead the person converts."""
    for link in cause.chain():
        if link.kind != "connector" and link.name not in _ON_A_PERSONS_BEHALF:
            return link.kind in ("person", "journey")
    return False


# The platform's own work that only does what the person asked for.
_ON_A_PERSONS_BEHALF = ("lead conversion",)


def caused_by(run: Run, finding: Finding) -> str:
    """person, connector or automation: whose save the platform refused.

    A person's edit that sets off a flow whose save of another object is
    refused rolls back with the person's cause; that is automation failing.
    """
    cause = finding.cause
    if cause.kind == "connector":
        return "connector"
    if cause.kind not in ("person", "journey"):
        return "automation"
    refused = _RULE_OBJECT.search(finding.message)
    saved = _saved_object(run, cause)
    if refused and saved and refused.group(1) != saved:
        return "automation"
    return "person"


def _saved_object(run: Run, cause: Cause) -> str | None:
    """The object a person's journey line saved: created, edited or moved."""
    created = re.search(r"create (\S+)$", cause.name)
    line = re.match(r"line (\d+): ", cause.name)
    alias, system = None, None
    if created:
        alias = created.group(1)
    elif line and 0 < int(line.group(1)) <= len(run.scenario.journey):
        event = run.scenario.journey[int(line.group(1)) - 1]
        alias, system = event.record, event.system
    try:
        spec = run.scenario.record(alias or "")
    except KeyError:
        return None
    if system is None or system == spec.system:
        return spec.object
    settings = run.sim.model.connector
    if system == "salesforce":
        return settings.create_as if settings else "Lead"
    return "contact"


def address(run: Run, record: Record) -> dict[str, str] | None:
    """How a scenario check names ``record``: its alias, and its side if a twin."""
    if record.alias is None:
        return None
    for spec in run.scenario.records:
        if spec.alias == record.alias:
            if spec.system == record.system:
                return {"record": record.alias}
            return {"record": record.alias, "system": record.system}
    return None


def offset(run: Run, moment: datetime) -> timedelta:
    return moment - run.scenario.start


# Lifecycle stages


def _lifecycle(run: Run) -> Iterator[Violation]:
    sim = run.sim
    for system, obj, name, stages, declared in _stage_fields(run):
        for record in sim.records:
            if (record.system, record.object) != (system, obj):
                continue
            yield from _stage_moves(run, record, name, stages, declared)


def _stage_fields(
    run: Run,
) -> Iterator[tuple[str, str, str, tuple[str, ...], frozenset[tuple[str | None, str]]]]:
    lifecycle = run.sim.model.lifecycle
    if lifecycle is None:
        yield ("hubspot", "contact", "lifecyclestage", HUBSPOT_LIFECYCLE_STAGES, None)  # type: ignore[misc]
        return
    for stage in lifecycle.fields:
        yield stage.system, stage.object, stage.field, stage.stages, stage.transitions


def _stage_moves(
    run: Run,
    record: Record,
    name: str,
    stages: tuple[str, ...],
    declared: frozenset[tuple[str | None, str]] | None,
) -> Iterator[Violation]:
    taken = record.history.get(name)
    last = taken[0][1] if taken else None
    through_blank = False
    changes = list(_changes(run, record, name))
    for position, entry in enumerate(changes):
        if entry.new in (None, ""):
            through_blank = True
            continue
        new = str(entry.new)
        backward = (
            last not in (None, "")
            and new in stages
            and str(last) in stages
            and stages.index(new) < stages.index(str(last))
        )
        allowed = through_blank and (declared is None or (str(last), new) in declared)
        if backward and not allowed and not made_by_person(entry.cause):
            forward = _forward(record, name, stages, changes, position)
            yield _backward(run, record, name, forward, entry, through_blank)
        last, through_blank = entry.new, False


def _forward(
    record: Record,
    name: str,
    stages: tuple[str, ...],
    changes: list[TraceEntry],
    position: int,
) -> list[object]:
    """The stages the record took, the backward move and what went below left out."""
    taken = record.history.get(name)
    values = [taken[0][1] if taken else None, *(c.new for c in changes[:position])]
    kept: list[object] = []
    for value in values:
        if value not in (None, "") and (not kept or kept[-1] != value):
            kept.append(value)
    top = stages.index(str(kept[-1]))
    for change in changes[position + 1 :]:
        value = change.new
        if value in stages and stages.index(str(value)) > top and kept[-1] != value:
            kept.append(value)
            top = stages.index(str(value))
    return kept


def _backward(
    run: Run,
    record: Record,
    name: str,
    forward: list[object],
    entry: TraceEntry,
    through_blank: bool,
) -> Violation:
    last, new = forward[-1] if forward else None, entry.new
    how = (
        "through a blank, to a move lifecycle.yaml does not list"
        if through_blank
        else "directly"
    )
    when = offset(run, entry.time)
    message = (
        f"{record.label()}.{name} moved back to {new!r} {how} at "
        f"{format_offset(when)}, by {entry.cause.explain()}"
    )
    where = address(run, record)
    check = None
    if where is not None:
        check = Check(
            {**where, "field": name, "sequence": forward},
            f"{NAMES['lifecycle']}: at {format_offset(when)} "
            f"{entry.cause.describe()}\nmoved {name} back to {new}. "
            f"Only forward moves are expected ({last} was the last).",
        )
    return Violation(
        "lifecycle", NAMES["lifecycle"], entry.time, record.key, message, check
    )


def _changes(run: Run, record: Record, name: str) -> Iterator[TraceEntry]:
    for entry in run.sim.trace.entries:
        if (entry.kind, entry.record, entry.field) == ("changed", record.key, name):
            yield entry


# Findings and loops


def _findings(run: Run, expected: tuple[ExpectedFinding, ...]) -> Iterator[Violation]:
    for finding in run.sim.trace.findings:
        loop = finding.kind in LOOP_FINDINGS or _RUNAWAY in finding.message
        if not loop and finding.kind not in CHECKED_FINDINGS:
            continue
        if any(_expected(run, finding, item) for item in expected):
            continue
        if caused_by(run, finding) == "person" and any(
            code in finding.message for code in _PERSON_INPUT
        ):
            continue
        key = "loop" if loop else "finding"
        checks = _finding_checks(run, finding)
        yield Violation(
            key,
            NAMES[key],
            finding.time,
            finding.record,
            f"{finding.kind}: {finding.message} (caused by {_short(finding.cause)})",
            checks[0] if checks else None,
            tuple(checks[1:]),
        )
    if run.stopped is not None and not any(
        f.kind == "event_budget" for f in run.sim.trace.findings
    ):
        yield Violation(
            "loop", NAMES["loop"], run.sim.now, None, f"stopped: {run.stopped}"
        )


def _expected(run: Run, finding: Finding, item: ExpectedFinding) -> bool:
    if item.kind != finding.kind:
        return False
    if item.caused_by is not None and item.caused_by != caused_by(run, finding):
        return False
    if item.message is not None and item.message not in finding.message:
        return False
    return item.rule is None or names_rule(finding.message, item.rule)


def names_rule(message: str, rule: str) -> bool:
    """Does a refusal name this validation rule (``Object.Name`` or ``Name``)?"""
    pattern = re.escape(rule) if "." in rule else rf"\w+\.{re.escape(rule)}"
    return re.search(rf"validation rule {pattern}\b", message) is not None


def _finding_checks(run: Run, finding: Finding) -> list[Check]:
    """Checks that show the finding: the loop's field kept as a person left it,
    or the refused change going through, the person's or the sync's."""
    from simulator.fuzz.checks import loop_checks, person_change_check, sync_check

    if finding.kind == "sync_loop":
        return loop_checks(run, finding)
    check = None
    record = run.sim.records.get(finding.record) if finding.record else None
    if finding.cause.kind in ("person", "journey"):
        check = person_change_check(run, finding.cause.name, finding.message)
    elif record is not None and record.system == "hubspot":
        check = sync_check(run, record, finding.time, finding.message)
    return [check] if check else []


def _short(cause: Cause, links: int = 3) -> str:
    """The nearest causes of a long chain, and where it started."""
    chain = cause.chain()
    if len(chain) <= links + 1:
        return cause.explain()
    near = " ← ".join(link.describe() for link in chain[:links])
    return f"{near} ← … ← {chain[-1].describe()}"


# Stubs and conflicts


def _stubs(run: Run, expected: tuple[ExpectedFinding, ...]) -> Iterator[Violation]:
    reported: set[tuple[str, str]] = set()
    for action in run.sim.trace.actions:
        if action.kind != "stub" or (action.record, action.name) in reported:
            continue
        if any(
            item.kind == "stub" and (item.message or "") in action.name
            for item in expected
        ):
            continue
        reported.add((action.record, action.name))
        record = run.sim.records.get(action.record)
        where = address(run, record)
        check = None
        if where is not None:
            check = Check(
                {**where, "action": "stub", "count": 0},
                f"{NAMES['stub']}: {action.name} runs with no stub.",
            )
        yield Violation(
            "stub",
            NAMES["stub"],
            action.time,
            action.record,
            f"{record.label()} reached {action.name!r}, which revsim does not "
            f"simulate (by {action.cause.explain()})",
            check,
        )


def _conflicts(run: Run) -> Iterator[Violation]:
    moments: dict[tuple[str, str, datetime], list[TraceEntry]] = {}
    for entry in run.sim.trace.entries:
        if entry.kind != "changed" or entry.record is None or entry.field is None:
            continue
        if made_by_person(entry.cause) or entry.cause.kind == "system":
            continue  # a person's edit, or a value the platform derives from one
        moments.setdefault((entry.record, entry.field, entry.time), []).append(entry)
    for (key, name, moment), entries in moments.items():
        fights = [
            (earlier, later)
            for earlier, later in itertools.pairwise(entries)
            if _writer(earlier) != _writer(later)
            and show(earlier.new) != show(later.new)
            and not _moves_on(later, entries)
        ]
        if fights:
            yield _conflict(run, key, name, moment, entries)


def _writer(entry: TraceEntry) -> tuple[str, str]:
    return (entry.cause.kind, entry.cause.name)


def _moves_on(later: TraceEntry, entries: list[TraceEntry]) -> bool:
    """Was ``later`` set off by an earlier write of this very field?

    A workflow that enrols when a stage is set and sets the next stage is a
    chain of stages (lead, then MQL), not two automations fighting.
    """
    writers = {entry.cause for entry in entries if entry is not later}
    return any(link in writers for link in later.cause.chain()[1:])


def _conflict(
    run: Run, key: str, name: str, moment: datetime, entries: list[TraceEntry]
) -> Violation:
    record = run.sim.records.get(key)
    first = [e for e in entries if _writer(e) == _writer(entries[0])][-1]
    last = entries[-1]
    writes = "; ".join(
        f"{entry.cause.describe()} wrote {show(entry.new)}" for entry in entries
    )
    where = address(run, record)
    check = None
    if where is not None:
        check = Check(
            {**where, "field": name, "at": offset(run, moment), "equals": first.new},
            f"{NAMES['conflict']}: {first.cause.describe()} set {name} to "
            f"{show(first.new)},\nthen {last.cause.describe()} overwrote it with "
            f"{show(last.new)}. revsim cannot tell which one is right:\n"
            "this check keeps the first; if the other is right, change equals.",
        )
    return Violation(
        "conflict",
        NAMES["conflict"],
        moment,
        key,
        f"{record.label()}.{name} at one moment: {writes}",
        check,
    )


def _crash(run: Run) -> Violation:
    error = run.crashed
    assert error is not None
    return Violation(
        "error",
        NAMES["error"],
        run.sim.now,
        None,
        f"the run raised {type(error).__name__}: {error}",
    )
