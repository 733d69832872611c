"""What a formula reads while it runs: the record, its prior values, the flow."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from simulator.errors import FormulaError

# A fixed clock for callers that do not care what day it is: evaluations
# must not depend on when the simulation happens to run.
DEFAULT_NOW = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


class FormulaContext(Protocol):
    """The record being saved, as a formula sees it.

    Paths are field names split at the dots, `$Record` already removed:
    `StageName` and `$Record.StageName` both read ("StageName",), and
    `Account.Type` reads ("Account", "Type").
    """

    @property
    def is_new(self) -> bool:
        """True while the record is being inserted (ISNEW)."""
        ...

    @property
    def now(self) -> datetime.datetime:
        """The simulated moment, timezone-aware UTC; TODAY() is its date."""
        ...

    def value(self, path: tuple[str, ...]) -> object:
        """The field's value as it is being saved."""
        ...

    def prior(self, path: tuple[str, ...]) -> object:
        """The field's value before this save; only asked on updates."""
        ...

    def variable(self, name: str) -> object:
        """A flow resource or global: `myVar`, `$Flow.CurrentDate`, `$User.Id`.

        Raises FormulaError when there is no such resource.
        """
        ...


@dataclass(frozen=True)
class MappingContext:
    """A FormulaContext over plain dicts, for tests and simple callers.

    `current` and `prior` map field paths written with dots ("Account.Type")
    to values; a field that is not there is blank. `prior` is None on create.
    Unknown variables are an error, since a flow cannot name a resource it
    does not declare.
    """

    current: Mapping[str, object] = field(default_factory=dict)
    prior_values: Mapping[str, object] | None = None
    variables: Mapping[str, object] = field(default_factory=dict)
    is_new: bool = False
    now: datetime.datetime = DEFAULT_NOW

    def value(self, path: tuple[str, ...]) -> object:
        return self.current.get(".".join(path))

    def prior(self, path: tuple[str, ...]) -> object:
        if self.prior_values is None:
            return None
        return self.prior_values.get(".".join(path))

    def variable(self, name: str) -> object:
        try:
            return self.variables[name]
        except KeyError:
            known = ", ".join(sorted(self.variables)) or "none"
            raise FormulaError(
                f"the formula reads {{!{name}}}, which is not defined",
                expected=f"one of the defined resources: {known}",
                fix=f"declare {name} as a variable, or give it a value",
            ) from None
