"""`revsim pull salesforce`: record-triggered flows, workflow and validation rules,
and picklists of an org, read through the REST and Tooling APIs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import requests
from simple_salesforce.api import Salesforce
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceError,
)

from simulator.pull.errors import PullError, network_error, rate_limited
from simulator.pull.folder import write_pulled
from simulator.pull.retry import TOO_MANY_REQUESTS, RetryPolicy, with_retries
from simulator.pull.sfdx_tree import SOURCE, Component, Org, write_tree
from simulator.pull.summary import PullResult

API_VERSION = "60.0"
OWNED = tuple(
    f"{SOURCE}/{folder}"
    for folder in (
        "flows",
        "workflows",
        "standardValueSets",
        "objects/*/validationRules",
        "objects/*/fields",
    )
)
# The objects revsim simulates; their picklists are pulled even when no pulled
# definition names them.
DEFAULT_OBJECTS = ("Account", "Contact", "Lead", "Opportunity")
RECORD_TRIGGERS = frozenset(
    {"RecordBeforeSave", "RecordAfterSave", "RecordBeforeDelete"}
)
# Tooling API objects and the part of a workflow file each one is.
WORKFLOW_PARTS = (
    ("WorkflowRule", "rules"),
    ("WorkflowFieldUpdate", "fieldUpdates"),
    ("WorkflowAlert", "alerts"),
    ("WorkflowTask", "tasks"),
)
CREDENTIALS = (
    "SF_INSTANCE_URL and SF_SESSION_ID, or SF_USERNAME, SF_PASSWORD and "
    "SF_SECURITY_TOKEN (with SF_DOMAIN=test for a sandbox)"
)
_RECORD_ID = re.compile(r"[A-Za-z0-9]{15,18}\Z")

JsonObject = dict[str, Any]


class RetryingSession(requests.Session):
    """The HTTP session simple-salesforce sends through: a 429 is waited out here,
    where the Retry-After header can still be read."""

    def __init__(self, policy: RetryPolicy) -> None:
        super().__init__()
        self.policy = policy

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        send = functools.partial(super().request, *args, **kwargs)
        return with_retries(send, _throttled, self.policy)


def _throttled(response: requests.Response) -> Mapping[str, str] | None:
    return response.headers if response.status_code == TOO_MANY_REQUESTS else None


def pull_salesforce(
    model: Path,
    environ: Mapping[str, str],
    policy: RetryPolicy,
    objects: Sequence[str] = (),
) -> PullResult:
    """Fetch everything first, then write the SFDX tree beside ``model`` and swap."""
    with _translated_errors(policy):
        org = fetch_org(connect(environ, policy), objects)
    skipped: list[str] = []

    def write(root: Path) -> None:
        skipped.extend(write_tree(org, root / SOURCE))

    changes = write_pulled(model, OWNED, write)
    return PullResult("Salesforce", model, org.counts(), changes, org.skipped + skipped)


def connect(environ: Mapping[str, str], policy: RetryPolicy) -> Salesforce:
    """A session from SF_INSTANCE_URL + SF_SESSION_ID, else a username login."""
    session = RetryingSession(policy)
    instance_url, session_id = (
        environ.get("SF_INSTANCE_URL"),
        environ.get("SF_SESSION_ID"),
    )
    if instance_url and session_id:
        return Salesforce(
            instance_url=instance_url,
            session_id=session_id,
            version=API_VERSION,
            session=session,
        )
    username, password = environ.get("SF_USERNAME"), environ.get("SF_PASSWORD")
    # An org that trusts the caller's IP range takes an empty security token.
    token = environ.get("SF_SECURITY_TOKEN")
    if username and password and token is not None:
        return Salesforce(
            username=username,
            password=password,
            security_token=token,
            domain=environ.get("SF_DOMAIN") or None,
            version=API_VERSION,
            session=session,
        )
    raise PullError(
        "no Salesforce credentials in the environment",
        expected=CREDENTIALS,
        fix="export them in the shell that runs revsim "
        "(sf org display shows an org's instance URL and access token)",
    )


def fetch_org(sf: Salesforce, objects: Sequence[str]) -> Org:
    tooling = _Tooling(sf)
    org = Org(flows=_record_triggered_flows(sf, tooling))
    org.validation_rules = tooling.components("ValidationRule", org.skipped)
    for sobject, part in WORKFLOW_PARTS:
        org.workflow[part] = tooling.components(sobject, org.skipped)
    named = {*DEFAULT_OBJECTS, *objects, *org.objects()}
    org.describes = {name: _describe(sf, name) for name in sorted(named)}
    return org


def _record_triggered_flows(sf: Salesforce, tooling: _Tooling) -> dict[str, JsonObject]:
    """The active version of every record-triggered flow, by API name.

    IsActive says whether the latest version is the active one; a flow whose
    newer draft is not yet active still runs its ActiveVersionId.
    """
    definitions = sf.query_all(
        "SELECT ApiName, ActiveVersionId FROM FlowDefinitionView "
        "WHERE ActiveVersionId != null AND ProcessType = 'AutoLaunchedFlow'"
    )["records"]
    flows: dict[str, JsonObject] = {}
    for definition in definitions:
        record = tooling.metadata("Flow", definition["ActiveVersionId"], "Metadata")
        metadata = record.get("Metadata") or {}
        if metadata.get("start", {}).get("triggerType") in RECORD_TRIGGERS:
            flows[str(definition["ApiName"])] = metadata
    return flows


def _describe(sf: Salesforce, object_name: str) -> JsonObject:
    described = sf.restful(f"sobjects/{quote(object_name)}/describe")
    if not isinstance(described, dict):
        raise PullError(f"the describe of {object_name} is empty")
    return described


@dataclass(slots=True)
class _Tooling:
    """Tooling API queries; Metadata and FullName come one record per query."""

    sf: Salesforce

    def query(self, soql: str) -> list[JsonObject]:
        page = self._execute("query/", params={"q": soql})
        records = list(page["records"])
        while not page.get("done", True):
            # nextRecordsUrl is a path from the server root; toolingexecute wants
            # the part after tooling/.
            page = self._execute(str(page["nextRecordsUrl"]).split("/tooling/", 1)[1])
            records += page["records"]
        return records

    def metadata(self, sobject: str, record_id: str, fields: str) -> JsonObject:
        if not _RECORD_ID.match(record_id):
            raise PullError(f"unexpected {sobject} id {record_id!r} from the org")
        soql = f"SELECT Id, {fields} FROM {sobject} WHERE Id = '{record_id}'"
        records = self.query(soql)
        if len(records) != 1:
            raise PullError(f"the org returned no {sobject} {record_id}")
        return records[0]

    def components(self, sobject: str, skipped: list[str]) -> list[Component]:
        """Every record of ``sobject`` with its metadata; a managed package's
        record, whose metadata the org does not show, is named in ``skipped``."""
        found = []
        for listed in self.query(f"SELECT Id FROM {sobject}"):
            record = self.metadata(sobject, str(listed["Id"]), "FullName, Metadata")
            object_name, _, name = str(record.get("FullName") or "").partition(".")
            if not name or not record.get("Metadata"):
                skipped.append(f"{sobject} {listed['Id']}: the org shows no metadata")
                continue
            found.append(Component(object_name, name, record["Metadata"]))
        return found

    def _execute(self, action: str, **kwargs: Any) -> JsonObject:
        answer = self.sf.toolingexecute(action, **kwargs)
        if not isinstance(answer, dict) or "records" not in answer:
            raise PullError(
                "the Tooling API answered with an unexpected shape", place=action
            )
        return answer


@contextmanager
def _translated_errors(policy: RetryPolicy) -> Iterator[None]:
    """simple-salesforce's exceptions, and the network's, as PullErrors."""
    try:
        yield
    except SalesforceAuthenticationFailed as error:
        raise PullError(
            f"Salesforce refused the login ({error.code}): {error.auth_message}",
            expected="the username, password and security token of a user "
            "with API access; SF_DOMAIN=test for a sandbox",
            fix="check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN "
            "(a password reset sends a new security token)",
        ) from None
    except SalesforceError as error:
        raise _refused(error, policy.attempts) from None
    except requests.JSONDecodeError:
        # A subclass of RequestException, but the org was reached.
        raise PullError("Salesforce answered with something that is not JSON") from None
    except requests.RequestException as error:
        raise network_error("Salesforce", _host(error), error) from None


def _host(error: requests.RequestException) -> str:
    url = error.request.url if error.request is not None else None
    return urlparse(str(url or "")).hostname or "the org"


def _refused(error: SalesforceError, attempts: int) -> PullError:
    code, said = _first_error(error.content)
    place = urlparse(error.url).path or None
    if error.status == 401:
        return PullError(
            f"Salesforce refused the session (401 {code}): {said}",
            place=place,
            expected="a current session id in SF_SESSION_ID for the org at "
            "SF_INSTANCE_URL",
            fix="get a fresh one (sf org display --target-org <alias> shows it "
            "as the access token), or log in with SF_USERNAME and SF_PASSWORD",
        )
    if error.status == 403 and code == "REQUEST_LIMIT_EXCEEDED":
        return PullError(
            f"the org has used up its API requests (403 {code}): {said}",
            place=place,
            fix="pull again when the org's 24-hour API limit has room",
        )
    if error.status == 403:
        return PullError(
            f"Salesforce refused the request (403 {code}): {said}",
            place=place,
            expected="a user with API Enabled who may read setup "
            "(View Setup and Configuration)",
            fix="ask an admin for those permissions, or pull as another user",
        )
    if error.status == TOO_MANY_REQUESTS:
        return rate_limited("Salesforce", place or "the org", attempts, None)
    return PullError(f"Salesforce answered {error.status} {code}: {said}", place=place)


def _first_error(content: object) -> tuple[str, str]:
    """errorCode and message of the first error in a REST error body."""
    first = content[0] if isinstance(content, list) and content else content
    if isinstance(first, dict):
        return str(first.get("errorCode", "")), str(first.get("message", ""))
    if isinstance(content, bytes):
        return "", content.decode(errors="replace")
    return "", str(content)
