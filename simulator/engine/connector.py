"""The HubSpot–Salesforce connector: which records sync, when, and under which rule.

HubSpot → Salesforce: a mapped change on a record that may sync (a contact in
the inclusion list, a deal in the synced pipeline, a company with a synced
contact) is sent after a short delay; the first send creates the Salesforce
record. Salesforce → HubSpot: changes wait for the next polling tick. Each
mapped field then flows only as its sync rule allows (sync_rules.py). This
module decides what syncs and when; sync_push.py writes to Salesforce and
sync_poll.py to HubSpot. A write Salesforce refuses is a sync error and the
record waits (sync_errors.py); a field that automation on both sides keeps
rewriting is stopped after a bound (sync_loops.py). Deals, accounts and tasks
have modules of their own.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from simulator.connector.model import (
    ConnectorSettings,
    DealSync,
    ObjectSync,
)
from simulator.engine.account_sync import ACCOUNT_FIELD, AccountSync
from simulator.engine.deal_sync import in_synced_pipeline
from simulator.engine.records import Record
from simulator.engine.sync_errors import SyncErrors
from simulator.engine.sync_loops import SyncLoops
from simulator.engine.sync_pending import Pending, Values
from simulator.engine.sync_poll import SalesforcePoll
from simulator.engine.sync_push import SalesforceWrites
from simulator.engine.sync_rules import (
    blank,
    sends_to_hubspot,
    sends_to_salesforce,
)
from simulator.engine.task_sync import TaskSync
from simulator.engine.trace import Cause
from simulator.hubspot.filters import matches

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "connector"
# A poll reads accounts first, so that contacts and opportunities of the same
# tick find their company.
_POLL_ORDER = {"Account": 0, "Lead": 1, "Contact": 1, "Opportunity": 2}


class ConnectorRuntime:
    """Everything the connector does in a run: its queues, its rules, its errors."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.settings: ConnectorSettings | None = sim.model.connector
        self.pairs: dict[str, ObjectSync] = {}
        self.by_salesforce: dict[str, ObjectSync] = {}
        for pair in self.settings.objects() if self.settings else ():
            self.pairs[pair.hubspot] = pair
            for object_name in pair.salesforce:
                self.by_salesforce[object_name] = pair
        self.errors = SyncErrors(sim, self._retry)
        self.loops = SyncLoops(sim)
        self.accounts = AccountSync(self)
        self.tasks = TaskSync(self)
        self.writes = SalesforceWrites(self)
        self.poll = SalesforcePoll(self)
        self._to_salesforce: dict[str, Pending] = {}
        self.to_hubspot: dict[str, Pending] = {}
        self.held: dict[str, Pending] = {}  # refused changes, by HubSpot record
        self._poll_due: datetime | None = None
        self._push_due: dict[str, datetime] = {}

    @property
    def create_as(self) -> str:
        return self.settings.create_as if self.settings else "Lead"

    # Changes coming in

    def hubspot_changed(self, record: Record, names: set[str], cause: Cause) -> None:
        pair = self.pairs.get(record.object)
        if pair is None:
            return
        # Always-use-Salesforce properties are sent nowhere, but a change to one
        # is a sync trigger all the same: Salesforce's value comes back.
        mapped = {m.hubspot for m in pair.mappings if sends_to_hubspot(m)}
        whole = record.twin is None or "pipeline" in names
        wanted = mapped if whole else names & mapped
        # A new company has no associations yet: whether it syncs is decided
        # when it is sent, once the workflow that created it has associated it.
        later = record.object == "company" and record.twin is None
        if wanted and (later or self.may_sync(record)):
            self._queue_push(record, wanted, cause)

    def hubspot_list_changed(self, record: Record, cause: Cause) -> None:
        """Joining the inclusion list is a sync trigger: every mapped field goes."""
        pair = self.pairs.get(record.object)
        if pair is None or record.object != "contact":
            return
        if self.eligible(record):
            names = {m.hubspot for m in pair.mappings if sends_to_salesforce(m)}
            self._queue_push(record, names, cause)

    def hubspot_form_submitted(self, record: Record, cause: Cause) -> None:
        """A form submission is a sync trigger of its own."""
        self.hubspot_list_changed(record, cause)

    def hubspot_task_created(self, record: Record, subject: str, cause: Cause) -> None:
        self.tasks.created(record, subject, cause)

    def salesforce_changed(self, record: Record, names: set[str], cause: Cause) -> None:
        pair = self.by_salesforce.get(record.object)
        if pair is None:
            return
        mapped = {m.salesforce for m in pair.mappings if sends_to_hubspot(m)}
        if self.accounts.on and record.object in ("Contact", "Opportunity"):
            mapped.add(ACCOUNT_FIELD)
        wanted = names & mapped
        if not wanted:
            return
        pending = self.to_hubspot.setdefault(record.key, Pending(cause))
        for name in sorted(wanted):
            pending.causes[name] = self._field_cause(record, name, cause)
        self.queue_poll()
        twin = self.sim.records.twin_of(record)
        if twin is not None and twin.key in self.held:
            # A change in Salesforce may have fixed what refused HubSpot's write.
            self._queue_push(twin, set(), cause)

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

    def may_sync(self, record: Record) -> bool:
        """May this HubSpot record sync with Salesforce now?"""
        if record.object == "contact":
            return self.eligible(record)
        if record.object == "deal":
            return in_synced_pipeline(self.deals(), record)
        if record.object == "company":
            return self.accounts.company_may_sync(record)
        return False

    def deals(self) -> DealSync | None:
        return self.settings.deals if self.settings else None

    # HubSpot → Salesforce

    def _queue_push(self, record: Record, names: set[str], cause: Cause) -> None:
        assert self.settings is not None
        if record.key in self._to_salesforce:
            self._to_salesforce[record.key].add(names, cause)
            return
        pending = self.held.pop(record.key, None) or Pending(cause)
        pending.add(names, cause)
        self._to_salesforce[record.key] = pending
        key = record.key
        self._push_due[key] = self.sim.now + self.settings.hubspot_to_salesforce_delay
        self.sim.schedule(
            self._push_due[key],
            f"connector: sync {record.label()} to Salesforce",
            lambda: self._push(key),
        )

    def sync_due(self, record: Record) -> datetime | None:
        """When the queued sync of this HubSpot record runs; None if none is."""
        return self._push_due.get(record.key)

    def _retry(self, key: str) -> None:
        """HubSpot's own retry of a record with a sync error: a sync at once."""
        if key in self.held and key not in self._to_salesforce:
            self._to_salesforce[key] = self.held.pop(key)
            self._push(key)

    def _push(self, key: str) -> None:
        pending = self._to_salesforce.pop(key)
        self._push_due.pop(key, None)
        record = self.sim.records.get(key)
        if self.may_sync(record):  # it may have left the list or the pipeline
            self.writes.send(record, pending)

    def unlooped(
        self, record: Record, values: Values | None, pending: Pending, source: str
    ) -> Values | None:
        """Leave out each field whose write would go round once too often."""
        if values is None:
            return None
        kept: Values = []
        for mapping, value in values:
            name = mapping.hubspot if source == "hubspot" else mapping.salesforce
            cause = pending.causes.get(name, pending.first)
            if self.loops.depth(record.key, mapping.hubspot, cause) > self.loops.limit:
                self.loops.stop(record, mapping, source, cause)
                continue
            kept.append((mapping, value))
        return kept

    def hops(
        self, record: Record, values: Values, pending: Pending, source: str
    ) -> dict[str, int]:
        depths = {}
        for mapping, _ in values:
            name = mapping.hubspot if source == "hubspot" else mapping.salesforce
            cause = pending.causes.get(name, pending.first)
            depths[mapping.hubspot] = self.loops.depth(
                record.key, mapping.hubspot, cause
            )
        return depths

    def owner_in_salesforce(self, record: Record) -> object:
        """The Salesforce user matched to a HubSpot record's owner, if any."""
        assert self.settings is not None
        mapping = self.settings.owner_mapping()
        value = record.fields.get("hubspot_owner_id")
        if mapping is None or blank(value) or not mapping.matched_in_salesforce(value):
            return None
        return mapping.to_salesforce(value)

    # Salesforce → HubSpot

    def _field_cause(self, record: Record, name: str, default: Cause) -> Cause:
        """The cause of the change of ``name`` just saved (a flow, a rule, a person)."""
        for entry in reversed(self.sim.trace.entries):
            if entry.time != self.sim.now:
                break
            if entry.record == record.key and entry.field == name:
                return entry.cause
        return default

    def queue_poll(self) -> None:
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
        pending, self.to_hubspot = self.to_hubspot, {}
        records = [self.sim.records.get(key) for key in pending]
        records.sort(key=lambda r: _POLL_ORDER.get(r.object, 3))
        for record in records:
            self.poll.pull(record, pending[record.key])

    def may_receive(self, twin: Record) -> bool:
        """Do Salesforce's changes reach this HubSpot record?"""
        if twin.object == "deal":
            return in_synced_pipeline(self.deals(), twin)
        if twin.object == "contact":
            return self.eligible(twin)
        return True

    # Shared

    def match(self, record: Record, system: str) -> Record | None:
        """Contacts and leads are matched by email; an account by the company
        its contacts belong to; deals and opportunities only by their link."""
        if record.object == "Account" and system == "hubspot":
            return self.accounts.match_company(record)
        if record.object not in ("contact", "Lead", "Contact"):
            return None
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
