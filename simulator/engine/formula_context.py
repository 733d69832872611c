"""Salesforce formulas read records: this resolves their field paths against the run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.errors import FormulaError
from simulator.formula import Formula, compile_formula

if TYPE_CHECKING:
    from simulator.engine.records import RecordStore


def relationship_id_field(name: str) -> str:
    """``Account`` goes through ``AccountId``; ``Owner__r`` through ``Owner__c``."""
    if name.endswith("__r"):
        return name[:-3] + "__c"
    return name + "Id"


def follow(
    records: RecordStore, values: Mapping[str, object], path: tuple[str, ...]
) -> object:
    """The value at ``path`` starting from ``values``, crossing lookups by id."""
    current: Mapping[str, object] | None = values
    for step in path[:-1]:
        if current is None:
            return None
        related = records.by_id("salesforce", current.get(relationship_id_field(step)))
        current = related.fields if related is not None else None
    return current.get(path[-1]) if current is not None else None


class RecordContext:
    """A formula's view of one record during one save."""

    def __init__(
        self,
        records: RecordStore,
        current: Mapping[str, object],
        prior: Mapping[str, object] | None,
        now: datetime,
        variables: Callable[[str], object] | None = None,
    ) -> None:
        self._records = records
        self._current = current
        self._prior = prior
        self._variables = variables
        self.is_new = prior is None
        self.now = now

    def value(self, path: tuple[str, ...]) -> object:
        return follow(self._records, self._current, path)

    def prior(self, path: tuple[str, ...]) -> object:
        if self._prior is None:
            return None
        return follow(self._records, self._prior, path)

    def variable(self, name: str) -> object:
        if self._variables is None:
            raise FormulaError(f"{name!r} is not a field or a resource of this formula")
        return self._variables(name)


class FormulaCache:
    """Formulas are compiled once per text and kept for the whole run."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, bool], Formula] = {}

    def get(
        self,
        text: str,
        *,
        file: str | None = None,
        place: str | None = None,
        blank_as_zero: bool = False,
    ) -> Formula:
        key = (text, blank_as_zero)
        if key not in self._compiled:
            self._compiled[key] = compile_formula(
                text, file=file, place=place, blank_as_zero=blank_as_zero
            )
        return self._compiled[key]
