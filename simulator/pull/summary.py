"""What a pull fetched and what it changed, as the command prints it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.pull.diff import Changes, Key
from simulator.words import counted

# Beyond this many lines of one kind of change, the rest is counted, not listed.
_LISTED = 25


@dataclass(slots=True)
class PullResult:
    platform: str
    model: Path
    counts: dict[str, int]  # by the singular of what was counted: "workflow"
    changes: Changes
    skipped: list[str] = field(default_factory=list)  # not written, and why


def render(result: PullResult) -> list[str]:
    """The summary lines: what was pulled, what changed since the last pull."""
    fetched = ", ".join(counted(count, what) for what, count in result.counts.items())
    lines = [f"pulled from {result.platform}: {fetched}", f"written to {result.model}"]
    lines += [f"  not written: {item}" for item in result.skipped]
    changes = result.changes
    if not changes:
        return [*lines, "no definition changed since the last pull"]
    lines.append("changes since the last pull:")
    for verb, keys in (
        ("added", changes.added),
        ("removed", changes.removed),
        ("changed", changes.changed),
    ):
        lines += _listed(verb, keys)
    lines.append(
        f"{len(changes.added)} added, {len(changes.removed)} removed, "
        f"{len(changes.changed)} changed"
    )
    return lines


def _listed(verb: str, keys: list[Key]) -> list[str]:
    lines = [f"  {verb:8} {kind}: {name}" for kind, name in keys[:_LISTED]]
    if len(keys) > _LISTED:
        lines.append(f"  {verb:8} … and {len(keys) - _LISTED} more")
    return lines
