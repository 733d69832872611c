"""Tasks: a HubSpot task on a synced contact becomes a Salesforce Task.

With task sync on (connector.yaml ``sync_tasks: true``), a task a HubSpot
workflow creates for a contact syncs to Salesforce as a Task on the contact's
lead or contact (WhoId), owned by the matched owner. A contact that has not
synced takes no task: activities follow their contact. The task is a sync
trigger of its own (knowledge.hubspot.com/salesforce/
salesforce-integration-sync-triggers: "task (if activity/task sync is on)").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.connector.model import TASK_ELEMENT
from simulator.engine.records import Record
from simulator.engine.sync_rules import blank
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.connector import ConnectorRuntime

LANE = "connector"
# The values a new Salesforce Task takes when HubSpot sends none
# (Task.Status and Task.Priority defaults of a new org).
_TASK_DEFAULTS = {"Status": "Not Started", "Priority": "Normal"}


class TaskSync:
    def __init__(self, runtime: ConnectorRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    @property
    def on(self) -> bool:
        settings = self.runtime.settings
        return settings is not None and settings.sync_tasks

    def created(self, contact: Record, subject: str, cause: Cause) -> None:
        """A HubSpot workflow created a task for ``contact``."""
        settings = self.runtime.settings
        if not self.on or settings is None or contact.object != "contact":
            return
        key = contact.key
        self.sim.schedule(
            self.sim.now + settings.hubspot_to_salesforce_delay,
            f"connector: sync task {subject!r} to Salesforce",
            lambda: self._push(key, subject, cause),
        )

    def _push(self, key: str, subject: str, cause: Cause) -> None:
        contact = self.sim.records.get(key)
        sync = Cause("connector", "HubSpot → Salesforce", f"task {subject!r}", cause)
        person = self.sim.records.twin_of(contact)
        due = self.runtime.sync_due(contact)
        if person is None and due is not None:
            # The contact's own sync is queued: the task follows it there.
            self.sim.schedule(
                due,
                f"connector: sync task {subject!r} to Salesforce",
                lambda: self._push(key, subject, cause),
            )
            return
        if person is None:
            self.sim.log(
                LANE,
                "sync",
                contact,
                f"task {subject!r} not synced: the contact is not in Salesforce",
                sync,
            )
            return
        values: dict[str, object] = {
            "Subject": subject,
            "WhoId": person.id,
            **_TASK_DEFAULTS,
        }
        owner = self.runtime.owner_in_salesforce(contact)
        if not blank(owner):
            values["OwnerId"] = owner
        since = self.runtime.errors.marker()
        task = self.sim.salesforce.insert("Task", values, sync)
        if task is None:
            self.runtime.errors.refused(contact, since, sync)
            return
        self.sim.hit("connector", TASK_ELEMENT)
        self.sim.action("task", subject, person, sync)
        self.sim.log(
            LANE,
            "sync",
            contact,
            f"created Task {task.id} {subject!r} in Salesforce",
            sync,
        )
