"""Records of both platforms: their fields, the history of each field, their links."""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from simulator.engine.trace import Cause

# The key prefixes Salesforce gives record ids of the standard objects, so that
# ids in the trace look like the ones a user sees in their org.
_SALESFORCE_PREFIXES = {
    "Account": "001",
    "Contact": "003",
    "Opportunity": "006",
    "Lead": "00Q",
    "Task": "00T",
}


@dataclass(slots=True)
class Record:
    """One record on one platform, with every value each field has held."""

    key: str
    system: str  # hubspot | salesforce
    object: str
    id: str
    created_at: datetime
    fields: dict[str, builtins.object] = field(default_factory=dict)
    alias: str | None = None
    history: dict[str, list[tuple[datetime, builtins.object]]] = field(
        default_factory=dict
    )
    lists: set[str] = field(default_factory=set)
    twin: str | None = None
    associations: set[str] = field(default_factory=set)
    deleted: bool = False  # in the recycle bin: kept for the trace, found by none
    # A field a record was created with that another cause gave it than the
    # creation's own: a before-save flow's assignment during the insert.
    origins: dict[str, Cause] = field(default_factory=dict)

    def get(self, name: str) -> builtins.object:
        return self.fields.get(name)

    def label(self) -> str:
        return self.alias or f"{self.object} {self.id}"

    def value_at(self, name: str, when: datetime) -> builtins.object:
        """The value ``name`` held at ``when``; None before its first value."""
        value: builtins.object = None
        for changed_at, changed_to in self.history.get(name, ()):
            if changed_at > when:
                break
            value = changed_to
        return value

    def values_taken(self, name: str) -> list[builtins.object]:
        return [value for _, value in self.history.get(name, ())]


class RecordStore:
    """All records of one run, found by key, alias, platform and object."""

    def __init__(self) -> None:
        self._records: dict[str, Record] = {}
        self._by_alias: dict[tuple[str, str], Record] = {}
        self._by_id: dict[tuple[str, str], Record] = {}
        self._by_object: dict[tuple[str, str], dict[str, Record]] = {}
        self._ids = itertools.count(1)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records.values())

    def __len__(self) -> int:
        return len(self._records)

    def new(
        self,
        system: str,
        object_name: str,
        fields: Mapping[str, builtins.object],
        created_at: datetime,
        alias: str | None = None,
    ) -> Record:
        number = next(self._ids)
        if system == "salesforce":
            prefix = _SALESFORCE_PREFIXES.get(object_name, "a00")
            record_id = f"{prefix}{number:015d}"
        else:
            record_id = str(1000 + number)
        record = Record(
            key=f"{system}:{object_name}:{record_id}",
            system=system,
            object=object_name,
            id=record_id,
            created_at=created_at,
            alias=alias,
        )
        for name, value in fields.items():
            record.fields[name] = value
            record.history[name] = [(created_at, value)]
        self._records[record.key] = record
        self._by_id[(system, record_id)] = record
        self._by_object.setdefault((system, object_name.lower()), {})[record.key] = (
            record
        )
        if alias:
            self._by_alias[(alias, system)] = record
        return record

    def get(self, key: str) -> Record:
        return self._records[key]

    def remove(self, record: Record) -> None:
        """Forget a record whose creation was rolled back."""
        self._records.pop(record.key, None)
        self._by_id.pop((record.system, record.id), None)
        self._by_object.get((record.system, record.object.lower()), {}).pop(
            record.key, None
        )
        if record.alias:
            self._by_alias.pop((record.alias, record.system), None)

    def delete(self, record: Record) -> None:
        """A deleted record is no longer found by id, object or query; the
        trace and the checks still reach it by key and alias."""
        record.deleted = True
        self._by_id.pop((record.system, record.id), None)
        self._by_object.get((record.system, record.object.lower()), {}).pop(
            record.key, None
        )

    def undelete(self, record: Record) -> None:
        """Put back a record whose deletion was rolled back."""
        record.deleted = False
        self._by_id[(record.system, record.id)] = record
        self._by_object.setdefault((record.system, record.object.lower()), {})[
            record.key
        ] = record

    def by_alias(self, alias: str, system: str | None = None) -> Record | None:
        if system is not None:
            return self._by_alias.get((alias, system))
        for (name, _), record in self._by_alias.items():
            if name == alias:
                return record
        return None

    def by_id(self, system: str, record_id: builtins.object) -> Record | None:
        if not isinstance(record_id, str):
            return None
        return self._by_id.get((system, record_id))

    def of(self, system: str, object_name: str) -> list[Record]:
        return list(self._by_object.get((system, object_name.lower()), {}).values())

    def twin_of(self, record: Record) -> Record | None:
        return self._records.get(record.twin) if record.twin else None

    def link(self, first: Record, second: Record) -> None:
        """Make two records each other's counterpart across the connector."""
        first.twin, second.twin = second.key, first.key
        if first.alias and not second.alias:
            second.alias = first.alias
            self._by_alias[(first.alias, second.system)] = second
        elif second.alias and not first.alias:
            first.alias = second.alias
            self._by_alias[(second.alias, first.system)] = first
