"""A Salesforce transaction: what it changed, so a failure can undo all of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.engine.records import Record

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation, _Queued


@dataclass(slots=True)
class Transaction:
    """Every write of one save and the saves it set off, until commit or rollback."""

    actions_before: int
    changes: list[tuple[Record, str, object, int]] = field(default_factory=list)
    created: list[Record] = field(default_factory=list)
    deleted: list[Record] = field(default_factory=list)
    queued: list[_Queued] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)
    # How often each (process, record) was evaluated in this transaction.
    evaluations: dict[tuple[str, str], int] = field(default_factory=dict)
    # Work that runs once the transaction commits: "run asynchronously" paths.
    after_commit: list[Callable[[], None]] = field(default_factory=list)

    def remember(self, record: Record, name: str) -> None:
        history = record.history.get(name, [])
        self.changes.append((record, name, record.fields.get(name), len(history)))

    def touch(self, record: Record, names: set[str]) -> None:
        self.touched.setdefault(record.key, set()).update(names)

    def rollback(self, sim: Simulation) -> None:
        """Put every field back, forget created records, restore deleted ones,
        cancel queued work."""
        for record, name, old, length in reversed(self.changes):
            record.fields[name] = old
            del record.history.setdefault(name, [])[length:]
        for record in self.created:
            sim.records.remove(record)
        for record in self.deleted:
            if record not in self.created:
                sim.records.undelete(record)
        for item in self.queued:
            item.cancelled = True
        del sim.trace.actions[self.actions_before :]
