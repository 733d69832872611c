"""429 answers are waited out as Retry-After says, a bounded number of times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from simulator.pull.retry import RetryPolicy, wait_seconds, with_retries


def _run(statuses: list[int], policy: RetryPolicy, retry_after: str = "2") -> int:
    pending = list(statuses)

    def send() -> int:
        return pending.pop(0)

    def throttled(status: int) -> dict[str, str] | None:
        return {"Retry-After": retry_after} if status == 429 else None

    return with_retries(send, throttled, policy)


def test_a_reply_that_is_not_a_429_is_returned_at_once() -> None:
    waits: list[float] = []
    assert _run([200], RetryPolicy(sleep=waits.append)) == 200
    assert waits == []


def test_each_429_is_followed_by_the_wait_it_asks_for() -> None:
    waits: list[float] = []
    assert _run([429, 429, 200], RetryPolicy(sleep=waits.append)) == 200
    assert waits == [2.0, 2.0]


def test_retries_stop_after_the_attempts_and_return_the_last_reply() -> None:
    waits: list[float] = []
    assert _run([429] * 3, RetryPolicy(attempts=3, sleep=waits.append)) == 429
    assert waits == [2.0, 2.0]


def test_a_wait_longer_than_the_longest_is_not_waited() -> None:
    waits: list[float] = []
    policy = RetryPolicy(longest_wait=60, sleep=waits.append)
    assert _run([429, 200], policy, retry_after="3600") == 429
    assert waits == []


@pytest.mark.parametrize(
    ("headers", "attempt", "expected"),
    [
        ({"Retry-After": "7"}, 1, 7.0),
        ({"retry-after": " 7 "}, 1, 7.0),
        ({}, 1, 1.0),
        ({}, 3, 4.0),
        ({"Retry-After": "soon"}, 2, 2.0),
    ],
)
def test_the_wait_is_retry_after_or_a_doubling_backoff(
    headers: dict[str, str], attempt: int, expected: float
) -> None:
    assert wait_seconds(headers, attempt) == expected


def test_retry_after_may_be_an_http_date() -> None:
    later = datetime.now(UTC) + timedelta(seconds=30)
    waited = wait_seconds({"Retry-After": format_datetime(later, usegmt=True)}, 1)
    assert 25 <= waited <= 30
