"""What each HubSpot workflow action does to the enrolled record, and when.

An enrolment walks its actions at one moment until a delay. Before each
action it leaves if it meets the goal; an action other than a delay or a
branch waits for the workflow's next execution window, and is skipped while
the workflow is off (https://knowledge.hubspot.com/workflows/turn-off-workflows:
"All actions will be skipped… If/then branches will still evaluate… Objects
in the workflow will enter any delays").
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from simulator.engine.hubspot_delays import date_delay_ends, delay_ends, next_opening
from simulator.engine.hubspot_enrolment import Enrolment, definition_key
from simulator.engine.trace import Cause
from simulator.hubspot.filters import event_matches, matches
from simulator.hubspot.model import (
    OBJECT_TYPES,
    ABTestBranch,
    ActionOutput,
    ActionValue,
    Connection,
    CreateRecord,
    CreateTask,
    Delay,
    DelayUntilDate,
    EnrollInWorkflow,
    Increment,
    ListBranch,
    ListMembership,
    Notification,
    PropertyValue,
    RotateOwner,
    SendEmail,
    SetProperty,
    StaticBranch,
    StaticValue,
    Timestamp,
    UnsupportedAction,
    WaitForEvent,
    Workflow,
    WorkflowAction,
)

if TYPE_CHECKING:
    from simulator.engine.hubspot import HubSpotRuntime
    from simulator.engine.records import Record

LANE = "hubspot"
EVENT_MET = "hs_event_criteria_met"
_WAITS = (Delay, DelayUntilDate, WaitForEvent)


class ActionRunner:
    """Walks enrolments through their actions."""

    def __init__(self, runtime: HubSpotRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self._turns: dict[tuple[str, str], int] = {}  # rotate-owner positions

    def start(self, enrolment: Enrolment) -> None:
        start = enrolment.workflow.start
        if start is None:
            self.runtime.enrolments.finish(enrolment)
            return
        self._resume(enrolment, self.sim.now, start, "start")

    def run_from(self, enrolment: Enrolment, action_id: str) -> None:
        workflow = enrolment.workflow
        next_id: str | None = action_id
        for _ in range(self.sim.settings.max_steps):
            if next_id is None or not enrolment.active:
                break
            if self.runtime.enrolments.leaves_before_action(enrolment):
                return
            action = workflow.actions[next_id]
            cause = Cause(
                "hubspot_workflow",
                workflow.name,
                f"action {action.id} ({describe(action)})",
                parent=enrolment.cause.parent,
            )
            if isinstance(action, _WAITS):
                self.sim.hit(definition_key(workflow), action.id)
                self._wait(enrolment, action, cause)
                return
            if not action.arms():
                if not self.runtime.enrolments.on[workflow.id]:
                    self._skip(enrolment, action, cause)
                    next_id = _next(action.connection)
                    continue
                if self._deferred(enrolment, action, cause):
                    return
            self.sim.hit(definition_key(workflow), action.id)
            next_id = self._run(enrolment, action, cause)
        else:
            self.sim.finding(
                "workflow_cycle",
                enrolment.record,
                f"{workflow.name!r} took {self.sim.settings.max_steps} actions at "
                "one moment: its GO-TO connections form a cycle with no delay",
                enrolment.cause,
            )
        self.runtime.enrolments.finish(enrolment)

    def _resume(
        self, enrolment: Enrolment, at: datetime, action_id: str, why: str
    ) -> None:
        enrolment.timer = self.sim.schedule(
            at,
            f"{enrolment.workflow.name}: {why}",
            lambda: self.run_from(enrolment, action_id),
        )

    def _skip(self, enrolment: Enrolment, action: WorkflowAction, cause: Cause) -> None:
        self.sim.log(
            LANE,
            "skipped",
            enrolment.record,
            f"action {action.id} skipped: {enrolment.workflow.name!r} is off",
            cause,
        )

    def _deferred(
        self, enrolment: Enrolment, action: WorkflowAction, cause: Cause
    ) -> bool:
        """Outside the execution windows or on a pause date: wait for the opening."""
        workflow = enrolment.workflow
        opening = next_opening(
            self.sim.now,
            workflow.time_windows,
            workflow.blocked_dates,
            self.runtime.zone,
            same_time=self.sim.settings.window_reschedule == "same_time",
        )
        if opening <= self.sim.now:
            return False
        local = opening.astimezone(self.runtime.zone).strftime("%a %Y-%m-%d %H:%M")
        self.sim.log(
            LANE,
            "rescheduled",
            enrolment.record,
            f"action {action.id} waits for the execution window: {local}",
            cause,
        )
        self._resume(enrolment, opening, action.id, "execution window")
        return True

    # Delays

    def _wait(
        self,
        enrolment: Enrolment,
        action: Delay | DelayUntilDate | WaitForEvent,
        cause: Cause,
    ) -> None:
        if isinstance(action, WaitForEvent):
            self._wait_for_event(enrolment, action, cause)
            return
        record = enrolment.record
        if isinstance(action, Delay):
            end: datetime | None = delay_ends(self.sim.now, action, self.runtime.zone)
        else:
            end = date_delay_ends(
                self.sim.now, action, record.fields, self.runtime.zone
            )
        if end is None:
            blank = action.property if isinstance(action, DelayUntilDate) else ""
            message = f"{blank} is blank: no date to wait for, goes on"
            end = self.sim.now
        elif (
            isinstance(action, Delay)
            and not action.days_of_week
            and not (action.time_of_day)
        ):
            message = f"waits {end - self.sim.now}"
        else:
            local = end.astimezone(self.runtime.zone).strftime("%a %Y-%m-%d %H:%M")
            message = f"waits until {local} ({end - self.sim.now})"
        self.sim.log(LANE, "delay", record, message, cause)
        if action.connection is None:
            self.runtime.enrolments.finish(enrolment)
            return
        self._resume(enrolment, end, action.connection.next, "after delay")

    def _wait_for_event(
        self, enrolment: Enrolment, action: WaitForEvent, cause: Cause
    ) -> None:
        enrolment.waiting_at = action.id
        events = ", ".join(trigger.event for trigger in action.events) or "no event"
        limit = action.expiration_minutes
        until = f", at most {limit} minutes" if limit is not None else ""
        self.sim.log(
            LANE, "delay", enrolment.record, f"waits for {events}{until}", cause
        )
        if limit is not None:
            enrolment.timer = self.sim.schedule(
                self.sim.now + _minutes(limit),
                f"{enrolment.workflow.name}: event wait ends",
                lambda: self._event_came(enrolment, action, met=False),
            )

    def event_happened(
        self, record: Record, event: str, properties: Mapping[str, object], cause: Cause
    ) -> None:
        """An event of the record's ends the waits of its enrolments that want it."""
        for enrolment in self.runtime.enrolments.of(record):
            if enrolment.waiting_at is None:
                continue
            action = enrolment.workflow.actions[enrolment.waiting_at]
            assert isinstance(action, WaitForEvent)
            if any(event_matches(t, event, properties) for t in action.events):
                self._event_came(enrolment, action, met=True)

    def _event_came(
        self, enrolment: Enrolment, action: WaitForEvent, met: bool
    ) -> None:
        if not enrolment.active or enrolment.waiting_at != action.id:
            return
        enrolment.waiting_at = None
        if enrolment.timer is not None:
            enrolment.timer.cancelled = True
        enrolment.outputs[action.id] = {EVENT_MET: "true" if met else "false"}
        what = "the event came" if met else "the wait ran out"
        self.sim.log(
            LANE,
            "delay",
            enrolment.record,
            f"action {action.id}: {what} ({EVENT_MET} = {str(met).lower()})",
            Cause("hubspot_workflow", enrolment.workflow.name, f"action {action.id}"),
        )
        if action.connection is None:
            self.runtime.enrolments.finish(enrolment)
            return
        self._resume(enrolment, self.sim.now, action.connection.next, "event wait")

    # Actions

    def _run(
        self, enrolment: Enrolment, action: WorkflowAction, cause: Cause
    ) -> str | None:
        record = enrolment.record
        if isinstance(action, SetProperty):
            self._set_property(enrolment, action, cause)
        elif isinstance(action, ListBranch | StaticBranch | ABTestBranch):
            return self._branch(enrolment, action)
        elif isinstance(action, SendEmail):
            self.sim.action("email", action.content_id, record, cause)
        elif isinstance(action, CreateTask):
            self.sim.action("task", action.subject, record, cause)
        elif isinstance(action, Notification):
            self.sim.action("notification", action.subject, record, cause)
        elif isinstance(action, ListMembership):
            add = action.operation != "REMOVE"
            self.runtime.set_lists(record, action.list_id, add, cause)
        elif isinstance(action, CreateRecord):
            self._create_record(enrolment, action, cause)
        elif isinstance(action, EnrollInWorkflow):
            self._enrol_elsewhere(enrolment, action, cause)
        elif isinstance(action, RotateOwner):
            self._rotate(enrolment, action, cause)
        elif isinstance(action, UnsupportedAction):
            self._stub(enrolment, action, cause)
        return _next(action.connection)

    def _set_property(
        self, enrolment: Enrolment, action: SetProperty, cause: Cause
    ) -> None:
        value = self._value(enrolment, action.property, action.value)
        targets = [enrolment.record]
        if action.association is not None:
            targets = self._associated(enrolment.record, action.association)
        for target in targets:
            self.runtime.update(target, {action.property: value}, cause, automatic=True)

    def _associated(self, record: Record, object_name: str) -> list[Record]:
        found = (self.sim.records.get(key) for key in sorted(record.associations))
        return [other for other in found if other.object == object_name]

    def _branch(
        self, enrolment: Enrolment, action: ListBranch | StaticBranch | ABTestBranch
    ) -> str | None:
        """The arm taken: first match, equal value, or the A/B draw."""
        arms = action.arms()
        chosen = arms[-1]  # the default of an if/then or value-equals branch
        if isinstance(action, ListBranch):
            record = enrolment.record
            context = self.runtime.context(record)
            for arm, option in zip(arms, action.options, strict=False):
                if matches(option.filter, record.fields, record.lists, context=context):
                    chosen = arm
                    break
        elif isinstance(action, StaticBranch):
            value = _text(self._value(enrolment, "", action.input))
            for arm, choice in zip(arms, action.options, strict=False):
                if choice.value == value:
                    chosen = arm
                    break
        else:
            chosen = arms[self._draw(enrolment, action)]
        self.sim.hit(definition_key(enrolment.workflow), chosen.key)
        self.sim.log(
            LANE,
            "branch",
            enrolment.record,
            f"branch {action.id} took {chosen.label!r}",
            Cause("hubspot_workflow", enrolment.workflow.name, f"action {action.id}"),
        )
        return _next(chosen.connection)

    def _draw(self, enrolment: Enrolment, action: ABTestBranch) -> int:
        """An arm by its percentage, drawn from the scenario's seed: the same
        record in the same run always takes the same arm."""
        shares = [arm.percentage for arm in action.test_arms]
        known = sum(share for share in shares if share is not None)
        unset = [i for i, share in enumerate(shares) if share is None]
        rest = max(100.0 - known, 0.0) / len(unset) if unset else 0.0
        weights = [rest if share is None else share for share in shares]
        seed = (
            f"{self.sim.seed}:{enrolment.workflow.id}:{action.id}:"
            f"{enrolment.record.key}:{enrolment.number}"
        )
        point = random.Random(seed).random() * (sum(weights) or 1.0)
        for index, weight in enumerate(weights):
            point -= weight
            if point < 0:
                return index
        return len(weights) - 1

    def _create_record(
        self, enrolment: Enrolment, action: CreateRecord, cause: Cause
    ) -> None:
        record = enrolment.record
        object_name = OBJECT_TYPES.get(action.object_type_id, action.object_type_id)
        values = {
            name: self._value(enrolment, name, value)
            for name, value in action.properties
        }
        if _would_loop(enrolment.workflow, object_name, values):
            self.sim.log(
                LANE,
                "skipped",
                record,
                f"action {action.id} skipped to prevent an infinite loop: the new "
                f"{object_name} would enrol in {enrolment.workflow.name!r} too",
                cause,
            )
            return
        created = self.runtime.create(object_name, values, cause)
        if action.associate_enrolled:
            self.runtime.associate(created, record, cause)
        for copied in action.copied:
            for other in self._associated(record, copied):
                self.runtime.associate(created, other, cause)
        self.sim.action(
            "record",
            f"{object_name} {values.get('dealname', created.id)}",
            record,
            cause,
        )

    def _enrol_elsewhere(
        self, enrolment: Enrolment, action: EnrollInWorkflow, cause: Cause
    ) -> None:
        target = self.runtime.workflow(action.flow_id)
        if target is None:
            self.sim.finding(
                "unknown_workflow",
                enrolment.record,
                f"{enrolment.workflow.name!r} action {action.id} enrols in workflow "
                f"{action.flow_id}, which is not in the model",
                cause,
            )
            return
        self.runtime.enrolments.manual(target, enrolment.record, cause)

    def _rotate(self, enrolment: Enrolment, action: RotateOwner, cause: Cause) -> None:
        """Round robin: each record the rotation reaches gets the next user."""
        record = enrolment.record
        if (
            record.fields.get(action.property) not in (None, "")
            and not action.overwrite
        ):
            return
        turn = (enrolment.workflow.id, action.id)
        position = self._turns.get(turn, 0)
        self._turns[turn] = position + 1
        owner = action.user_ids[position % len(action.user_ids)]
        self.runtime.update(record, {action.property: owner}, cause, automatic=True)

    def _stub(
        self, enrolment: Enrolment, action: UnsupportedAction, cause: Cause
    ) -> None:
        """Not simulated: recorded; a scenario's stub gives it its outcome."""
        record = enrolment.record
        self.sim.action("stub", action.stub_name, record, cause)
        for stub in self.sim.stubs:
            if _key(stub.action) != _key(action.stub_name):
                continue
            if stub.workflow not in (
                None,
                enrolment.workflow.name,
                enrolment.workflow.id,
            ):
                continue
            outputs = enrolment.outputs.setdefault(action.id, {})
            outputs.update(stub.outputs)
            if stub.set:
                stubbed = Cause("journey", f"line {stub.line}: stub", parent=cause)
                self.runtime.update(record, dict(stub.set), stubbed, automatic=True)

    def _value(self, enrolment: Enrolment, name: str, value: ActionValue) -> object:
        record = enrolment.record
        if isinstance(value, StaticValue):
            return value.value
        if isinstance(value, PropertyValue):
            return record.fields.get(value.property)
        if isinstance(value, Increment):
            return _add(record.fields.get(name), value.amount)
        if isinstance(value, Timestamp):
            return self.sim.now
        if isinstance(value, ActionOutput):
            return enrolment.outputs.get(value.action_id, {}).get(value.key)
        raise TypeError(f"unknown action value {value!r}")


def describe(action: WorkflowAction) -> str:
    """What kind of action it is; "not simulated" for a stub."""
    if isinstance(action, UnsupportedAction):
        return "not simulated"
    return action.kind


def _would_loop(
    workflow: Workflow, object_name: str, values: Mapping[str, object]
) -> bool:
    """A created record that would enrol in the very workflow that creates it.

    HubSpot skips such an action to prevent an infinite loop
    (https://knowledge.hubspot.com/workflows/workflows-faq).
    """
    enrollment = workflow.enrollment
    if workflow.object != object_name or enrollment is None:
        return False
    if enrollment.kind == "LIST_BASED" and enrollment.filter is not None:
        return matches(enrollment.filter, values, ())
    if enrollment.kind == "EVENT_BASED":
        return any(
            event_matches(trigger, "record_created", {})
            for trigger in enrollment.events
        )
    return False


def _minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def _key(name: str) -> str:
    """Stub names match whatever their spacing and case."""
    return " ".join(name.split()).casefold()


def _next(connection: Connection | None) -> str | None:
    return connection.next if connection is not None else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _add(current: object, amount: float) -> object:
    """HubSpot keeps numbers as text; an increment reads a blank as zero."""
    try:
        total = float(str(current)) + amount if current not in (None, "") else amount
    except ValueError:
        total = amount
    return int(total) if float(total).is_integer() else total
