"""Which triggers and branch outcomes the fuzzer reached, and with which values.

A condition no journey reached, although the fuzzer tried the boundary
values of every field it reads, is most likely dead: a trigger that can
never fire, a decision outcome an earlier one always takes first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from simulator.coverage import BRANCH, TRIGGER, measure
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
    tried: dict[str, list[object]]  # field → values the fuzzer drew for it

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

    def add(self, run: Run) -> None:
        self.hits.update(run.sim.coverage)
        self.seen.update(run.sim.seen)

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
                        {ref[2]: self.vocabulary.tried(ref) for ref in reads},
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
