"""What each HubSpot workflow action does to the enrolled record."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from simulator.engine.trace import Cause
from simulator.hubspot.filters import matches
from simulator.hubspot.model import (
    OBJECT_TYPES,
    ActionValue,
    Connection,
    CreateRecord,
    CreateTask,
    Delay,
    Increment,
    ListBranch,
    ListMembership,
    Notification,
    PropertyValue,
    SendEmail,
    SetProperty,
    StaticValue,
    Timestamp,
    UnsupportedAction,
    WorkflowAction,
)

if TYPE_CHECKING:
    from simulator.engine.hubspot import Enrolment, HubSpotRuntime
    from simulator.engine.records import Record


class ActionRunner:
    """Walks an enrolment through its actions until a delay or the end."""

    def __init__(self, runtime: HubSpotRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    def run_from(self, enrolment: Enrolment, action_id: str) -> None:
        from simulator.engine.hubspot import definition_key

        workflow = enrolment.workflow
        next_id: str | None = action_id
        for _ in range(self.sim.settings.max_steps):
            if next_id is None or not enrolment.active:
                break
            action = workflow.actions[next_id]
            self.sim.hit(definition_key(workflow), action.id)
            cause = Cause(
                "hubspot_workflow",
                workflow.name,
                f"action {action.id} ({describe(action)})",
                parent=enrolment.cause.parent,
            )
            if isinstance(action, Delay):
                self._delay(enrolment, action, cause)
                return
            next_id = self._run(enrolment, action, cause)
        else:
            self.sim.finding(
                "workflow_cycle",
                enrolment.record,
                f"{workflow.name!r} took {self.sim.settings.max_steps} actions at "
                "one moment: its GO-TO connections form a cycle with no delay",
                enrolment.cause,
            )
        self.runtime.finish(enrolment)

    def _delay(self, enrolment: Enrolment, action: Delay, cause: Cause) -> None:
        if action.connection is None:
            self.runtime.finish(enrolment)
            return
        span = timedelta(minutes=action.minutes)
        self.sim.log("hubspot", "delay", enrolment.record, f"waits {span}", cause)
        self.runtime.resume_after(enrolment, span, action.connection.next)

    def _run(
        self, enrolment: Enrolment, action: WorkflowAction, cause: Cause
    ) -> str | None:
        record = enrolment.record
        if isinstance(action, SetProperty):
            value = self._value(record, action.property, action.value)
            self.runtime.update(record, {action.property: value}, cause, automatic=True)
        elif isinstance(action, ListBranch):
            return self._branch(enrolment, action)
        elif isinstance(action, SendEmail):
            self.sim.action("email", action.content_id, record, cause)
        elif isinstance(action, CreateTask):
            self.sim.action("task", action.subject, record, cause)
        elif isinstance(action, Notification):
            self.sim.action("notification", action.subject, record, cause)
        elif isinstance(action, ListMembership):
            self.runtime.set_lists(
                record, action.list_id, action.operation != "REMOVE", cause
            )
        elif isinstance(action, CreateRecord):
            self._create_record(record, action, cause)
        elif isinstance(action, UnsupportedAction):
            self.sim.action(
                "stub", f"{action.kind} {action.action_type_id}", record, cause
            )
        return _next(action.connection)

    def _branch(self, enrolment: Enrolment, action: ListBranch) -> str | None:
        from simulator.engine.hubspot import definition_key

        record = enrolment.record
        key = definition_key(enrolment.workflow)
        for option in action.options:
            if matches(option.filter, record.fields, record.lists):
                self.sim.hit(key, f"{action.id}/{option.name}")
                self._log_branch(enrolment, action, option.name)
                return _next(option.connection)
        self.sim.hit(key, f"{action.id}/default")
        self._log_branch(enrolment, action, action.default_name or "none met")
        return _next(action.default)

    def _log_branch(self, enrolment: Enrolment, action: ListBranch, name: str) -> None:
        self.sim.log(
            "hubspot",
            "branch",
            enrolment.record,
            f"branch {action.id} took {name!r}",
            Cause("hubspot_workflow", enrolment.workflow.name, f"action {action.id}"),
        )

    def _create_record(
        self, record: Record, action: CreateRecord, cause: Cause
    ) -> None:
        object_name = OBJECT_TYPES.get(action.object_type_id, action.object_type_id)
        values = {
            name: self._value(record, name, value) for name, value in action.properties
        }
        created = self.runtime.create(object_name, values, cause)
        if action.associate_enrolled:
            created.associations.add(record.key)
            record.associations.add(created.key)
        self.sim.action(
            "record",
            f"{object_name} {values.get('dealname', created.id)}",
            record,
            cause,
        )

    def _value(self, record: Record, name: str, value: ActionValue) -> object:
        if isinstance(value, StaticValue):
            return value.value
        if isinstance(value, PropertyValue):
            return record.fields.get(value.property)
        if isinstance(value, Increment):
            return _add(record.fields.get(name), value.amount)
        if isinstance(value, Timestamp):
            return self.sim.now
        raise TypeError(f"unknown action value {value!r}")


def describe(action: WorkflowAction) -> str:
    names = {
        SetProperty: "set property",
        Delay: "delay",
        CreateTask: "create task",
        SendEmail: "send email",
        Notification: "notification",
        ListMembership: "static list",
        CreateRecord: "create record",
        ListBranch: "branch",
        UnsupportedAction: "not simulated",
    }
    return names.get(type(action), type(action).__name__)


def _next(connection: Connection | None) -> str | None:
    return connection.next if connection is not None else None


def _add(current: object, amount: float) -> object:
    """HubSpot keeps numbers as text; an increment reads a blank as zero."""
    try:
        total = float(str(current)) + amount if current not in (None, "") else amount
    except ValueError:
        total = amount
    return int(total) if float(total).is_integer() else total
