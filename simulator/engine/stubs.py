"""Stubs: what a scenario says an action revsim cannot run does when it runs.

An Apex action, an invocable action, a subflow missing from the model folder
or an outbound message runs as a stub: it is recorded as a ``stub`` action.
A scenario may give the stub an outcome (docs/formats.md, "Stubs"): field
values it writes on the triggering record, output values the flow reads, or
a fault that sends the flow down its fault path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Stub:
    """The outcome of one action, named as revsim names it: ``apex MyAction``."""

    action: str
    set: Mapping[str, object] = field(default_factory=dict)
    outputs: Mapping[str, object] = field(default_factory=dict)
    fault: str | None = None
    line: int = 0


class StubBook:
    """The scenario's stubs, found by the name of the action they stand for."""

    def __init__(self, stubs: Iterable[Stub] = ()) -> None:
        self._stubs = {_key(stub.action): stub for stub in stubs}
        self.used: set[str] = set()

    def find(self, kind: str, name: str) -> Stub | None:
        """The stub for ``kind name`` (``apex MyAction``), or for ``name`` alone."""
        for key in (_key(f"{kind} {name}"), _key(name)):
            stub = self._stubs.get(key)
            if stub is not None:
                self.used.add(stub.action)
                return stub
        return None

    def __len__(self) -> int:
        return len(self._stubs)


def _key(action: str) -> str:
    return " ".join(action.split()).casefold()
