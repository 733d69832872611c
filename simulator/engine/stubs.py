"""Stubs: what a scenario says an action revsim cannot run does when it runs.

An Apex action, an invocable action, a subflow missing from the model folder
or an outbound message runs as a stub: it is recorded as a ``stub`` action
named ``<kind> <name>`` (``apex ActionPlanCreateInvocable``). The scenario's
``stubs:`` (docs/formats.md) may give it an outcome: field values it writes
on the triggering record (``set``) and values of its output parameters
(``outputs``), optionally only in one flow (``workflow``, by API name or
label).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol


class StubOutcome(Protocol):
    """A scenario's stub, as simulator.scenario.model.Stub holds it."""

    @property
    def action(self) -> str: ...

    @property
    def workflow(self) -> str | None: ...

    @property
    def set(self) -> Mapping[str, object]: ...

    @property
    def outputs(self) -> Mapping[str, object]: ...


def find_stub(
    stubs: Iterable[StubOutcome], kind: str, name: str, flow: Iterable[str] = ()
) -> StubOutcome | None:
    """The stub for ``kind name`` or for ``name`` alone, in this flow or any."""
    wanted = {_key(f"{kind} {name}"), _key(name)}
    names = {_key(n) for n in flow}
    for stub in stubs:
        if _key(stub.action) not in wanted:
            continue
        if stub.workflow is None or _key(stub.workflow) in names:
            return stub
    return None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
