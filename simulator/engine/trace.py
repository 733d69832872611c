"""The trace: every change, enrolment, decision, action and sync, with its cause."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Cause:
    """Who or what did something: a person, a workflow action, a flow element."""

    # person | journey | hubspot_workflow | flow | workflow_rule | process |
    # connector | system
    kind: str
    name: str
    element: str | None = None
    parent: Cause | None = None

    def describe(self) -> str:
        kinds = {
            "person": "a person",
            "journey": "the journey",
            "hubspot_workflow": "HubSpot workflow",
            "flow": "Salesforce flow",
            "workflow_rule": "Salesforce workflow rule",
            "process": "Salesforce process",
            "validation_rule": "Salesforce validation rule",
            "connector": "the connector",
            "system": "the platform",
        }
        text = kinds.get(self.kind, self.kind)
        if self.kind not in ("person", "journey", "connector", "system"):
            text += f" {self.name!r}"
        elif self.name:
            text += f" ({self.name})"
        if self.element:
            text += f", {self.element}"
        return text

    def explain(self) -> str:
        """This cause and what led to it: ``flow 'X' ← a person (line 12)``."""
        return " ← ".join(cause.describe() for cause in self.chain())

    def chain(self) -> list[Cause]:
        """This cause and those that led to it, nearest first."""
        causes: list[Cause] = []
        cause: Cause | None = self
        while cause is not None:
            causes.append(cause)
            cause = cause.parent
        return causes


@dataclass(frozen=True, slots=True)
class TraceEntry:
    time: datetime
    lane: str  # hubspot | connector | salesforce
    kind: str
    record: str | None
    message: str
    cause: Cause
    field: str | None = None
    old: object = None
    new: object = None


@dataclass(frozen=True, slots=True)
class Action:
    """Something automation did that leaves no field change: an email, a task."""

    time: datetime
    kind: str  # email | task | notification | alert | stub | list
    name: str
    record: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem the run noticed: a sync error, a loop, a validation failure."""

    time: datetime
    kind: str
    record: str | None
    message: str
    cause: Cause


@dataclass(frozen=True, slots=True)
class FinishedInterview:
    """A Salesforce flow interview as it ended: its resources and the elements
    it ran, for the assertions of flow tests."""

    time: datetime
    record: str | None
    flow: str
    variables: dict[str, object]
    visited: frozenset[str]


@dataclass(slots=True)
class Trace:
    entries: list[TraceEntry] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    enrolments: list[tuple[datetime, str, str]] = field(default_factory=list)
    interviews: list[FinishedInterview] = field(default_factory=list)

    def add(self, entry: TraceEntry) -> None:
        self.entries.append(entry)
