"""HubSpot: records, the events they raise, and the workflows they go through.

Every change to a HubSpot record is looked at by each workflow of its object
(hubspot_enrolment), raises HubSpot's own events (property value changed,
record created) for event-based triggers and for records waiting in a
"delay until an event", moves deals' contacts through lifecycle stages
(hubspot_lifecycle), and is offered to the connector. Workflow actions run
through hubspot_actions, their timing through hubspot_delays.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from simulator.engine.hubspot_actions import ActionRunner
from simulator.engine.hubspot_enrolment import Enrolment, Enrolments, definition_key
from simulator.engine.hubspot_lifecycle import LifecycleRules
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.hubspot.dates import FilterContext
from simulator.hubspot.filters import event_matches, matches
from simulator.hubspot.model import DateFilter, Filter, FilterBranch, Workflow

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

__all__ = ["Enrolment", "HubSpotRuntime", "definition_key"]

LANE = "hubspot"


class HubSpotRuntime:
    """Everything that happens on the HubSpot side of a run."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.zone = sim.model.hubspot_portal.zone
        self.workflows = list(sim.model.hubspot_workflows)
        self.lifecycle = LifecycleRules(self)
        self.enrolments = Enrolments(self)
        self.actions = ActionRunner(self)
        self._relative = [w for w in self.workflows if _uses_relative_time(w)]
        if self._relative:
            self._schedule_recheck()

    def context(self, record: Record) -> FilterContext:
        """What filters need beyond the values: the clock, the zone, the history."""
        return FilterContext(self.sim.now, self.zone, record.history)

    def workflow(self, name_or_id: str) -> Workflow | None:
        for workflow in self.workflows:
            if name_or_id in (workflow.name, workflow.id):
                return workflow
        return None

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
        self._dispatch(record, "record_created", {}, cause)
        self._property_events(record, set(clean), cause)
        self.lifecycle.deal_changed(record, set(clean), cause)
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
            if automatic and self.lifecycle.refuses(record, name, value, cause):
                continue
            if automatic and self._not_an_option(record, name, value, cause):
                continue
            if self.sim.set_field(record, name, _blank_to_none(value), cause):
                changed.add(name)
        if changed:
            self.after_change(record, before, changed, cause)
            self._property_events(record, changed, cause)
            self.lifecycle.deal_changed(record, changed, cause)
            self.sim.connector.hubspot_changed(record, changed, cause)
        return changed

    def _not_an_option(
        self, record: Record, name: str, value: object, cause: Cause
    ) -> bool:
        """An enumeration property refuses a value that is not one of its options.

        The options are those of hubspot/properties/<object>.json, or HubSpot's
        defaults for lifecyclestage and hs_lead_status. HubSpot answers such a
        write with INVALID_OPTION (https://developers.hubspot.com/docs/api/crm/properties:
        "the internal value of an option… must be used when setting it").
        """
        options = self.sim.model.hubspot_portal.options_of(record.object, name)
        if not options or value in (None, "") or str(value) in options:
            return False
        shown = ", ".join(options)
        self.sim.finding(
            "invalid_option",
            record,
            f"{record.label()}: {name} cannot be {value!r}, which is not one of "
            f"its options ({shown}); the value is not written",
            cause,
        )
        return True

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

    def associate(self, first: Record, second: Record, cause: Cause) -> None:
        """Associate two HubSpot records; a deal may move the other's lifecycle."""
        if second.key in first.associations:
            return
        first.associations.add(second.key)
        second.associations.add(first.key)
        self.sim.log(
            LANE,
            "associated",
            first,
            f"{first.label()} associated with {second.label()}",
            cause,
        )
        self.lifecycle.associated(first, second, cause)

    def event(
        self, record: Record, event: str, properties: Mapping[str, object], cause: Cause
    ) -> None:
        """A form submission, page view, email open or click by the record's person."""
        detail = ", ".join(f"{k}={v}" for k, v in properties.items())
        self.sim.log(LANE, "event", record, f"{event} ({detail})", cause)
        self._dispatch(record, event, properties, cause)

    # Workflows

    def enrol_by_hand(self, record: Record, workflow: Workflow, cause: Cause) -> None:
        self.enrolments.manual(workflow, record, cause)

    def turn_on(self, workflow: Workflow, enrol_existing: bool, cause: Cause) -> None:
        self.enrolments.turn_on(workflow, enrol_existing, cause)

    def turn_off(self, workflow: Workflow, cause: Cause) -> None:
        self.enrolments.turn_off(workflow, cause)

    def after_change(
        self,
        record: Record,
        before: Mapping[str, object],
        changed: set[str],
        cause: Cause,
        lists_before: set[str] | None = None,
        workflows: list[Workflow] | None = None,
    ) -> None:
        """Check every filter-based workflow against the record's new values.

        ``before`` and ``lists_before`` (default: the lists now) are the record's
        properties and lists before the change, for re-enrolment triggers.
        """
        lists = record.lists if lists_before is None else lists_before
        for workflow in workflows or self._for_object(record):
            enrollment = workflow.enrollment
            if enrollment is not None and enrollment.kind == "LIST_BASED":
                self.enrolments.consider(
                    workflow, record, before, changed, lists, cause
                )
        self.enrolments.check_leaving(record, cause)

    def _dispatch(
        self, record: Record, event: str, properties: Mapping[str, object], cause: Cause
    ) -> None:
        """An event enrols through event-based triggers and ends waits for it."""
        for workflow in self._for_object(record):
            enrollment = workflow.enrollment
            if enrollment is None or enrollment.kind != "EVENT_BASED":
                continue
            fired = any(
                event_matches(trigger, event, properties)
                for trigger in enrollment.events
            )
            if not fired:
                continue
            refined = enrollment.refinement is None or matches(
                enrollment.refinement,
                record.fields,
                record.lists,
                context=self.context(record),
            )
            if refined:
                again = enrollment.re_enroll
                self.enrolments.enrol(workflow, record, cause, again=again)
        self.actions.event_happened(record, event, properties, cause)

    def _property_events(self, record: Record, names: set[str], cause: Cause) -> None:
        """HubSpot's "property value changed" event (4-655002), one per property."""
        for name in sorted(names):
            value = record.fields.get(name)
            properties = {"hs_name": name, "hs_value": value}
            self._dispatch(record, "property_change", properties, cause)

    def _for_object(self, record: Record) -> list[Workflow]:
        return [w for w in self.workflows if w.object == record.object]

    # Dates relative to now

    def _schedule_recheck(self) -> None:
        span = timedelta(minutes=self.sim.settings.date_filter_recheck_minutes)
        self.sim.schedule(
            self.sim.now + span, "hubspot: dates relative to now", self._recheck
        )

    def _recheck(self) -> None:
        """Time passed: filters on dates relative to now may hold, or stop holding."""
        cause = Cause("system", "dates relative to now are checked again")
        objects = {w.object for w in self._relative}
        for object_name in sorted(objects):
            workflows = [w for w in self._relative if w.object == object_name]
            for record in self.sim.records.of(LANE, object_name):
                self.after_change(
                    record, record.fields, set(), cause, workflows=workflows
                )
        self._schedule_recheck()


def _blank_to_none(value: object) -> object:
    return None if value == "" else value


def _uses_relative_time(workflow: Workflow) -> bool:
    """Whether a filter of the workflow compares with now (INDEXED points)."""
    enrollment = workflow.enrollment
    branches = [workflow.goal, workflow.suppression]
    if enrollment is not None:
        branches += [enrollment.filter, *enrollment.re_enroll_triggers]
    return any(_relative(branch) for branch in branches if branch is not None)


def _relative(branch: FilterBranch) -> bool:
    return any(_relative_filter(f) for f in branch.filters) or any(
        _relative(nested) for nested in branch.branches
    )


def _relative_filter(item: Filter) -> bool:
    if not isinstance(item, DateFilter):
        return False
    points = [item.lower] + ([item.upper] if item.upper is not None else [])
    return any(point.kind == "INDEXED" for point in points)
