"""Changes waiting to sync: which fields of one record, and what changed each."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.connector.model import FieldMapping
from simulator.engine.trace import Cause

# What one sync writes: each mapping with the value it carries.
Values = list[tuple[FieldMapping, object]]


@dataclass(slots=True)
class Pending:
    """Fields of one record waiting to sync, each with the cause of its change.

    The causes let sync_loops.py follow each field's chain across the
    connector; ``first`` is the cause the sync itself is traced under.
    """

    first: Cause
    causes: dict[str, Cause] = field(default_factory=dict)

    def add(self, names: set[str], cause: Cause) -> None:
        for name in sorted(names):
            self.causes[name] = cause

    @property
    def names(self) -> set[str]:
        return set(self.causes)
