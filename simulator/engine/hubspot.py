"""HubSpot: records, enrolment in workflows, and the actions enrolled records take."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from simulator.engine.hubspot_actions import ActionRunner
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.hubspot.filters import event_matches, matches
from simulator.hubspot.model import Workflow

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "hubspot"


@dataclass(slots=True)
class Enrolment:
    """One record going through one workflow."""

    workflow: Workflow
    record: Record
    cause: Cause
    active: bool = True


class HubSpotRuntime:
    """Everything that happens on the HubSpot side of a run."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.workflows = [w for w in sim.model.hubspot_workflows if w.enabled]
        self._active: dict[tuple[str, str], Enrolment] = {}
        self._ever: set[tuple[str, str]] = set()
        self.actions = ActionRunner(self)

    # Changes coming in

    def create(
        self,
        object_name: str,
        fields: Mapping[str, object],
        cause: Cause,
        alias: str | None = None,
    ) -> Record:
        clean = {name: value for name, value in fields.items() if value is not None}
        record = self.sim.create(LANE, object_name, clean, cause, alias)
        self.after_change(record, {}, set(clean), cause)
        self.sim.connector.hubspot_changed(record, set(clean), cause)
        return record

    def update(
        self,
        record: Record,
        changes: Mapping[str, object],
        cause: Cause,
        automatic: bool = False,
    ) -> set[str]:
        """Apply property changes; ``automatic`` ones obey the forward-only rule."""
        before = dict(record.fields)
        changed: set[str] = set()
        for name, value in changes.items():
            if automatic and self._refuses(record, name, value, cause):
                continue
            if self.sim.set_field(record, name, _blank_to_none(value), cause):
                changed.add(name)
        if changed:
            self.after_change(record, before, changed, cause)
            self.sim.connector.hubspot_changed(record, changed, cause)
        return changed

    def set_lists(self, record: Record, list_id: str, add: bool, cause: Cause) -> None:
        before = dict(record.fields)
        if add == (list_id in record.lists):
            return
        lists_before = set(record.lists)
        (record.lists.add if add else record.lists.discard)(list_id)
        verb = "added to" if add else "removed from"
        self.sim.log(LANE, "list", record, f"{verb} list {list_id}", cause)
        self.after_change(record, before, set(), cause, lists_before)
        self.sim.connector.hubspot_list_changed(record, cause)

    def event(
        self, record: Record, event: str, properties: Mapping[str, object], cause: Cause
    ) -> None:
        """A form submission, page view or email click by the record's person."""
        detail = ", ".join(f"{k}={v}" for k, v in properties.items())
        self.sim.log(LANE, "event", record, f"{event} ({detail})", cause)
        for workflow in self._for_object(record):
            enrollment = workflow.enrollment
            if enrollment is None or enrollment.kind != "EVENT_BASED":
                continue
            fired = any(
                event_matches(trigger, event, properties)
                for trigger in enrollment.events
            )
            refined = enrollment.refinement is None or matches(
                enrollment.refinement, record.fields, record.lists
            )
            if fired and refined:
                self._enrol(workflow, record, cause, again=enrollment.re_enroll)

    # Enrolment

    def after_change(
        self,
        record: Record,
        before: Mapping[str, object],
        changed: set[str],
        cause: Cause,
        lists_before: set[str] | None = None,
    ) -> None:
        """Check every list-based workflow against the record's new values.

        ``before`` and ``lists_before`` (default: the lists now) are the record's
        properties and lists before the change, for re-enrolment triggers.
        """
        lists = record.lists if lists_before is None else lists_before
        for workflow in self._for_object(record):
            enrollment = workflow.enrollment
            if enrollment is None or enrollment.kind != "LIST_BASED":
                continue
            assert enrollment.filter is not None
            meets = matches(enrollment.filter, record.fields, record.lists)
            key = (workflow.id, record.key)
            if not meets and key in self._active and enrollment.unenroll_not_meeting:
                self._unenrol(key, "no longer meets the enrolment criteria", cause)
            if meets:
                again = self._re_enrolment_fired(workflow, record, before, lists)
                self._enrol(workflow, record, cause, again=again)

    def _re_enrolment_fired(
        self,
        workflow: Workflow,
        record: Record,
        before: Mapping[str, object],
        lists_before: set[str],
    ) -> bool:
        """A re-enrolment trigger went from not matching to matching just now."""
        enrollment = workflow.enrollment
        if enrollment is None or not enrollment.re_enroll:
            return False
        return any(
            matches(trigger, record.fields, record.lists)
            and not matches(trigger, before, lists_before)
            for trigger in enrollment.re_enroll_triggers
        )

    def _enrol(
        self, workflow: Workflow, record: Record, cause: Cause, again: bool
    ) -> None:
        key = (workflow.id, record.key)
        if key in self._active:
            return  # never enrolled twice at once
        if key in self._ever and not again:
            return  # first time only unless re-enrolment fires
        enrolment = Enrolment(
            workflow, record, Cause("hubspot_workflow", workflow.name, parent=cause)
        )
        self._active[key] = enrolment
        self._ever.add(key)
        self.sim.hit(definition_key(workflow), "trigger")
        self.sim.enrolled(record, workflow.name, enrolment.cause)
        if workflow.start is None:
            self._finish(enrolment)
            return
        start = workflow.start
        self.sim.schedule(
            self.sim.now,
            f"{workflow.name}: start",
            lambda: self.actions.run_from(enrolment, start),
        )

    def _unenrol(self, key: tuple[str, str], reason: str, cause: Cause) -> None:
        enrolment = self._active.pop(key)
        enrolment.active = False
        self.sim.log(
            LANE,
            "unenrolled",
            enrolment.record,
            f"left {enrolment.workflow.name!r}: {reason}",
            cause,
        )

    def _finish(self, enrolment: Enrolment) -> None:
        enrolment.active = False
        self._active.pop((enrolment.workflow.id, enrolment.record.key), None)

    def finish(self, enrolment: Enrolment) -> None:
        self._finish(enrolment)

    def resume_after(
        self, enrolment: Enrolment, span: timedelta, action_id: str
    ) -> None:
        self.sim.schedule(
            self.sim.now + span,
            f"{enrolment.workflow.name}: after delay",
            lambda: self.actions.run_from(enrolment, action_id),
        )

    # Rules

    def _refuses(self, record: Record, name: str, value: object, cause: Cause) -> bool:
        """Lifecycle stage moves forward only when automation sets it."""
        if (
            name != "lifecyclestage"
            or self.sim.settings.lifecycle_backward_moves == "allow"
        ):
            return False
        current, target = record.fields.get(name), _blank_to_none(value)
        if current is None or target is None:
            return False
        if stage_rank(str(target)) >= stage_rank(str(current)):
            return False
        self.sim.log(
            LANE,
            "refused",
            record,
            f"lifecyclestage stays {current!r}: automation may not move it back "
            f"to {target!r} without clearing it first",
            cause,
        )
        return True

    def _for_object(self, record: Record) -> list[Workflow]:
        return [w for w in self.workflows if w.object == record.object]


def definition_key(workflow: Workflow) -> str:
    return f"hubspot:{workflow.id}"


def stage_rank(stage: str) -> int:
    from simulator.engine.settings import HUBSPOT_LIFECYCLE_STAGES

    try:
        return HUBSPOT_LIFECYCLE_STAGES.index(stage)
    except ValueError:
        return len(HUBSPOT_LIFECYCLE_STAGES)


def _blank_to_none(value: object) -> object:
    return None if value == "" else value
