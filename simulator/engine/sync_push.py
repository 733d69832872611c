"""HubSpot → Salesforce: what one sync of a record sends, and how Salesforce takes it.

A sync sends the record's waiting changes that its mappings' rules let
through, or, for a record Salesforce does not have yet, every mapped value
(with the placeholders and the owner a new record needs). A duplicate rule,
a validation rule or the platform may refuse the write: then it is a sync
error and the changes wait (sync_errors.py). A value Salesforce automation
rewrites in the same save goes back to HubSpot at the next poll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.connector.model import STAGE, FieldMapping, ObjectSync
from simulator.engine.account_sync import ACCOUNT_FIELD
from simulator.engine.deal_sync import unmapped_stage
from simulator.engine.duplicate_rules import blocking_rule
from simulator.engine.records import Record
from simulator.engine.sync_pending import Pending, Values
from simulator.engine.sync_rules import (
    first_values,
    salesforce_is_newer,
    salesforce_takes,
    salesforce_wins,
    sends_to_salesforce,
)
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.connector import ConnectorRuntime

LANE = "connector"
TO_SALESFORCE = "HubSpot → Salesforce"
TO_HUBSPOT = "Salesforce → HubSpot"
# Salesforce requires a Lead's LastName and Company; the connector sends this
# placeholder when the HubSpot contact has no value for them.
NOT_PROVIDED = "[not provided]"
_REQUIRED = {"Lead": ("LastName", "Company"), "Contact": ("LastName",)}


class SalesforceWrites:
    """The connector's writes to Salesforce for one record at a time."""

    def __init__(self, runtime: ConnectorRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    def send(self, record: Record, pending: Pending) -> None:
        """Send a record's waiting changes, or create it in Salesforce."""
        pair = self.runtime.pairs[record.object]
        twin = self.sim.records.twin_of(record) or self.runtime.match(
            record, "salesforce"
        )
        if twin is None:
            values = self._first_values(pair, record)
        else:
            self._changes_back(pair, record, twin, pending)
            values = self._salesforce_changes(pair, record, twin, pending)
        values = self.runtime.unlooped(record, values, pending, "hubspot")
        if values is None:
            self.runtime.held[record.key] = pending
            return
        arrows = FieldMapping.arrows((m for m, _ in values), "hubspot")
        sync = Cause("connector", TO_SALESFORCE, arrows, parent=pending.first)
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

    def _changes_back(
        self, pair: ObjectSync, record: Record, twin: Record, pending: Pending
    ) -> None:
        """HubSpot changes that Salesforce's value overwrites go back to it: the
        property "keeps changing back to the original" (knowledge.hubspot.com/
        salesforce/map-hubspot-properties-to-salesforce-fields)."""
        back: Values = []
        for mapping in pair.mappings:
            current = twin.fields.get(mapping.salesforce)
            value = record.fields.get(mapping.hubspot)
            if mapping.hubspot in pending.names and salesforce_wins(
                mapping, current, value
            ):
                back.append((mapping, _original(record, mapping, current)))
        # HubSpot's value went out and Salesforce's came back: a round trip.
        depths = {
            m.hubspot: self.runtime.loops.depth(
                record.key, m.hubspot, pending.causes.get(m.hubspot, pending.first)
            )
            + 1
            for m, _ in back
        }
        kept = [
            (m, v) for m, v in back if depths[m.hubspot] <= self.runtime.loops.limit
        ]
        for mapping, _ in back:
            if depths[mapping.hubspot] > self.runtime.loops.limit:
                cause = pending.causes.get(mapping.hubspot, pending.first)
                self.runtime.loops.stop(record, mapping, "salesforce", cause)
        if not kept:
            return
        arrows = FieldMapping.arrows((m for m, _ in kept), "salesforce")
        first = pending.causes.get(kept[0][0].hubspot, pending.first)
        cause = Cause("connector", TO_HUBSPOT, f"{arrows}, Salesforce's value", first)
        self.runtime.loops.made(
            cause, record.key, {m.hubspot: depths[m.hubspot] for m, _ in kept}
        )
        self.sim.hubspot.update(
            record, {m.hubspot: v for m, v in kept}, cause, automatic=True
        )
        for mapping, _ in kept:
            pending.causes.pop(mapping.hubspot, None)

    def _stage_error(
        self, record: Record, mapping: FieldMapping, value: object
    ) -> None:
        cause = Cause("connector", TO_SALESFORCE, mapping.arrow("hubspot"))
        self.runtime.errors.report(
            record, unmapped_stage(mapping, value, "hubspot"), cause
        )

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
            account = self.runtime.accounts.account_of(record)
            if account is not None:
                fields[ACCOUNT_FIELD] = account
        before = len(self.sim.trace.entries)
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
            position=before,  # before what the insert's automation did
        )
        if created.object == "Account":
            self.runtime.accounts.account_created(record, created, sync)

    def _assign(self, object_name: str, fields: dict[str, object]) -> None:
        """A new account or opportunity without a matched owner goes to the
        integration user; a new lead or contact to Salesforce's assignment rules."""
        settings = self.runtime.settings
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
            self.runtime.errors.report(record, why, sync)
            self.runtime.held[record.key] = pending
            return None
        depths = self.runtime.hops(record, values, pending, "hubspot")
        self.runtime.loops.made(sync, record.key, depths)
        since = self.runtime.errors.marker()
        if twin is None:
            saved = self.sim.salesforce.insert(object_name, fields, sync)
        elif self.sim.salesforce.update(twin, fields, sync):
            saved = twin
        else:
            saved = None
        if saved is None:
            self.runtime.errors.refused(record, since, sync)
            self.runtime.held[record.key] = pending
            return None
        pair = self.runtime.pairs[record.object]
        for mapping, _ in values:
            self.sim.hit("connector", pair.element(mapping, "hubspot"))
        self.runtime.errors.cleared(record, sync)
        self._rewritten(saved, values, sync)
        return saved

    def _rewritten(self, saved: Record, values: Values, sync: Cause) -> None:
        """Automation that rewrote a value the connector just wrote (a before-save
        flow, a workflow field update) leaves Salesforce newer and different:
        the next poll brings its value back to HubSpot."""
        for mapping, sent in values:
            name = mapping.salesforce
            pending = self.runtime.to_hubspot.get(saved.key)
            if saved.fields.get(name) == sent or (pending and name in pending.causes):
                continue
            rewrite = self._rewrite_cause(saved, name, sync)
            self.runtime.to_hubspot.setdefault(saved.key, Pending(rewrite)).causes[
                name
            ] = rewrite
            self.runtime.queue_poll()

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
            return self.runtime.create_as
        return pair.salesforce[0]


def _original(record: Record, mapping: FieldMapping, current: object) -> object:
    """The HubSpot value the property changes back to: the one it held before,
    when that one matches Salesforce's, or else Salesforce's own as HubSpot
    reads it."""
    history = record.history.get(mapping.hubspot, [])
    if len(history) >= 2 and mapping.corresponds(history[-2][1], current):
        return history[-2][1]
    return mapping.to_hubspot(current)
