"""`revsim pull hubspot`: v4 flows, CRM properties and deal pipelines of a portal."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests
import urllib3
from hubspot import HubSpot
from hubspot.crm.pipelines import ApiException as PipelinesApiException
from hubspot.crm.properties import ApiException as PropertiesApiException

from simulator.hubspot.portal import PIPELINES_FILE, PROPERTIES_FOLDER
from simulator.pull.errors import PullError, network_error, rate_limited
from simulator.pull.folder import write_pulled
from simulator.pull.retry import TOO_MANY_REQUESTS, RetryPolicy, header, with_retries
from simulator.pull.summary import PullResult

TOKEN_VARIABLE = "HUBSPOT_ACCESS_TOKEN"
HOST = "api.hubapi.com"
OBJECT_TYPES = ("contacts", "companies", "deals")
# Of HubSpot's own properties only these two; custom properties are all kept.
STAGE_PROPERTIES = frozenset({"lifecyclestage", "hs_lead_status"})
SCOPES = (
    "automation",
    "crm.schemas.contacts.read",
    "crm.schemas.companies.read",
    "crm.schemas.deals.read",
    "crm.objects.deals.read",
)
WORKFLOWS = "hubspot/workflows"
# Where the importer reads the portal's settings (simulator.hubspot.portal).
PROPERTIES = f"hubspot/{PROPERTIES_FOLDER}"
PIPELINES = f"hubspot/{PIPELINES_FILE}"
OWNED = (WORKFLOWS, PROPERTIES, PIPELINES)
PAGE_SIZE = 100
_FLOW_ID = re.compile(r"[0-9A-Za-z_-]+\Z")

JsonObject = dict[str, Any]
_API_EXCEPTIONS = (PropertiesApiException, PipelinesApiException)


@dataclass(frozen=True, slots=True)
class Reply:
    """One HTTP answer, from the generic or a typed call alike."""

    place: str  # "GET /automation/v4/flows"
    status: int
    headers: Mapping[str, str]
    body: bytes


@dataclass(slots=True)
class Portal:
    """What a pull fetched, in the shapes the APIs return."""

    flows: list[JsonObject]
    properties: dict[str, list[JsonObject]]
    pipelines: list[JsonObject]

    def counts(self) -> dict[str, int]:
        kept = sum(len(items) for items in self.properties.values())
        return {
            "workflow": len(self.flows),
            "property": kept,
            "deal pipeline": len(self.pipelines),
        }


def pull_hubspot(
    model: Path, environ: Mapping[str, str], policy: RetryPolicy
) -> PullResult:
    """Fetch everything first, then write it beside ``model`` and swap it in."""
    client = HubSpot(access_token=access_token(environ))
    portal = fetch_portal(client, policy)
    changes = write_pulled(model, OWNED, lambda root: write_portal(portal, root))
    return PullResult("HubSpot", model, portal.counts(), changes)


def access_token(environ: Mapping[str, str]) -> str:
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise PullError(
            f"{TOKEN_VARIABLE} is not set",
            expected="the access token of a private app with the scopes "
            + ", ".join(SCOPES),
            fix=f"export {TOKEN_VARIABLE}=… in the shell that runs revsim",
        )
    return token


def fetch_portal(client: Any, policy: RetryPolicy) -> Portal:
    api = _Api(client, policy)
    return Portal(
        flows=api.flows(),
        properties={kind: api.properties(kind) for kind in OBJECT_TYPES},
        pipelines=api.pipelines("deals"),
    )


class _Api:
    """The calls a pull makes, each retried on 429 and checked."""

    def __init__(self, client: Any, policy: RetryPolicy) -> None:
        self.client = client
        self.policy = policy

    def flows(self) -> list[JsonObject]:
        """Every flow, page by page: the list holds summaries, so each page's
        flows are read whole with batch/read."""
        flows: list[JsonObject] = []
        after: str | None = None
        while True:
            query: dict[str, object] = {"limit": PAGE_SIZE}
            if after:
                query["after"] = after
            page = self._generic("GET", "/automation/v4/flows", query=query)
            flows += self._whole_flows([str(item["id"]) for item in page["results"]])
            after = page.get("paging", {}).get("next", {}).get("after")
            if not after:
                return flows

    def _whole_flows(self, ids: list[str]) -> list[JsonObject]:
        if not ids:
            return []
        inputs = [{"flowId": flow_id, "type": "FLOW_ID"} for flow_id in ids]
        batch = self._generic(
            "POST", "/automation/v4/flows/batch/read", body={"inputs": inputs}
        )
        read = {str(flow["id"]): flow for flow in batch.get("results", [])}
        # A flow the batch could not read is fetched on its own, so that its
        # error, if it has one, is the one reported.
        return [
            read.get(flow_id)
            or self._generic("GET", f"/automation/v4/flows/{quote(flow_id)}")
            for flow_id in ids
        ]

    def properties(self, object_type: str) -> list[JsonObject]:
        """Lifecycle stage, lead status and the custom properties of one object."""
        api = self.client.crm.properties.core_api
        body = self._typed(
            f"GET /crm/v3/properties/{object_type}",
            lambda: api.get_all(object_type=object_type, _preload_content=False),
        )
        return [
            item
            for item in body["results"]
            if item["name"] in STAGE_PROPERTIES or not item.get("hubspotDefined")
        ]

    def pipelines(self, object_type: str) -> list[JsonObject]:
        api = self.client.crm.pipelines.pipelines_api
        body = self._typed(
            f"GET /crm/v3/pipelines/{object_type}",
            lambda: api.get_all(object_type=object_type, _preload_content=False),
        )
        return list(body["results"])

    def _generic(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
    ) -> JsonObject:
        """Version 12 of the client has no calls for v4 flows: its generic
        request method sends them."""
        options: JsonObject = {"method": method, "path": path}
        if query:
            options["qs"] = dict(query)
        if body is not None:
            options["body"] = body
        return self._checked(lambda: self._send_generic(f"{method} {path}", options))

    def _send_generic(self, place: str, options: JsonObject) -> Reply:
        try:
            # The client prints network errors to stdout before raising them;
            # the PullError below says it better, and once.
            with contextlib.redirect_stdout(io.StringIO()):
                response = self.client.api_request(options)
        except requests.RequestException as error:
            raise network_error("HubSpot", HOST, error) from None
        return Reply(place, response.status_code, response.headers, response.content)

    def _typed(self, place: str, call: Callable[[], Any]) -> JsonObject:
        return self._checked(lambda: _send_typed(place, call))

    def _checked(self, send: Callable[[], Reply]) -> JsonObject:
        reply = with_retries(send, _throttled, self.policy)
        if not 200 <= reply.status < 300:
            raise _refused(reply, self.policy.attempts)
        try:
            body = json.loads(reply.body)
        except ValueError:
            raise PullError(
                "HubSpot answered with something that is not JSON", place=reply.place
            ) from None
        if not isinstance(body, dict):
            raise PullError(
                "HubSpot answered with an unexpected shape", place=reply.place
            )
        return body


def _send_typed(place: str, call: Callable[[], Any]) -> Reply:
    """A typed call, its raw answer kept: the body exactly as the API sent it."""
    try:
        raw = call()
    except _API_EXCEPTIONS as error:
        if not error.status:  # the client's way of saying the TLS handshake failed
            raise network_error("HubSpot", HOST, error.reason) from None
        return Reply(place, error.status, dict(error.headers or {}), error.body or b"")
    except urllib3.exceptions.HTTPError as error:
        raise network_error("HubSpot", HOST, error) from None
    return Reply(place, raw.status, dict(raw.headers), raw.data)


def _throttled(reply: Reply) -> Mapping[str, str] | None:
    """The headers of a 429 worth waiting for; a daily limit is not."""
    if reply.status != TOO_MANY_REQUESTS:
        return None
    return None if _error_body(reply).get("policyName") == "DAILY" else reply.headers


def _refused(reply: Reply, attempts: int) -> PullError:
    said = _error_body(reply).get("message") or reply.body.decode(errors="replace")
    if reply.status == 401:
        return PullError(
            f"HubSpot refused the access token (401): {said}",
            place=reply.place,
            expected=f"a valid private app access token in {TOKEN_VARIABLE}",
            fix="copy the token again from the private app; it may have been "
            "rotated or the app removed",
        )
    if reply.status == 403:
        return PullError(
            f"the access token lacks a scope this call needs (403): {said}",
            place=reply.place,
            expected="a token whose app has the scopes "
            + ", ".join(_missing_scopes(reply) or SCOPES),
            fix="add the scopes to the private app, then use its new token",
        )
    if reply.status == TOO_MANY_REQUESTS:
        return rate_limited(
            "HubSpot", reply.place, attempts, header(reply.headers, "Retry-After")
        )
    return PullError(f"HubSpot answered {reply.status}: {said}", place=reply.place)


def _missing_scopes(reply: Reply) -> list[str]:
    """The scopes HubSpot names in the error's context, when it names them."""
    body = _error_body(reply)
    contexts = [body.get("context")] + [
        error.get("context")
        for error in body.get("errors", [])
        if isinstance(error, dict)
    ]
    return sorted(
        {
            str(scope)
            for context in contexts
            if isinstance(context, dict)
            for key, scopes in context.items()
            if "scope" in key.lower() and isinstance(scopes, list)
            for scope in scopes
        }
    )


def _error_body(reply: Reply) -> JsonObject:
    try:
        body = json.loads(reply.body)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def write_portal(portal: Portal, root: Path) -> None:
    """Flows as GET /automation/v4/flows/{flowId} returns them, one file each;
    properties and pipelines as their list calls return them."""
    for flow in portal.flows:
        # Named by flowId, which a rename keeps: git sees an edit, not a new file.
        write_json(root / WORKFLOWS / f"{_flow_id(flow)}.json", flow)
    for object_type, properties in portal.properties.items():
        path = root / PROPERTIES / f"{object_type}.json"
        write_json(path, {"results": properties})
    write_json(root / PIPELINES, {"results": portal.pipelines})


def _flow_id(flow: JsonObject) -> str:
    flow_id = str(flow.get("id", ""))
    if not _FLOW_ID.match(flow_id):
        raise PullError(
            f"HubSpot returned a flow whose id is not a flowId: {flow_id!r}",
            expected="digits, as GET /automation/v4/flows lists them",
        )
    return flow_id


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
