"""Salesforce → HubSpot: what the poll brings to HubSpot, and what it creates there.

At each polling tick the connector reads the Salesforce records that changed
since the last one, accounts first so that contacts and opportunities find
their company, and sends each changed mapped field its rule lets through. A
record HubSpot does not have yet creates a contact (if the setting allows), a
company or a deal in the synced pipeline. AccountId becomes the association
with the account's company.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.connector.model import FieldMapping, ObjectSync
from simulator.engine.account_sync import ACCOUNT_FIELD
from simulator.engine.deal_sync import new_deal_fields, unmapped_stage
from simulator.engine.records import Record
from simulator.engine.sync_pending import Pending, Values
from simulator.engine.sync_rules import blank, hubspot_takes, sends_to_hubspot
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.connector import ConnectorRuntime

LANE = "connector"
TO_HUBSPOT = "Salesforce → HubSpot"


class SalesforcePoll:
    """The connector's writes to HubSpot, one polled Salesforce record at a time."""

    def __init__(self, runtime: ConnectorRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    def pull(self, record: Record, pending: Pending) -> None:
        """Bring a Salesforce record's changes to HubSpot, or create it there."""
        pair = self.runtime.by_salesforce[record.object]
        twin = self.sim.records.twin_of(record) or self.runtime.match(record, "hubspot")
        if twin is None:
            self._create_in_hubspot(pair, record, pending)
            return
        if not self.runtime.may_receive(twin):
            return
        values = self.runtime.unlooped(
            twin,
            self._hubspot_changes(pair, record, twin, pending),
            pending,
            "salesforce",
        )
        arrows = FieldMapping.arrows((m for m, _ in values or ()), "salesforce")
        sync = Cause("connector", TO_HUBSPOT, arrows, parent=pending.first)
        if values:
            self.runtime.loops.made(
                sync, twin.key, self.runtime.hops(twin, values, pending, "salesforce")
            )
            changes = {m.hubspot: value for m, value in values}
            self.sim.hubspot.update(twin, changes, sync, automatic=True)
            for mapping, _ in values:
                self.sim.hit("connector", pair.element(mapping, "salesforce"))
        if ACCOUNT_FIELD in pending.names:
            self.runtime.accounts.associate_with_account(record, sync)

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
                self.runtime.errors.report(twin, why, cause)
                continue
            values.append((mapping, mapping.to_hubspot(value)))
        return values

    def _create_in_hubspot(
        self, pair: ObjectSync, record: Record, pending: Pending
    ) -> None:
        if pair.hubspot == "contact" and not self.sim.settings.create_hubspot_contacts:
            return
        values: dict[str, object] = {}
        deals = self.runtime.deals()
        if pair.hubspot == "deal" and deals is not None:
            values.update(new_deal_fields(deals))
        hits = []
        for mapping in pair.mappings:
            value = record.fields.get(mapping.salesforce)
            if not sends_to_hubspot(mapping) or blank(value):
                continue
            if not mapping.matched_in_hubspot(value):
                cause = Cause("connector", TO_HUBSPOT, mapping.arrow("salesforce"))
                self.runtime.errors.report(
                    record, unmapped_stage(mapping, value, "salesforce"), cause
                )
                return
            values[mapping.hubspot] = mapping.to_hubspot(value)
            hits.append(mapping)
        sync = Cause("connector", TO_HUBSPOT, parent=pending.first)
        before = len(self.sim.trace.entries)
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
            position=before,  # before what the new record's workflows did
        )
        self.runtime.accounts.associate_with_account(record, sync)
