"""The fuzzer's report in text: what failed and how to rerun it, what was reached."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from simulator.scenario.model import show
from simulator.words import counted

if TYPE_CHECKING:
    from simulator.fuzz.fuzzer import FuzzResult
    from simulator.fuzz.reachability import Reached

_VALUES_SHOWN = 6


def render(result: FuzzResult) -> str:
    """The whole report, as `revsim fuzz` prints it."""
    lines = [f"revsim fuzz {result.model_dir}  ({result.settings_line()})", ""]
    for found in result.falsified:
        lines += _falsified(found)
    falsified = {found.falsified.key for found in result.falsified}
    for key, name in result.invariants:
        if key not in falsified:
            lines.append(f"held       {name}")
    lines += ["", *reachability(result.reached), ""]
    search = result.search
    line = (
        f"{counted(search.examined, 'journey')} in {search.seconds:.1f} s: "
        f"{search.per_second:.0f} journeys/s"
    )
    if search.shrinking:
        line += f"; {search.shrinking} more runs to shrink what failed"
    lines.append(line)
    return "\n".join(lines)


def _falsified(found: object) -> list[str]:
    from simulator.fuzz.fuzzer import Found

    assert isinstance(found, Found)
    falsified, written = found.falsified, found.reproduction
    steps = len(falsified.journey.steps)
    records = len(falsified.journey.records)
    lines = [f"FALSIFIED  {falsified.invariant}"]
    lines += [f"  {violation.message}" for violation in falsified.violations[:3]]
    if len(falsified.violations) > 3:
        lines.append(f"  … and {len(falsified.violations) - 3} more")
    lines.append(
        f"  The smallest journey found ({counted(records, 'record')}, "
        f"{counted(steps, 'step')}), written to {written.path}:"
    )
    lines += [f"    {line}" for line in _body(written.text)]
    if written.reproduces:
        lines.append(f"  It fails under revsim run ({written.how}); rerun it with:")
    else:
        lines.append(f"  Note: under revsim run {written.how}. Rerun it with:")
    lines += [f"    {written.run_command}", "  Search again with:"]
    lines += [f"    {written.fuzz_command}", ""]
    return lines


def _body(text: str) -> Iterable[str]:
    """The scenario without its header comment, which only repeats the commands."""
    return (line for line in text.splitlines() if not line.startswith("#"))


def reachability(conditions: Sequence[Reached]) -> list[str]:
    """Each trigger and branch outcome: how often reached, on which values."""
    reached = [c for c in conditions if not c.dead]
    dead = [c for c in conditions if c.dead]
    lines = [
        f"reached {len(reached)} of {len(conditions)} triggers and branch outcomes:"
    ]
    for condition in reached:
        values = _values(condition.values)
        lines.append(
            f"  {condition.name}: {condition.label}  {condition.hits}×"
            + (f"  ({values})" if values else "")
        )
    if dead:
        lines.append("never reached (dead, or no journey got there):")
    for condition in dead:
        tried = _values(condition.tried)
        lines.append(
            f"  {condition.name}: {condition.label}"
            + (f"  (tried {tried})" if tried else "")
        )
    return lines


def _values(values: dict[str, list[object]]) -> str:
    parts = []
    for name, seen in values.items():
        if not seen:
            parts.append(f"{name} never given a value")
            continue
        shown = ", ".join(show(value) for value in seen[:_VALUES_SHOWN])
        more = "…" if len(seen) > _VALUES_SHOWN else ""
        parts.append(f"{name} {shown}{', ' + more if more else ''}")
    return "; ".join(parts)
