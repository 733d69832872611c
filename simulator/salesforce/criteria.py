"""Workflow rule criteria items: ``field operation value`` as the rule editor means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from simulator.salesforce.comparison import folded_text, is_blank, order, same_value

CRITERIA_OPERATIONS: Final = frozenset(
    {
        "equals",
        "notEqual",
        "lessThan",
        "greaterThan",
        "lessOrEqual",
        "greaterOrEqual",
        "contains",
        "notContain",
        "startsWith",
        "includes",
        "excludes",
    }
)

_NEGATIONS = {"notEqual": "equals", "notContain": "contains", "excludes": "includes"}


def criteria_matches(
    operation: str, value_in_record: object, written_value: str | None
) -> bool:
    """Whether a record value meets one criteria item.

    The written value is text. Commas separate alternatives, any of which may match
    ("equals A, B" is "A or B"); the negative operations hold when none matches.
    Comparisons ignore case. An empty value on ``equals`` means the field is blank,
    on ``notEqual`` that it is not (META-WF FilterItem; the corpus has
    ``notEqual`` with no value).
    """
    if operation not in CRITERIA_OPERATIONS:
        raise ValueError(f"unknown criteria operation {operation!r}")
    positive = _NEGATIONS.get(operation)
    if positive is not None:
        return not criteria_matches(positive, value_in_record, written_value)

    alternatives = split_alternatives(written_value)
    if operation == "equals" and not alternatives:
        return is_blank(value_in_record)
    if is_blank(value_in_record):
        return False
    test = _TESTS[operation]
    return any(test(value_in_record, choice) for choice in alternatives)


def split_alternatives(written_value: str | None) -> list[str]:
    """``"A, B"`` → ``["A", "B"]``; nothing written → no alternatives."""
    if written_value is None or not written_value.strip():
        return []
    return [part.strip() for part in written_value.split(",") if part.strip()]


def _includes(value: object, choice: str) -> bool:
    # A multi-select value holds items joined by ';'. "A;B" asks for both items.
    held = {item.strip().casefold() for item in _items(value)}
    wanted = {item.strip().casefold() for item in choice.split(";") if item.strip()}
    return bool(wanted) and wanted <= held


def _items(value: object) -> list[str]:
    if isinstance(value, list | tuple | set | frozenset):
        return [str(item) for item in value]
    return str(value).split(";")


def _ordering(accept: Callable[[int], bool]) -> Callable[[object, str], bool]:
    def run(value: object, choice: str) -> bool:
        outcome = order(value, choice)
        return outcome is not None and accept(outcome)

    return run


_TESTS: dict[str, Callable[[object, str], bool]] = {
    "equals": same_value,
    "lessThan": _ordering(lambda outcome: outcome < 0),
    "greaterThan": _ordering(lambda outcome: outcome > 0),
    "lessOrEqual": _ordering(lambda outcome: outcome <= 0),
    "greaterOrEqual": _ordering(lambda outcome: outcome >= 0),
    "contains": lambda value, choice: folded_text(choice) in folded_text(value),
    "startsWith": lambda value, choice: folded_text(value).startswith(
        folded_text(choice)
    ),
    "includes": _includes,
}
