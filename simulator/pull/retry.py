"""429 Too Many Requests: wait as Retry-After says, a bounded number of times."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

TOO_MANY_REQUESTS = 429

Reply = TypeVar("Reply")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often a rate-limited request is sent again; tests give a sleep that does
    not wait."""

    attempts: int = 5
    longest_wait: float = 60.0
    sleep: Callable[[float], None] = time.sleep


def with_retries(
    send: Callable[[], Reply],
    throttled: Callable[[Reply], Mapping[str, str] | None],
    policy: RetryPolicy,
) -> Reply:
    """Send until ``throttled`` finds no rate limit in the reply; the last reply wins.

    ``throttled`` returns the reply's headers when it is a 429 worth retrying.
    """
    reply = send()
    for attempt in range(1, policy.attempts):
        headers = throttled(reply)
        if headers is None:
            return reply
        wait = wait_seconds(headers, attempt)
        if wait > policy.longest_wait:
            return reply  # a daily limit: waiting here would not help
        policy.sleep(wait)
        reply = send()
    return reply


def wait_seconds(headers: Mapping[str, str], attempt: int) -> float:
    """Retry-After as seconds or as an HTTP date; without it 1, 2, 4… seconds."""
    written = header(headers, "Retry-After")
    if written is not None:
        seconds = _parse_retry_after(written)
        if seconds is not None:
            return seconds
    return float(2 ** (attempt - 1))


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, whatever its case."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _parse_retry_after(written: str) -> float | None:
    text = written.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000" dates carry no zone; HTTP dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
