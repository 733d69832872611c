"""Pulls replayed from cassettes, with a sleep that only notes how long it waited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from recording import recorder

from simulator.errors import ExitCode
from simulator.pull.errors import PullError
from simulator.pull.hubspot import pull_hubspot
from simulator.pull.retry import RetryPolicy
from simulator.pull.salesforce import pull_salesforce
from simulator.pull.summary import PullResult

HUBSPOT_ENV = {"HUBSPOT_ACCESS_TOKEN": "test-token"}
SESSION_ENV = {
    "SF_INSTANCE_URL": "https://nextforce.my.salesforce.com",
    "SF_SESSION_ID": "test-session",
}
SFDX = Path("salesforce/force-app/main/default")


def replay_hubspot(
    cassette: str, model: Path, waits: list[float] | None = None
) -> PullResult:
    policy = RetryPolicy(sleep=(waits if waits is not None else []).append)
    with recorder().use_cassette(cassette):
        return pull_hubspot(model, HUBSPOT_ENV, policy)


def replay_salesforce(
    cassette: str,
    model: Path,
    waits: list[float] | None = None,
    environ: dict[str, str] | None = None,
) -> PullResult:
    policy = RetryPolicy(sleep=(waits if waits is not None else []).append)
    with recorder().use_cassette(cassette):
        return pull_salesforce(model, environ or SESSION_ENV, policy)


def failure(pull: Callable[..., object], *args: object, **kwargs: object) -> str:
    """The message of the PullError a pull raises; it must raise one."""
    with pytest.raises(PullError) as caught:
        pull(*args, **kwargs)
    assert caught.value.exit_code == ExitCode.INPUT_ERROR
    return caught.value.render()
