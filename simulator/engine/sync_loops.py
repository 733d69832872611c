"""Sync loops: automation on both sides rewriting one field through the connector.

A HubSpot workflow sets a property whenever it changes; a Salesforce flow
rewrites the mapped field on every save. Each side's write syncs to the
other, which rewrites it again, for ever: the real connector keeps both
platforms busy until someone notices. revsim follows each field of each pair
of records along the chain of causes: a connector write of the field whose
cause goes back to an earlier connector write of the same field is one hop
further along the same chain. HubSpot → Salesforce and back is one round trip;
after ``max_sync_round_trips`` round trips the next write is not made, the
chain stops, and a ``sync_loop`` finding names every cause of one round trip
(which workflow, which flow, which mapping).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.connector.model import FieldMapping
from simulator.engine.records import Record
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

FINDING = "sync_loop"


@dataclass(frozen=True, slots=True)
class _Hop:
    """One connector write: the cause it was made under and each field's depth."""

    cause: Cause
    pair: str  # the key of the HubSpot record of the pair
    depths: dict[str, int]  # HubSpot property → hops so far on its chain


class SyncLoops:
    """Counts, per pair of records and per field, the hops of each chain."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self._hops: dict[int, _Hop] = {}  # by id() of the write's cause
        self._reported: set[tuple[str, str]] = set()

    @property
    def limit(self) -> int:
        """Hops allowed on one chain: two for each round trip."""
        return 2 * self.sim.settings.max_sync_round_trips

    def depth(self, pair: str, name: str, cause: Cause) -> int:
        """The hop a write of ``name``, caused by ``cause``, would be."""
        for link in cause.chain():
            hop = self._hops.get(id(link))
            ours = hop is not None and hop.cause is link and hop.pair == pair
            if ours and hop is not None and name in hop.depths:
                return hop.depths[name] + 1
        return 1

    def made(self, cause: Cause, pair: str, depths: dict[str, int]) -> None:
        """Remember a connector write, so later writes can find it in their chain."""
        if depths:
            self._hops[id(cause)] = _Hop(cause, pair, depths)

    def stop(
        self, record: Record, mapping: FieldMapping, source: str, cause: Cause
    ) -> None:
        """The write of ``mapping`` would start one round trip too many."""
        trips = self.sim.settings.max_sync_round_trips
        arrow = mapping.arrow(source)
        key = (record.key, mapping.hubspot)
        if key in self._reported:
            self.sim.log(
                "connector", "sync_loop", record, f"{arrow} not synced: loop", cause
            )
            return
        self._reported.add(key)
        self.sim.finding(
            FINDING,
            record,
            f"{mapping.hubspot} ↔ {mapping.salesforce} went back and forth "
            f"{trips} times through the sync; the connector stopped it here. "
            f"One round trip: {self.round_trip(record.key, mapping.hubspot, cause)}",
            cause,
        )

    def round_trip(self, pair: str, name: str, cause: Cause) -> str:
        """The causes of the last round trip, latest first."""
        seen = 0
        links: list[str] = []
        for link in cause.chain():
            hop = self._hops.get(id(link))
            ours = hop is not None and hop.cause is link and hop.pair == pair
            if ours and hop is not None and name in hop.depths:
                seen += 1
            links.append(link.describe())
            if seen == 2:
                break
        return " ← ".join(links)
