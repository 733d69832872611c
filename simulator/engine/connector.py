"""The HubSpot–Salesforce connector: which records sync, when, and under which rule.

HubSpot → Salesforce: a mapped change on a record that may sync (a contact in
the inclusion list, a deal in the synced pipeline, a company with a synced
contact) is sent after a short delay; the first send creates the Salesforce
record. Salesforce → HubSpot: changes wait for the next polling tick. Each
mapped field then flows only as its sync rule allows (sync_rules.py). A write
Salesforce refuses is a sync error and the record waits (sync_errors.py); a
field that automation on both sides keeps rewriting is stopped after a bound
(sync_loops.py). Deals, accounts and tasks have modules of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.connector.model import (
    STAGE,
    ConnectorSettings,
    DealSync,
    FieldMapping,
    ObjectSync,
)
from simulator.engine.account_sync import ACCOUNT_FIELD, AccountSync, associate
from simulator.engine.deal_sync import (
    in_synced_pipeline,
    new_deal_fields,
    unmapped_stage,
)
from simulator.engine.duplicate_rules import blocking_rule
from simulator.engine.records import Record
from simulator.engine.sync_errors import SyncErrors
from simulator.engine.sync_loops import SyncLoops
from simulator.engine.sync_rules import (
    blank,
    first_values,
    hubspot_takes,
    salesforce_is_newer,
    salesforce_takes,
    sends_to_hubspot,
    sends_to_salesforce,
)
from simulator.engine.task_sync import TaskSync
from simulator.engine.trace import Cause
from simulator.hubspot.filters import matches

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "connector"
TO_SALESFORCE = "HubSpot → Salesforce"
TO_HUBSPOT = "Salesforce → HubSpot"
# Salesforce requires a Lead's LastName and Company; the connector sends this
# placeholder when the HubSpot contact has no value for them.
NOT_PROVIDED = "[not provided]"
_REQUIRED = {"Lead": ("LastName", "Company"), "Contact": ("LastName",)}
# A poll reads accounts first, so that contacts and opportunities of the same
# tick find their company.
_POLL_ORDER = {"Account": 0, "Lead": 1, "Contact": 1, "Opportunity": 2}

Values = list[tuple[FieldMapping, object]]


@dataclass(slots=True)
class Pending:
    """Fields of one record waiting to sync, each with the cause of its change."""

    first: Cause
    causes: dict[str, Cause] = field(default_factory=dict)

    def add(self, names: set[str], cause: Cause) -> None:
        for name in sorted(names):
            self.causes[name] = cause

    @property
    def names(self) -> set[str]:
        return set(self.causes)


class ConnectorRuntime:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.settings: ConnectorSettings | None = sim.model.connector
        self.pairs: dict[str, ObjectSync] = {}
        self._by_salesforce: dict[str, ObjectSync] = {}
        for pair in self.settings.objects() if self.settings else ():
            self.pairs[pair.hubspot] = pair
            for object_name in pair.salesforce:
                self._by_salesforce[object_name] = pair
        self.errors = SyncErrors(sim, self._retry)
        self.loops = SyncLoops(sim)
        self.accounts = AccountSync(self)
        self.tasks = TaskSync(self)
        self._to_salesforce: dict[str, Pending] = {}
        self._to_hubspot: dict[str, Pending] = {}
        self._held: dict[str, Pending] = {}  # refused changes, by HubSpot record
        self._poll_due: datetime | None = None

    @property
    def create_as(self) -> str:
        return self.settings.create_as if self.settings else "Lead"

    # Changes coming in

    def hubspot_changed(self, record: Record, names: set[str], cause: Cause) -> None:
        pair = self.pairs.get(record.object)
        if pair is None:
            return
        mapped = {m.hubspot for m in pair.mappings if sends_to_salesforce(m)}
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
        pair = self._by_salesforce.get(record.object)
        if pair is None:
            return
        mapped = {m.salesforce for m in pair.mappings if sends_to_hubspot(m)}
        if self.accounts.on and record.object in ("Contact", "Opportunity"):
            mapped.add(ACCOUNT_FIELD)
        wanted = names & mapped
        if not wanted:
            return
        pending = self._to_hubspot.setdefault(record.key, Pending(cause))
        for name in sorted(wanted):
            pending.causes[name] = self._field_cause(record, name, cause)
        self._queue_poll()
        twin = self.sim.records.twin_of(record)
        if twin is not None and twin.key in self._held:
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
            return in_synced_pipeline(self._deals(), record)
        if record.object == "company":
            return self.accounts.company_may_sync(record)
        return False

    def _deals(self) -> DealSync | None:
        return self.settings.deals if self.settings else None

    # HubSpot → Salesforce

    def _queue_push(self, record: Record, names: set[str], cause: Cause) -> None:
        assert self.settings is not None
        if record.key in self._to_salesforce:
            self._to_salesforce[record.key].add(names, cause)
            return
        pending = self._held.pop(record.key, None) or Pending(cause)
        pending.add(names, cause)
        self._to_salesforce[record.key] = pending
        key = record.key
        self.sim.schedule(
            self.sim.now + self.settings.hubspot_to_salesforce_delay,
            f"connector: sync {record.label()} to Salesforce",
            lambda: self._push(key),
        )

    def _retry(self, key: str) -> None:
        """HubSpot's own retry of a record with a sync error: a sync at once."""
        if key in self._held and key not in self._to_salesforce:
            self._to_salesforce[key] = self._held.pop(key)
            self._push(key)

    def _push(self, key: str) -> None:
        pending = self._to_salesforce.pop(key)
        record = self.sim.records.get(key)
        if not self.may_sync(record):
            return  # it left the inclusion list or the synced pipeline meanwhile
        pair = self.pairs[record.object]
        twin = self.sim.records.twin_of(record) or self._match(record, "salesforce")
        if twin is None:
            values = self._first_values(pair, record)
        else:
            values = self._salesforce_changes(pair, record, twin, pending)
        values = self._unlooped(record, values, pending, "hubspot")
        if values is None:
            self._held[key] = pending
            return
        arrows = ", ".join(m.arrow("hubspot") for m, _ in values)
        sync = Cause("connector", TO_SALESFORCE, arrows or None, parent=pending.first)
        if twin is None:
            self._create_in_salesforce(pair, record, values, pending, sync)
        elif values:
            self._update_salesforce(record, twin, values, pending, sync)

    def _first_values(self, pair: ObjectSync, record: Record) -> Values | None:
        """Every mapped value a new Salesforce record takes from HubSpot."""
        values: Values = []
        for mapping in pair.mappings:
            value = record.fields.get(mapping.hubspot)
            if not first_values(mapping, value):
                continue
            if not mapping.matched_in_salesforce(value):
                if mapping.kind == STAGE:
                    self._stage_error(record, mapping, value)
                    return None
                continue  # an unmatched owner: Salesforce's assignment applies
            values.append((mapping, mapping.to_salesforce(value)))
        return values

    def _salesforce_changes(
        self, pair: ObjectSync, record: Record, twin: Record, pending: Pending
    ) -> Values | None:
        values: Values = []
        for mapping in pair.mappings:
            if mapping.hubspot not in pending.names or not sends_to_salesforce(mapping):
                continue
            value = record.fields.get(mapping.hubspot)
            current = twin.fields.get(mapping.salesforce)
            if not salesforce_takes(mapping, current, value):
                continue
            if salesforce_is_newer(mapping, record, twin):
                continue  # two-way: the poll brings Salesforce's later value
            if not mapping.matched_in_salesforce(value):
                if mapping.kind == STAGE:
                    self._stage_error(record, mapping, value)
                    return None
                self._reset_owner(record, mapping, current)
                continue
            values.append((mapping, mapping.to_salesforce(value)))
        return values

    def _stage_error(
        self, record: Record, mapping: FieldMapping, value: object
    ) -> None:
        cause = Cause("connector", TO_SALESFORCE, mapping.arrow("hubspot"))
        self.errors.report(record, unmapped_stage(mapping, value, "hubspot"), cause)

    def _reset_owner(
        self, record: Record, mapping: FieldMapping, current: object
    ) -> None:
        """An owner Salesforce has no user for does not sync; HubSpot's owner
        goes back to Salesforce's (knowledge.hubspot.com/salesforce/
        assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals)."""
        cause = Cause("connector", TO_SALESFORCE, "owner not in Salesforce")
        self.sim.log(
            LANE,
            "refused",
            record,
            f"owner {record.fields.get(mapping.hubspot)!r} has no Salesforce user; "
            "it goes back to the Salesforce owner",
            cause,
        )
        self.sim.hubspot.update(
            record, {mapping.hubspot: mapping.to_hubspot(current)}, cause
        )

    def _unlooped(
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

    def _hops(
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

    def _create_in_salesforce(
        self,
        pair: ObjectSync,
        record: Record,
        values: Values,
        pending: Pending,
        sync: Cause,
    ) -> None:
        object_name = self._salesforce_object(pair)
        fields = {m.salesforce: value for m, value in values}
        for name in _REQUIRED.get(object_name, ()):
            fields.setdefault(name, NOT_PROVIDED)
        self._assign(object_name, fields)
        if object_name in ("Contact", "Opportunity"):
            account = self.accounts.account_of(record)
            if account is not None:
                fields[ACCOUNT_FIELD] = account
        created = self._write(record, None, object_name, fields, values, pending, sync)
        if created is None:
            return
        self.sim.records.link(record, created)
        self.sim.log(
            LANE,
            "sync",
            record,
            f"created {created.object} {created.id} in Salesforce",
            sync,
        )
        if created.object == "Account":
            self.accounts.account_created(record, created, sync)

    def _assign(self, object_name: str, fields: dict[str, object]) -> None:
        """A new account or opportunity without a matched owner goes to the
        integration user; a new lead or contact to Salesforce's assignment rules."""
        settings = self.settings
        if settings is None or "OwnerId" in fields or object_name in _REQUIRED:
            return
        if settings.integration_user:
            fields["OwnerId"] = settings.integration_user

    def _update_salesforce(
        self,
        record: Record,
        twin: Record,
        values: Values,
        pending: Pending,
        sync: Cause,
    ) -> None:
        changes = {m.salesforce: value for m, value in values}
        self._write(record, twin, twin.object, changes, values, pending, sync)

    def _write(
        self,
        record: Record,
        twin: Record | None,
        object_name: str,
        fields: dict[str, object],
        values: Values,
        pending: Pending,
        sync: Cause,
    ) -> Record | None:
        """Insert (no ``twin``) or update in Salesforce; None when refused, and
        then the record has a sync error and its changes wait."""
        after = {**twin.fields, **fields} if twin is not None else fields
        why = blocking_rule(self.sim.model, self.sim.records, object_name, after, twin)
        if why is not None:
            self.errors.report(record, why, sync)
            self._held[record.key] = pending
            return None
        depths = self._hops(record, values, pending, "hubspot")
        self.loops.made(sync, record.key, depths)
        since = self.errors.marker()
        if twin is None:
            saved = self.sim.salesforce.insert(object_name, fields, sync)
        elif self.sim.salesforce.update(twin, fields, sync):
            saved = twin
        else:
            saved = None
        if saved is None:
            self.errors.refused(record, since, sync)
            self._held[record.key] = pending
            return None
        pair = self.pairs[record.object]
        for mapping, _ in values:
            self.sim.hit("connector", pair.element(mapping, "hubspot"))
        self.errors.cleared(record, sync)
        self._rewritten(saved, values, sync)
        return saved

    def _rewritten(self, saved: Record, values: Values, sync: Cause) -> None:
        """Automation that rewrote a value the connector just wrote (a before-save
        flow, a workflow field update) leaves Salesforce newer and different:
        the next poll brings its value back to HubSpot."""
        for mapping, sent in values:
            name = mapping.salesforce
            pending = self._to_hubspot.get(saved.key)
            if saved.fields.get(name) == sent or (pending and name in pending.causes):
                continue
            rewrite = self._rewrite_cause(saved, name, sync)
            self._to_hubspot.setdefault(saved.key, Pending(rewrite)).causes[name] = (
                rewrite
            )
            self._queue_poll()

    def _rewrite_cause(self, saved: Record, name: str, sync: Cause) -> Cause:
        """The automation of this save that changed ``name``, or ran last."""
        for entry in reversed(self.sim.trace.entries):
            if entry.time != self.sim.now:
                break
            ours = any(link is sync for link in entry.cause.chain())
            if entry.record != saved.key or not ours:
                continue
            if entry.field == name or entry.kind == "enrolled":
                return entry.cause
        return Cause("system", "Salesforce automation", parent=sync)

    def _salesforce_object(self, pair: ObjectSync) -> str:
        if pair.hubspot == "contact":
            return self.create_as
        return pair.salesforce[0]

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
        records = [self.sim.records.get(key) for key in pending]
        records.sort(key=lambda r: _POLL_ORDER.get(r.object, 3))
        for record in records:
            self._pull(record, pending[record.key])

    def _pull(self, record: Record, pending: Pending) -> None:
        pair = self._by_salesforce[record.object]
        twin = self.sim.records.twin_of(record) or self._match(record, "hubspot")
        if twin is None:
            self._create_in_hubspot(pair, record, pending)
            return
        if not self.may_receive(twin):
            return
        values = self._unlooped(
            twin,
            self._hubspot_changes(pair, record, twin, pending),
            pending,
            "salesforce",
        )
        arrows = ", ".join(m.arrow("salesforce") for m, _ in values or ())
        sync = Cause("connector", TO_HUBSPOT, arrows or None, parent=pending.first)
        if values:
            self.loops.made(
                sync, twin.key, self._hops(twin, values, pending, "salesforce")
            )
            changes = {m.hubspot: value for m, value in values}
            self.sim.hubspot.update(twin, changes, sync, automatic=True)
            for mapping, _ in values:
                self.sim.hit("connector", pair.element(mapping, "salesforce"))
        if ACCOUNT_FIELD in pending.names:
            self.accounts.associate_with_account(record, sync)

    def may_receive(self, twin: Record) -> bool:
        """Do Salesforce's changes reach this HubSpot record?"""
        if twin.object == "deal":
            return in_synced_pipeline(self._deals(), twin)
        if twin.object == "contact":
            return self.eligible(twin)
        return True

    def _hubspot_changes(
        self, pair: ObjectSync, record: Record, twin: Record, pending: Pending
    ) -> Values:
        values: Values = []
        for mapping in pair.mappings:
            if mapping.salesforce not in pending.names:
                continue
            value = record.fields.get(mapping.salesforce)
            if not hubspot_takes(mapping, twin.fields.get(mapping.hubspot), value):
                continue
            if not mapping.matched_in_hubspot(value):
                cause = Cause("connector", TO_HUBSPOT, mapping.arrow("salesforce"))
                why = unmapped_stage(mapping, value, "salesforce")
                self.errors.report(twin, why, cause)
                continue
            values.append((mapping, mapping.to_hubspot(value)))
        return values

    def _create_in_hubspot(
        self, pair: ObjectSync, record: Record, pending: Pending
    ) -> None:
        if pair.hubspot == "contact" and not self.sim.settings.create_hubspot_contacts:
            return
        values: dict[str, object] = {}
        deals = self._deals()
        if pair.hubspot == "deal" and deals is not None:
            values.update(new_deal_fields(deals))
        hits = []
        for mapping in pair.mappings:
            value = record.fields.get(mapping.salesforce)
            if not sends_to_hubspot(mapping) or blank(value):
                continue
            if not mapping.matched_in_hubspot(value):
                cause = Cause("connector", TO_HUBSPOT, mapping.arrow("salesforce"))
                self.errors.report(
                    record, unmapped_stage(mapping, value, "salesforce"), cause
                )
                return
            values[mapping.hubspot] = mapping.to_hubspot(value)
            hits.append(mapping)
        sync = Cause("connector", TO_HUBSPOT, parent=pending.first)
        created = self.sim.hubspot.create(pair.hubspot, values, sync)
        for mapping in hits:
            self.sim.hit("connector", pair.element(mapping, "salesforce"))
        self.sim.records.link(record, created)
        self.sim.log(
            LANE,
            "sync",
            record,
            f"created {pair.hubspot} {created.id} in HubSpot",
            sync,
        )
        self.accounts.associate_with_account(record, sync)

    # Shared

    def _match(self, record: Record, system: str) -> Record | None:
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


__all__ = ["ConnectorRuntime", "associate"]
