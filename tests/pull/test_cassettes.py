"""No cassette holds a credential, and the recorder removes each kind of one."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import yaml
from recording import CASSETTES, REDACTED, recorder, scrub_request, scrub_response
from vcr.request import Request

# Each pattern names one way a credential shows in an HTTP exchange.
CREDENTIALS = {
    "a Bearer token": re.compile(r"Bearer\s+(?!REDACTED\b)[\w.!~+/=-]{8,}"),
    "a HubSpot private app token": re.compile(
        r"\bpat-[a-z]{2,3}\d*-[0-9a-f-]{8,}", re.I
    ),
    "a Salesforce session id": re.compile(r"\b00D[A-Za-z0-9]{12,15}![\w.]{20,}"),
    "a sessionId value": re.compile(
        r"sessionId(?:>|\"\s*:\s*\"|=)(?!REDACTED\b)[^<\"&\s]+", re.I
    ),
    "an access_token value": re.compile(
        r"access_token(?:\"\s*:\s*\"|=)(?!REDACTED\b)[^\"&\s]+", re.I
    ),
    "a password": re.compile(r"<(\w+:)?password>(?!REDACTED<)[^<]+<", re.I),
    "a hapikey": re.compile(r"hapikey=(?!REDACTED\b)\w+", re.I),
}
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "x-sfdc-session"}


def cassettes() -> list[Path]:
    return sorted(CASSETTES.glob("*.yaml"))


def credentials_in(text: str) -> list[str]:
    """What kinds of credential ``text`` shows, by name."""
    return [name for name, pattern in CREDENTIALS.items() if pattern.search(text)]


def secret_headers(cassette: dict[str, object]) -> list[str]:
    found = []
    for interaction in cassette["interactions"]:  # type: ignore[attr-defined]
        for side in ("request", "response"):
            found += [
                f"{side} {name}"
                for name in interaction[side].get("headers", {})
                if name.lower() in SECRET_HEADERS
            ]
    return found


def test_the_check_finds_the_cassettes() -> None:
    assert cassettes(), f"no cassette in {CASSETTES}"


@pytest.mark.parametrize("path", cassettes(), ids=lambda path: path.name)
def test_no_cassette_holds_a_credential(path: Path) -> None:
    text = path.read_text(encoding="utf-8")

    assert credentials_in(text) == []
    assert secret_headers(yaml.safe_load(text)) == []


@pytest.mark.parametrize(
    ("leak", "kind"),
    [
        ("Authorization: Bearer 00Dxx0000001gPL!AR8AQJXg5oj8", "a Bearer token"),
        (
            '{"token": "pat-na1-7c1f0a3e-1b2c-4d5e-8f90-123456789abc"}',
            "a HubSpot private app token",
        ),
        ("00D5g000004XyZa!AQ4AQFq0zL8pQyWcL7tV2xOeJv9hQ3nD", "a Salesforce session id"),
        ("<sessionId>abc123</sessionId>", "a sessionId value"),
        ('{"access_token": "abc123"}', "an access_token value"),
        ("<n1:password>hunter2token</n1:password>", "a password"),
        ("GET /contacts?hapikey=abc123", "a hapikey"),
    ],
)
def test_the_check_finds_each_kind_of_credential(leak: str, kind: str) -> None:
    assert kind in credentials_in(leak)


def test_the_recorder_drops_credential_headers_and_blanks_the_login() -> None:
    login = (
        "<n1:login><n1:username>admin@nextforce.example</n1:username>"
        "<n1:password>hunter2token</n1:password></n1:login>"
    )
    request = Request(
        "POST",
        "https://login.salesforce.com/services/Soap/u/60.0",
        login,
        {"Authorization": "Bearer abc123", "Cookie": "sid=abc123", "Accept": "*/*"},
    )

    scrubbed = scrub_request(request)

    assert set(scrubbed.headers) == {"Accept"}
    assert credentials_in(str(scrubbed.body)) == []
    assert f"<n1:username>{REDACTED}</n1:username>" in str(scrubbed.body)


def test_the_recorder_blanks_session_ids_and_tokens_in_answers() -> None:
    soap = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Set-Cookie": ["sid=abc123"], "Content-Type": ["text/xml"]},
        "body": {
            "string": b"<result><sessionId>00D5g!AQ4AQFq0zL8pQ</sessionId></result>"
        },
    }
    oauth = {"headers": {}, "body": {"string": '{"access_token": "abc", "id": "x"}'}}

    scrub_response(soap)
    scrub_response(oauth)

    assert set(soap["headers"]) == {"Content-Type"}
    assert credentials_in(soap["body"]["string"].decode()) == []  # type: ignore[index]
    assert credentials_in(oauth["body"]["string"]) == []  # type: ignore[index]


def test_the_recorder_drops_token_query_parameters() -> None:
    vcr = recorder()
    assert ("access_token", None) in vcr.filter_query_parameters
    assert ("hapikey", None) in vcr.filter_query_parameters
    assert ("authorization", None) in vcr.filter_headers


def test_a_pull_test_cannot_open_a_connection() -> None:
    with pytest.raises(AssertionError, match="tried to reach the network"):
        socket.create_connection(("api.hubapi.com", 443))
