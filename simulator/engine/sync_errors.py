"""Sync errors: a write the other side refuses, reported as the connector does.

When Salesforce refuses the connector's write (a validation rule, a required
field, a restricted picklist, a duplicate rule, custom code), HubSpot shows a
sync error on the record and the record stays out of sync: the refused
changes, and every mapped change after them, wait. They are sent again on the
record's next sync trigger (a mapped change on either side), and with
``sync_error_retry = "every_20_minutes"`` also on HubSpot's retry schedule.
The first write Salesforce accepts clears the error and the sync resumes.

Sources: knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
(error types; "Resync" once fixed) and knowledge.hubspot.com/articles/kcs_article/
salesforce/why-are-my-errored-syncs-not-automatically-retrying (every 20
minutes, ten times, then nightly at midnight GMT).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from simulator.engine.records import Record
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.simulation import Simulation

LANE = "connector"
FINDING = "sync_error"
# The kinds of finding Salesforce records for a refused, rolled-back save; the
# connector reports the refusal as its sync error instead.
_REFUSALS = ("validation_failed", "flow_fault")
_RETRY_EVERY = timedelta(minutes=20)
_RETRIES_BEFORE_NIGHTLY = 10

# Salesforce's words for a refusal → the reason a sync error names.
_REASONS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"validation rule (?P<rule>\S+) blocked the save: (?P<text>.*)"),
        lambda m: f"validation rule {m['rule']}: {m['text']}",
    ),
    (
        re.compile(r"REQUIRED_FIELD_MISSING.*missing: \[(?P<fields>[^\]]*)\]"),
        lambda m: _required(m["fields"]),
    ),
    (
        re.compile(
            r"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.*field (?P<field>\S+): "
            r"(?P<value>.*)"
        ),
        lambda m: f"picklist value {m['value']!r} not accepted for {m['field']}",
    ),
    (
        re.compile(r"maximum trigger depth exceeded.*"),
        lambda m: f"Salesforce custom code: {m[0]}",
    ),
)


def reason(message: str) -> str:
    """What a sync error says, from the message of Salesforce's refusal."""
    message = message.removeprefix("save rolled back: ").strip()
    for pattern, words in _REASONS:
        found = pattern.search(message)
        if found:
            return words(found)
    return f"Salesforce refused the write: {message}"


def _required(fields: str) -> str:
    names = [name.strip() for name in fields.split(",") if name.strip()]
    if len(names) == 1:
        return f"required field {names[0]} missing"
    return f"required fields {', '.join(names)} missing"


class SyncErrors:
    """Which records are out of sync, why, and when they are tried again."""

    def __init__(self, sim: Simulation, retry: Callable[[str], None]) -> None:
        self.sim = sim
        self._retry = retry
        self._open: dict[str, str] = {}  # record key → reason
        self._attempts: dict[str, int] = {}
        self._due: set[str] = set()  # records with a retry on the queue

    def is_open(self, record: Record) -> bool:
        return record.key in self._open

    def marker(self) -> int:
        """Where the findings stand before a write, to find its refusal after."""
        return len(self.sim.trace.findings)

    def refused(self, record: Record, since: int, cause: Cause) -> None:
        """Salesforce refused the write made after ``since``: report it."""
        findings = self.sim.trace.findings
        refusals = [f for f in findings[since:] if f.kind in _REFUSALS]
        message = refusals[0].message if refusals else "the save was refused"
        findings[since:] = [f for f in findings[since:] if f.kind not in _REFUSALS]
        self.report(record, reason(message), cause)

    def report(self, record: Record, why: str, cause: Cause) -> None:
        """A sync error on ``record``; each new reason is a finding of its own."""
        again = self._open.get(record.key) == why
        self._open[record.key] = why
        if again:
            self.sim.log(LANE, "sync_error", record, f"still out of sync: {why}", cause)
        else:
            self.sim.finding(
                FINDING,
                record,
                f"{why} ({record.label()} stays out of sync until this is fixed)",
                cause,
            )
        self._schedule_retry(record)

    def cleared(self, record: Record, cause: Cause) -> None:
        """A write went through: the record syncs again."""
        self._attempts.pop(record.key, None)
        why = self._open.pop(record.key, None)
        if why is not None:
            self.sim.log(
                LANE, "sync", record, f"sync resumed; the error was: {why}", cause
            )

    def _schedule_retry(self, record: Record) -> None:
        if self.sim.settings.sync_error_retry != "every_20_minutes":
            return
        if record.key in self._due:
            return  # one retry at a time, as HubSpot's queue holds a record once
        attempts = self._attempts.get(record.key, 0) + 1
        self._attempts[record.key] = attempts
        if attempts <= _RETRIES_BEFORE_NIGHTLY:
            at = self.sim.now + _RETRY_EVERY
        else:
            at = _next_midnight(self.sim.now)
        self._due.add(record.key)
        self.sim.schedule(
            at, f"connector: retry {record.label()}", lambda: self._retried(record.key)
        )

    def _retried(self, key: str) -> None:
        self._due.discard(key)
        if key in self._open:
            self._retry(key)


def _next_midnight(now: datetime) -> datetime:
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(days=1)
