"""A HubSpot pull that fails says why, and leaves the model folder as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import urllib3
from folders import siblings, snapshot
from pulled import HUBSPOT_ENV, failure, replay_hubspot
from recording import recorder

from simulator.pull.errors import PullError
from simulator.pull.hubspot import pull_hubspot
from simulator.pull.retry import RetryPolicy


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """A model folder from an earlier pull, with a hand-written file in it."""
    folder = tmp_path / "model"
    replay_hubspot("hubspot_pull.yaml", folder)
    (folder / "connector.yaml").write_text("create_as: Lead\n")
    return folder


def test_a_bad_token_is_a_401_with_a_fix(model: Path) -> None:
    message = failure(replay_hubspot, "hubspot_401.yaml", model)

    assert "HubSpot refused the access token (401)" in message
    assert "GET /automation/v4/flows" in message
    assert "HUBSPOT_ACCESS_TOKEN" in message


def test_a_missing_scope_is_a_403_that_names_the_scope(model: Path) -> None:
    message = failure(replay_hubspot, "hubspot_403.yaml", model)

    assert "lacks a scope" in message
    assert "GET /crm/v3/properties/contacts" in message
    assert "the scopes crm.schemas.contacts.read" in message


def test_a_429_is_retried_after_the_seconds_retry_after_gives(tmp_path: Path) -> None:
    waits: list[float] = []
    result = replay_hubspot("hubspot_429.yaml", tmp_path / "model", waits)

    assert waits == [3.0]
    assert result.counts["property"] == 1


def test_a_429_that_does_not_clear_gives_up_after_the_attempts(model: Path) -> None:
    waits: list[float] = []
    policy = RetryPolicy(attempts=4, sleep=waits.append)
    cassette = recorder().use_cassette(
        "hubspot_429_secondly.yaml", allow_playback_repeats=True
    )
    with cassette:
        message = failure(pull_hubspot, model, HUBSPOT_ENV, policy)

    assert waits == [3.0, 3.0, 3.0]
    assert "still answered 429 Too Many Requests after 4 attempts" in message
    assert "it asks to wait 3 s" in message


def test_the_daily_limit_is_not_waited_for(model: Path) -> None:
    waits: list[float] = []
    message = failure(replay_hubspot, "hubspot_429_daily.yaml", model, waits)

    assert waits == []
    assert "429 Too Many Requests" in message


def test_an_unreachable_portal_is_a_network_error(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*args: object, **kwargs: object) -> None:
        raise requests.ConnectionError("Failed to resolve 'api.hubapi.com'")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", unreachable)
    message = failure(pull_hubspot, model, HUBSPOT_ENV, RetryPolicy())

    assert "cannot reach HubSpot at api.hubapi.com: Failed to resolve" in message
    assert "nothing was written" in message


def test_a_typed_call_that_cannot_connect_is_a_network_error(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*args: object, **kwargs: object) -> None:
        raise urllib3.exceptions.MaxRetryError(
            None,  # type: ignore[arg-type]
            "/crm/v3/properties/contacts",
        )

    # The flows come from the cassette; the typed properties call goes through
    # the client's own urllib3 pool, which is cut here.
    monkeypatch.setattr(urllib3.PoolManager, "urlopen", unreachable)
    message = failure(replay_hubspot, "hubspot_403.yaml", model)

    assert "cannot reach HubSpot at api.hubapi.com" in message


@pytest.mark.parametrize(
    "cassette",
    ["hubspot_401.yaml", "hubspot_403.yaml", "hubspot_429_daily.yaml"],
)
def test_a_failed_pull_leaves_the_model_folder_byte_identical(
    model: Path, cassette: str
) -> None:
    before = snapshot(model)
    with pytest.raises(PullError):
        replay_hubspot(cassette, model)

    assert snapshot(model) == before
    assert siblings(model) == []
