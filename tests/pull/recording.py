"""How pull cassettes are recorded and replayed: one VCR, scrubbed of credentials.

To record a cassette against a live portal or org (never in CI), run a pull
inside ``recorder("once").use_cassette(name)`` with real credentials in the
environment; the hooks below remove every credential before anything is
written. Then read the cassette: tests/pull/test_cassettes.py fails on any
credential they missed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import vcr
from vcr.request import Request

CASSETTES = Path(__file__).resolve().parents[2] / "fixtures" / "cassettes"
REDACTED = "REDACTED"

# Request headers and query parameters that carry a credential.
SECRET_HEADERS = ("authorization", "cookie", "x-sfdc-session")
SECRET_PARAMETERS = ("hapikey", "access_token", "refresh_token", "code", "sessionId")
# Response headers that hand one out.
SECRET_RESPONSE_HEADERS = ("set-cookie",)
# The SOAP login sends the password and gets a session id back.
_XML_SECRETS = re.compile(
    r"(<(?:\w+:)?(?:username|password|sessionId)>)[^<]*(</(?:\w+:)?"
    r"(?:username|password|sessionId)>)"
)
_JSON_SECRETS = ("access_token", "refresh_token", "sessionId", "id_token")


def recorder(record_mode: str = "none") -> vcr.VCR:
    """The VCR of the pull tests; ``record_mode="none"`` never reaches the network."""
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        match_on=("method", "scheme", "host", "port", "path", "query"),
        filter_headers=[(name, None) for name in SECRET_HEADERS],
        filter_query_parameters=[(name, None) for name in SECRET_PARAMETERS],
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )


def scrub_request(request: Request) -> Request:
    """Drop credential headers; blank the login's username and password."""
    for name in list(request.headers):
        if name.lower() in SECRET_HEADERS:
            del request.headers[name]
    if request.body:
        request.body = _scrub_text(request.body)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop cookies; blank session ids and tokens in XML and JSON bodies."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_RESPONSE_HEADERS:
            del headers[name]
    body = response.get("body", {})
    if body.get("string"):
        body["string"] = _scrub_text(body["string"])
    return response


def _scrub_text(text: str | bytes) -> str | bytes:
    was_bytes = isinstance(text, bytes)
    value = text.decode("utf-8", errors="replace") if was_bytes else text
    value = _XML_SECRETS.sub(rf"\g<1>{REDACTED}\g<2>", value)
    value = _scrub_json(value)
    return value.encode("utf-8") if was_bytes else value


def _scrub_json(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict) or not any(key in data for key in _JSON_SECRETS):
        return text
    return json.dumps(
        {k: REDACTED if k in _JSON_SECRETS else v for k, v in data.items()}
    )
