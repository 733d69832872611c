"""Transition matrices: for each stage field, every move from a stage to a stage."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.lifecycle import LifecycleMap

if TYPE_CHECKING:
    from simulator.report.view import TransitionRow

NEW_RECORD = "(new record)"


@dataclass(frozen=True, slots=True)
class MatrixCell:
    source: str
    target: str
    # exercised | unexercised | undeclared | empty (neither) | same (a stage to
    # itself, which is no move at all)
    status: str
    hits: int

    @property
    def text(self) -> str:
        """What the cell shows; the colour alone must not carry the meaning."""
        marks = {"exercised": f"✓ {self.hits}", "unexercised": "0"}
        return marks.get(self.status, f"! {self.hits}" if self.hits else "")

    @property
    def title(self) -> str:
        moves = f"{self.source} → {self.target}"
        counts = {
            "exercised": f"declared, seen {self.hits}×",
            "unexercised": "declared, never seen",
            "undeclared": f"not declared, seen {self.hits}×",
        }
        if self.status == "same":
            return f"{self.source}: not a move"
        return f"{moves}: {counts.get(self.status, 'not declared')}"


@dataclass(frozen=True, slots=True)
class MatrixRow:
    source: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class TransitionMatrix:
    """Rows are the stage a record left, columns the stage it entered."""

    system: str
    object: str
    field: str
    stages: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    # A stage's label where its value is an id (HubSpot deal stages)
    labels: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.object}.{self.field}"

    def label(self, stage: str) -> str:
        """What a header shows: the stage's label, with its id unless the id is
        the label run together (``closedwon`` for Closed Won)."""
        label = self.labels.get(stage)
        if not label:
            return stage
        squashed = "".join(c for c in label.lower() if c.isalnum())
        return label if squashed == stage else f"{label} ({stage})"


def transition_matrices(
    transitions: Iterable[TransitionRow],
    lifecycle: LifecycleMap | None,
    labels: Mapping[tuple[str, str, str], Mapping[str, str]] | None = None,
) -> tuple[TransitionMatrix, ...]:
    """One matrix per stage field, in the lifecycle map's order; ``labels`` name
    the stages of a field whose values are ids."""
    declared = {
        (f.system, f.object, f.field): f.stages
        for f in (lifecycle.fields if lifecycle else ())
    }
    by_field: dict[tuple[str, str, str], list[TransitionRow]] = {
        name: [] for name in declared
    }
    for row in transitions:
        by_field.setdefault((row.system, row.object, row.field), []).append(row)
    labels = labels or {}
    return tuple(
        dataclasses.replace(
            _matrix(name, declared.get(name, ()), rows), labels=labels.get(name, {})
        )
        for name, rows in by_field.items()
    )


def _matrix(
    name: tuple[str, str, str], stages: Iterable[str], rows: list[TransitionRow]
) -> TransitionMatrix:
    # A stage the map does not list still gets its row and column, after the
    # listed ones, in the order the report met it.
    order = list(stages)
    for row in rows:
        for stage in (row.source, row.target):
            if stage != NEW_RECORD and stage not in order:
                order.append(stage)
    found = {(row.source, row.target): row for row in rows}
    return TransitionMatrix(
        *name,
        stages=tuple(order),
        rows=tuple(
            MatrixRow(source, tuple(_cell(found, source, target) for target in order))
            for source in [NEW_RECORD, *order]
        ),
    )


def _cell(
    found: dict[tuple[str, str], TransitionRow], source: str, target: str
) -> MatrixCell:
    row = found.get((source, target))
    if row is None:
        status = "same" if source == target else "empty"
        return MatrixCell(source, target, status, 0)
    return MatrixCell(source, target, row.status, row.hits)
