"""A Salesforce pull that fails says why, and leaves the model folder as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from folders import siblings, snapshot
from pulled import failure, replay_salesforce
from simple_salesforce.exceptions import SalesforceRefusedRequest

from simulator.pull import sfdx_tree
from simulator.pull.salesforce import _refused

LOGIN = {
    "SF_USERNAME": "admin@nextforce.example",
    "SF_PASSWORD": "wrong",
    "SF_SECURITY_TOKEN": "wrong",
}


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """A model folder from an earlier pull, with a hand-written file in it."""
    folder = tmp_path / "model"
    replay_salesforce("salesforce_pull.yaml", folder)
    (folder / "connector.yaml").write_text("create_as: Lead\n")
    return folder


def test_an_expired_session_is_a_401_with_a_fix(model: Path) -> None:
    message = failure(replay_salesforce, "salesforce_401.yaml", model)

    assert "Salesforce refused the session (401 INVALID_SESSION_ID)" in message
    assert "sf org display" in message


def test_a_user_without_api_access_is_a_403(model: Path) -> None:
    message = failure(replay_salesforce, "salesforce_403.yaml", model)

    assert "Salesforce refused the request (403 API_DISABLED_FOR_ORG)" in message
    assert "API Enabled" in message


def test_a_spent_daily_limit_says_to_wait() -> None:
    refused = SalesforceRefusedRequest(
        "https://nextforce.my.salesforce.com/services/data/v60.0/query/",
        403,
        "query",
        [
            {
                "message": "TotalRequests Limit exceeded.",
                "errorCode": "REQUEST_LIMIT_EXCEEDED",
            }
        ],
    )
    message = _refused(refused, attempts=5).render()

    assert "used up its API requests (403 REQUEST_LIMIT_EXCEEDED)" in message
    assert "/services/data/v60.0/query/" in message


def test_a_429_is_retried_after_the_seconds_retry_after_gives(tmp_path: Path) -> None:
    waits: list[float] = []
    replay_salesforce("salesforce_429.yaml", tmp_path / "model", waits)

    assert waits == [2.0]


def test_a_refused_login_names_the_variables_to_check(model: Path) -> None:
    before = snapshot(model)
    message = failure(
        replay_salesforce, "salesforce_login_refused.yaml", model, environ=LOGIN
    )

    assert "Salesforce refused the login (INVALID_LOGIN)" in message
    assert "SF_SECURITY_TOKEN" in message
    assert snapshot(model) == before


def test_an_unreachable_org_is_a_network_error(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(
        self: object, request: requests.PreparedRequest, **kwargs: object
    ) -> None:
        raise requests.ConnectionError("Connection refused", request=request)

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", unreachable)
    message = failure(replay_salesforce, "salesforce_pull.yaml", model)

    assert "cannot reach Salesforce at nextforce.my.salesforce.com" in message


@pytest.mark.parametrize("cassette", ["salesforce_401.yaml", "salesforce_403.yaml"])
def test_a_failed_pull_leaves_the_model_folder_byte_identical(
    model: Path, cassette: str
) -> None:
    before = snapshot(model)
    failure(replay_salesforce, cassette, model)

    assert snapshot(model) == before
    assert siblings(model) == []


def test_a_failure_while_writing_leaves_the_model_folder_byte_identical(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(model)

    def full_disk(*args: object, **kwargs: object) -> list[str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sfdx_tree, "_write_fields", full_disk)
    with pytest.raises(OSError):
        replay_salesforce("salesforce_pull.yaml", model)

    assert snapshot(model) == before
    assert siblings(model) == []
