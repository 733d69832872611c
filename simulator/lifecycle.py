"""The lifecycle map: the stages of each stage field and the transitions expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StageField:
    """A stage field and the transitions the business expects of it."""

    system: str  # hubspot | salesforce
    object: str
    field: str
    stages: tuple[str, ...]
    transitions: frozenset[tuple[str | None, str]]


@dataclass(frozen=True, slots=True)
class LifecycleMap:
    file: str
    fields: tuple[StageField, ...]
