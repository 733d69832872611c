"""Who is in which HubSpot workflow: enrolment, re-enrolment and leaving.

The rules, each with its page:

- A record enrols the first time it meets the triggers; again only when
  re-enrolment is on and a re-enrolment trigger goes from not met to met
  while the triggers hold (an "is known" trigger also fires when the value
  changes); never twice at once
  (https://knowledge.hubspot.com/workflows/add-re-enrollment-triggers-to-a-workflow).
- A workflow that is off enrols no one; records in it go on, but its actions
  are skipped (https://knowledge.hubspot.com/workflows/turn-off-workflows).
  Turned on without "enrol existing records", it takes only records that
  change to meet the triggers afterwards
  (https://knowledge.hubspot.com/workflows/workflows-faq).
- A record that meets the goal, or is in a suppression list, is not enrolled;
  one that comes to meet the goal, or joins the list, leaves at once
  (https://knowledge.hubspot.com/workflows/use-goals-in-contact-based-workflows,
  https://knowledge.hubspot.com/workflows/contact-company-deal-ticket-or-quote-not-enrolled-in-workflow).
- Enrolling in a workflow with "unenroll from other workflows" takes the
  record out of all or the listed other workflows
  (https://knowledge.hubspot.com/workflows/manage-workflow-settings).
- Manual enrolment skips the triggers but not the rest: a record enrolled
  before enrols again only with re-enrolment on (troubleshooting page above).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.hubspot.filters import matches
from simulator.hubspot.model import FilterBranch, PropertyFilter, Workflow

if TYPE_CHECKING:
    from simulator.engine.hubspot import HubSpotRuntime
    from simulator.engine.simulation import _Queued

LANE = "hubspot"
Key = tuple[str, str]


@dataclass(slots=True, eq=False)
class Enrolment:
    """One record going through one workflow, once."""

    workflow: Workflow
    record: Record
    cause: Cause
    active: bool = True
    number: int = 1  # the record's nth enrolment in this workflow
    outputs: dict[str, dict[str, object]] = field(default_factory=dict)
    waiting_at: str | None = None  # a 0-29 action it waits in for an event
    timer: _Queued | None = None  # its next scheduled step, if any


class Enrolments:
    """The enrolment state of one run."""

    def __init__(self, runtime: HubSpotRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self.on = {w.id: w.enabled for w in runtime.workflows}
        self.active: dict[Key, Enrolment] = {}
        self.count: Counter[Key] = Counter()
        self._triggers_met: dict[Key, frozenset[int]] = {}
        self._awaiting_change: set[Key] = set()
        self._told: set[tuple[str, str, str]] = set()

    def of(self, record: Record) -> list[Enrolment]:
        return [e for (_, key), e in self.active.items() if key == record.key]

    # Filter-based enrolment

    def consider(
        self,
        workflow: Workflow,
        record: Record,
        before: Mapping[str, object],
        changed: set[str],
        lists_before: set[str],
        cause: Cause,
    ) -> None:
        """A LIST_BASED workflow looks at a record whose values just changed."""
        enrollment = workflow.enrollment
        assert enrollment is not None and enrollment.filter is not None
        key = (workflow.id, record.key)
        context = self.runtime.context(record)
        meets = matches(enrollment.filter, record.fields, record.lists, context=context)
        fired = self._re_enrolment_fired(
            workflow, record, before, changed, lists_before
        )
        if key in self._awaiting_change:
            if not meets:
                self._awaiting_change.discard(key)
            return
        if not meets:
            if key in self.active and enrollment.unenroll_not_meeting:
                self.unenrol(
                    self.active[key], "no longer meets the enrolment criteria", cause
                )
            return
        self.enrol(workflow, record, cause, again=fired)

    def _re_enrolment_fired(
        self,
        workflow: Workflow,
        record: Record,
        before: Mapping[str, object],
        changed: set[str],
        lists_before: set[str],
    ) -> bool:
        """A re-enrolment trigger went from not met to met just now.

        What each trigger met is remembered per record, so a trigger that comes
        to hold as time passes (a date relative to now) fires once too.
        """
        enrollment = workflow.enrollment
        assert enrollment is not None
        triggers = enrollment.re_enroll_triggers
        if not triggers:
            return False
        key = (workflow.id, record.key)
        context = self.runtime.context(record)
        met = frozenset(
            i
            for i, trigger in enumerate(triggers)
            if matches(trigger, record.fields, record.lists, context=context)
        )
        earlier = self._triggers_met.get(key)
        if earlier is None:
            earlier = frozenset(
                i
                for i, trigger in enumerate(triggers)
                if matches(trigger, before, lists_before, context=context)
            )
        self._triggers_met[key] = met
        known = any(_known_changed(t, changed, record.fields) for t in triggers)
        return enrollment.re_enroll and (bool(met - earlier) or known)

    # Enrolment itself

    def enrol(
        self,
        workflow: Workflow,
        record: Record,
        cause: Cause,
        *,
        again: bool,
        how: str = "",
    ) -> Enrolment | None:
        """Enrol if the rules allow it; the new enrolment, or None."""
        key = (workflow.id, record.key)
        if not self.on[workflow.id] or key in self.active:
            return None  # off, or never enrolled twice at once
        if self.count[key] and not again:
            return None  # first time only unless re-enrolment fires
        reason = self._kept_out(workflow, record)
        if reason is not None:
            self._tell_once(workflow, record, f"not enrolled: {reason[0]}", cause)
            return None
        self.count[key] += 1
        enrolment = Enrolment(
            workflow,
            record,
            Cause("hubspot_workflow", workflow.name, how or None, parent=cause),
            number=self.count[key],
        )
        self.active[key] = enrolment
        self.sim.hit(definition_key(workflow), "trigger")
        self.sim.enrolled(record, workflow.name, enrolment.cause)
        self._leave_others(workflow, record, enrolment.cause)
        self.runtime.actions.start(enrolment)
        return enrolment

    def manual(self, workflow: Workflow, record: Record, cause: Cause) -> None:
        """A person enrols the record by hand: no triggers, the other rules hold."""
        if not self.on[workflow.id]:
            self.sim.finding(
                "journey",
                record,
                f"{record.label()} cannot be enrolled in {workflow.name!r}: "
                "the workflow is off",
                cause,
            )
            return
        enrollment = workflow.enrollment
        again = enrollment.re_enroll if enrollment is not None else False
        key = (workflow.id, record.key)
        if self.count[key] and not again and key not in self.active:
            self.sim.log(
                LANE,
                "skipped",
                record,
                f"not enrolled in {workflow.name!r}: enrolled before, "
                "and re-enrolment is off",
                cause,
            )
            return
        self.enrol(workflow, record, cause, again=again, how="enrolled by hand")

    def _kept_out(self, workflow: Workflow, record: Record) -> tuple[str, str] | None:
        """Why the goal or suppression keeps the record out, if they do: why it
        is not enrolled, and why it leaves when it is."""
        listed = sorted(set(workflow.suppression_list_ids) & record.lists)
        if listed:
            return (
                f"in suppression list {listed[0]}",
                f"joined suppression list {listed[0]}",
            )
        context = self.runtime.context(record)
        if workflow.suppression is not None and matches(
            workflow.suppression, record.fields, record.lists, context=context
        ):
            return "meets the unenrolment criteria", "met the unenrolment criteria"
        if workflow.goal is not None and matches(
            workflow.goal, record.fields, record.lists, context=context
        ):
            return "already meets the goal", "met the goal"
        return None

    def _tell_once(
        self, workflow: Workflow, record: Record, message: str, cause: Cause
    ) -> None:
        mark = (workflow.id, record.key, message)
        if mark in self._told:
            return
        self._told.add(mark)
        self.sim.log(LANE, "skipped", record, f"{workflow.name!r}: {message}", cause)

    def _leave_others(self, workflow: Workflow, record: Record, cause: Cause) -> None:
        """unEnrollmentSetting: enrolling here takes the record out of others."""
        setting = workflow.unenrolment
        if setting is None:
            return
        for enrolment in self.of(record):
            other = enrolment.workflow
            if other.id == workflow.id:
                continue
            if setting.kind == "ALL" or other.id in setting.flow_ids:
                self.unenrol(enrolment, f"enrolled in {workflow.name!r}", cause)

    # Leaving

    def check_leaving(self, record: Record, cause: Cause) -> None:
        """Goals and suppression lists take the record out of workflows at once."""
        for enrolment in self.of(record):
            reason = self._kept_out(enrolment.workflow, record)
            if reason is not None:
                self.unenrol(enrolment, reason[1], cause)

    def leaves_before_action(self, enrolment: Enrolment) -> bool:
        """Checked before every action: a goal met as time passed ends it too."""
        reason = self._kept_out(enrolment.workflow, enrolment.record)
        if reason is None:
            return False
        self.unenrol(enrolment, reason[1], enrolment.cause)
        return True

    def unenrol(self, enrolment: Enrolment, reason: str, cause: Cause) -> None:
        key = (enrolment.workflow.id, enrolment.record.key)
        if self.active.get(key) is not enrolment:
            return
        del self.active[key]
        enrolment.active = False
        if enrolment.timer is not None:
            enrolment.timer.cancelled = True
        self.sim.log(
            LANE,
            "unenrolled",
            enrolment.record,
            f"left {enrolment.workflow.name!r}: {reason}",
            cause,
        )

    def finish(self, enrolment: Enrolment) -> None:
        enrolment.active = False
        key = (enrolment.workflow.id, enrolment.record.key)
        if self.active.get(key) is enrolment:
            del self.active[key]

    # Turning workflows on and off

    def turn_on(self, workflow: Workflow, enrol_existing: bool, cause: Cause) -> None:
        if self.on[workflow.id]:
            return
        self.on[workflow.id] = True
        existing = "enrolling" if enrol_existing else "not enrolling"
        self.sim.log(
            LANE,
            "turned on",
            None,
            f"{workflow.name!r} turned on, {existing} records that already qualify",
            cause,
        )
        enrollment = workflow.enrollment
        if enrollment is None or enrollment.filter is None:
            return
        for record in self.sim.records.of("hubspot", workflow.object):
            context = self.runtime.context(record)
            if not matches(
                enrollment.filter, record.fields, record.lists, context=context
            ):
                continue
            if enrol_existing:
                self.enrol(workflow, record, cause, again=False, how="existing record")
            else:
                self._awaiting_change.add((workflow.id, record.key))

    def turn_off(self, workflow: Workflow, cause: Cause) -> None:
        if not self.on[workflow.id]:
            return
        self.on[workflow.id] = False
        self.sim.log(
            LANE,
            "turned off",
            None,
            f"{workflow.name!r} turned off: no new enrolments; records in it go "
            "on, skipping every action but delays",
            cause,
        )


def definition_key(workflow: Workflow) -> str:
    return f"hubspot:{workflow.id}"


def _known_changed(
    trigger: FilterBranch, changed: set[str], fields: Mapping[str, object]
) -> bool:
    """An "is known" trigger fires when its property gains or changes its value."""
    only = _single_filter(trigger)
    return (
        isinstance(only, PropertyFilter)
        and only.operator == "IS_KNOWN"
        and only.property in changed
        and fields.get(only.property) not in (None, "")
    )


def _single_filter(branch: FilterBranch) -> object:
    if len(branch.filters) == 1 and not branch.branches:
        return branch.filters[0]
    if not branch.filters and len(branch.branches) == 1:
        return _single_filter(branch.branches[0])
    return None
