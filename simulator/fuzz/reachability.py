"""Which triggers and branch outcomes the fuzzer reached, and with which values.

A condition no journey reached, although the fuzzer tried the boundary
values of every field it reads, is most likely dead: a trigger that can
never fire, a decision outcome an earlier one always takes first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from simulator.coverage import BRANCH, TRIGGER, measure
from simulator.fuzz.journey import Journey
from simulator.fuzz.observe import Run, Seen
from simulator.fuzz.vocabulary import FieldRef, Vocabulary
from simulator.model import AutomationModel


@dataclass(frozen=True, slots=True)
class Reached:
    """One trigger or branch outcome: how often it was taken, on which values."""

    definition: str
    element: str
    name: str  # the workflow, flow or rule
    label: str  # the element
    kind: str  # trigger | branch
    hits: int
    reads: tuple[FieldRef, ...]
    values: dict[str, list[object]]  # field → distinct values seen, most common first
    tried: dict[str, list[object]]  # field → values the journeys gave it, in order

    @property
    def dead(self) -> bool:
        return self.hits == 0


class Reachability:
    """Coverage counters and the values behind them, summed over many runs."""

    def __init__(self, model: AutomationModel, vocabulary: Vocabulary) -> None:
        self.model = model
        self.vocabulary = vocabulary
        self.hits: Counter[tuple[str, str]] = Counter()
        self.seen: Seen = Counter()
        # (system, field) → the values journeys wrote, by repr, first drawn first
        self.drawn: dict[tuple[str, str], dict[str, object]] = {}

    def add(self, run: Run, journey: Journey | None = None) -> None:
        self.hits.update(run.sim.coverage)
        self.seen.update(run.sim.seen)
        if journey is not None:
            self._add_drawn(journey)

    def _add_drawn(self, journey: Journey) -> None:
        """The values a journey gave the fields: on the records it created (a
        field it left out was blank there) and in its edits."""
        systems = {record.alias: record.system for record in journey.records}
        for record in journey.records:
            given = dict(record.fields)
            for system, obj, name in self.vocabulary.fields:
                if (system, obj) == (record.system, record.object):
                    self._drew(system, name, given.get(name))
        for step in journey.steps:
            system = step.system or systems.get(step.record or "", "")
            for name, value in step.fields:
                self._drew(system, name, value)

    def _drew(self, system: str, name: str, value: object) -> None:
        self.drawn.setdefault((system, name), {}).setdefault(repr(value), value)

    def tried(self, ref: FieldRef) -> list[object]:
        """The values drawn for ``ref``, in the vocabulary's order (blank, then
        each boundary from below), any others after them."""
        drawn = list(self.drawn.get((ref[0], ref[2]), {}).values())
        entry = self.vocabulary.fields.get(ref)
        order = [repr(value) for value in entry.values] if entry else []

        def place(value: object) -> int:
            text = repr(value)
            return order.index(text) if text in order else len(order)

        return sorted(drawn, key=place)

    def conditions(self) -> list[Reached]:
        """Every trigger and branch outcome of the model, as coverage lists them."""
        found = []
        for definition in measure(self.model, self.hits, []).definitions:
            for element in definition.elements:
                if element.kind not in (TRIGGER, BRANCH):
                    continue
                condition = self.vocabulary.conditions.get(
                    (definition.key, element.key)
                )
                reads = condition.reads if condition else ()
                found.append(
                    Reached(
                        definition.key,
                        element.key,
                        definition.name,
                        element.label,
                        element.kind,
                        element.hits,
                        reads,
                        self._values((definition.key, element.key)),
                        {ref[2]: self.tried(ref) for ref in reads},
                    )
                )
        return found

    def _values(self, key: tuple[str, str]) -> dict[str, list[object]]:
        counts: dict[str, Counter[str]] = {}
        originals: dict[tuple[str, str], object] = {}
        for (seen_key, values), times in self.seen.items():
            if seen_key != key:
                continue
            for name, value in values:
                counts.setdefault(name, Counter())[repr(value)] += times
                originals[(name, repr(value))] = value
        return {
            name: [originals[(name, text)] for text, _ in counter.most_common()]
            for name, counter in counts.items()
        }
