"""What every imported definition shares: its file and what is not simulated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NotSimulated:
    """An element revsim reads but cannot simulate faithfully.

    It is listed by `revsim validate` and in the report; at run time it goes
    through a stub that records that it was reached.
    """

    file: str
    definition: str
    element: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class Element:
    """One countable piece of a definition, for coverage: a node, an outcome, a path."""

    key: str
    label: str
    kind: str
