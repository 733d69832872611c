"""The HubSpot–Salesforce connector: which records sync, when, and under which rule.

HubSpot → Salesforce: a mapped change on a contact in the inclusion list is
sent after a short delay; the first send creates the Lead (or Contact).
Salesforce → HubSpot: changes wait for the next polling tick. Each mapped
field then flows only as its sync rule allows. A value that already matches
the other side is not sent, which is also what stops the connector from
echoing its own writes back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from simulator.connector.model import ConnectorSettings, FieldMapping, SyncRule
from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.hubspot.filters import matches

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "connector"
# Salesforce requires a Lead's LastName and Company; the connector sends this
# placeholder when the HubSpot contact has no value for them.
NOT_PROVIDED = "[not provided]"
_REQUIRED = {"Lead": ("LastName", "Company"), "Contact": ("LastName",)}
_TO_SALESFORCE = (SyncRule.TWO_WAY, SyncRule.PREFER_SALESFORCE_UNLESS_BLANK)


class ConnectorRuntime:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.settings: ConnectorSettings | None = sim.model.connector
        self._to_salesforce: dict[str, tuple[set[str], Cause]] = {}
        self._to_hubspot: dict[str, tuple[set[str], Cause]] = {}
        self._poll_due: datetime | None = None

    # Changes coming in

    def hubspot_changed(self, record: Record, names: set[str], cause: Cause) -> None:
        if self.settings is None or record.object != "contact":
            return
        mapped = {m.hubspot for m in self.settings.mappings if m.rule in _TO_SALESFORCE}
        wanted = names & mapped if record.twin else mapped
        if wanted and self.eligible(record):
            self._queue_push(record, wanted, cause)

    def hubspot_list_changed(self, record: Record, cause: Cause) -> None:
        """Joining the inclusion list is a sync trigger: every mapped field goes."""
        if self.settings is None or record.object != "contact":
            return
        if self.eligible(record):
            names = {
                m.hubspot for m in self.settings.mappings if m.rule in _TO_SALESFORCE
            }
            self._queue_push(record, names, cause)

    def hubspot_form_submitted(self, record: Record, cause: Cause) -> None:
        """A form submission is a sync trigger of its own."""
        self.hubspot_list_changed(record, cause)

    def salesforce_changed(self, record: Record, names: set[str], cause: Cause) -> None:
        if self.settings is None or record.object not in ("Lead", "Contact"):
            return
        mapped = {
            m.salesforce for m in self.settings.mappings if m.rule != SyncRule.DONT_SYNC
        }
        wanted = names & mapped
        if not wanted:
            return
        pending, first = self._to_hubspot.get(record.key, (set(), cause))
        self._to_hubspot[record.key] = (pending | wanted, first)
        self._queue_poll()

    def eligible(self, contact: Record) -> bool:
        """Is the contact in the inclusion list (or is there none)?"""
        assert self.settings is not None
        inclusion = self.settings.inclusion_list
        if inclusion is None:
            return True
        if inclusion.list_id is not None and inclusion.list_id in contact.lists:
            return True
        return inclusion.filter is not None and matches(
            inclusion.filter, contact.fields, contact.lists
        )

    # HubSpot → Salesforce

    def _queue_push(self, record: Record, names: set[str], cause: Cause) -> None:
        assert self.settings is not None
        if record.key in self._to_salesforce:
            self._to_salesforce[record.key][0].update(names)
            return
        self._to_salesforce[record.key] = (set(names), cause)
        self.sim.schedule(
            self.sim.now + self.settings.hubspot_to_salesforce_delay,
            f"connector: sync {record.label()} to Salesforce",
            lambda: self._push(record.key),
        )

    def _push(self, key: str) -> None:
        assert self.settings is not None
        names, cause = self._to_salesforce.pop(key)
        contact = self.sim.records.get(key)
        sync = Cause("connector", "HubSpot → Salesforce", parent=cause)
        twin = self.sim.records.twin_of(contact) or self._match(contact, "salesforce")
        if twin is None:
            self._create_in_salesforce(contact, sync)
            return
        changes = {}
        for mapping in self._mappings(names, "hubspot"):
            value = mapping.to_salesforce(contact.fields.get(mapping.hubspot))
            if self._writes_salesforce(mapping, twin, value):
                changes[mapping.salesforce] = value
                self._hit(mapping, "hubspot")
        if changes and not self.sim.salesforce.update(twin, changes, sync):
            self._sync_error(contact, twin, sync)

    def _writes_salesforce(
        self, mapping: FieldMapping, twin: Record, value: object
    ) -> bool:
        if mapping.rule == SyncRule.TWO_WAY:
            return twin.fields.get(mapping.salesforce) != value
        if mapping.rule == SyncRule.PREFER_SALESFORCE_UNLESS_BLANK:
            return (
                twin.fields.get(mapping.salesforce) in (None, "") and value is not None
            )
        return False

    def _create_in_salesforce(self, contact: Record, sync: Cause) -> None:
        assert self.settings is not None
        values: dict[str, object] = {}
        for mapping in self.settings.mappings:
            value = mapping.to_salesforce(contact.fields.get(mapping.hubspot))
            if mapping.rule in _TO_SALESFORCE and value not in (None, ""):
                values[mapping.salesforce] = value
                self._hit(mapping, "hubspot")
        for name in _REQUIRED.get(self.settings.create_as, ()):
            values.setdefault(name, NOT_PROVIDED)
        created = self.sim.salesforce.insert(self.settings.create_as, values, sync)
        if created is None:
            self._sync_error(contact, None, sync)
            return
        self.sim.records.link(contact, created)
        self.sim.log(
            LANE,
            "sync",
            contact,
            f"created {created.object} {created.id} in Salesforce",
            sync,
        )

    # Salesforce → HubSpot

    def _queue_poll(self) -> None:
        assert self.settings is not None
        interval = self.settings.polling_interval
        ticks = (self.sim.now - self.sim.start) // interval + 1
        due = self.sim.start + ticks * interval
        if self._poll_due is not None and self._poll_due <= due:
            return
        self._poll_due = due
        self.sim.schedule(due, "connector: poll Salesforce", self._poll)

    def _poll(self) -> None:
        self._poll_due = None
        pending, self._to_hubspot = self._to_hubspot, {}
        for key, (names, cause) in pending.items():
            record = self.sim.records.get(key)
            self._pull(
                record, names, Cause("connector", "Salesforce → HubSpot", parent=cause)
            )

    def _pull(self, record: Record, names: set[str], sync: Cause) -> None:
        twin = self.sim.records.twin_of(record) or self._match(record, "hubspot")
        if twin is None:
            self._create_in_hubspot(record, sync)
            return
        if not self.eligible(twin):
            return
        changes = {}
        for mapping in self._mappings(names, "salesforce"):
            value = record.fields.get(mapping.salesforce)
            if mapping.to_salesforce(twin.fields.get(mapping.hubspot)) == value:
                continue  # already equal under the value map: nothing to send
            changes[mapping.hubspot] = mapping.to_hubspot(value)
            self._hit(mapping, "salesforce")
        self.sim.hubspot.update(twin, changes, sync, automatic=True)

    def _create_in_hubspot(self, record: Record, sync: Cause) -> None:
        assert self.settings is not None
        if not self.sim.settings.create_hubspot_contacts:
            return
        values: dict[str, object] = {}
        for mapping in self.settings.mappings:
            value = record.fields.get(mapping.salesforce)
            if mapping.rule != SyncRule.DONT_SYNC and value not in (None, ""):
                values[mapping.hubspot] = mapping.to_hubspot(value)
                self._hit(mapping, "salesforce")
        contact = self.sim.hubspot.create("contact", values, sync)
        self.sim.records.link(record, contact)
        self.sim.log(
            LANE, "sync", record, f"created contact {contact.id} in HubSpot", sync
        )

    # Shared

    def _mappings(self, names: set[str], side: str) -> list[FieldMapping]:
        assert self.settings is not None
        return [
            m
            for m in self.settings.mappings
            if getattr(m, side) in names and m.rule != SyncRule.DONT_SYNC
        ]

    def _match(self, record: Record, system: str) -> Record | None:
        """The connector matches contacts and leads by email address."""
        email_field = "email" if record.system == "hubspot" else "Email"
        email = record.fields.get(email_field)
        if not email:
            return None
        other_field = "Email" if system == "salesforce" else "email"
        objects = ("Lead", "Contact") if system == "salesforce" else ("contact",)
        wanted = str(email).lower()
        for object_name in objects:
            for candidate in self.sim.records.of(system, object_name):
                found = str(candidate.fields.get(other_field) or "").lower() == wanted
                if found and candidate.twin is None:
                    self.sim.records.link(record, candidate)
                    return candidate
        return None

    def _hit(self, mapping: FieldMapping, source: str) -> None:
        arrow = (
            f"{mapping.hubspot} → {mapping.salesforce}"
            if source == "hubspot"
            else f"{mapping.salesforce} → {mapping.hubspot}"
        )
        self.sim.hit("connector", arrow)

    def _sync_error(self, contact: Record, twin: Record | None, sync: Cause) -> None:
        self.sim.finding(
            "sync_error",
            contact,
            "Salesforce refused the sync; the record stays out of sync "
            "until it is fixed",
            sync,
        )
