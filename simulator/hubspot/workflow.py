"""Read a HubSpot workflow from v4 flow JSON, as the automation API returns it."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.errors import DefinitionError
from simulator.hubspot.actions import read_action
from simulator.hubspot.criteria import read_branch
from simulator.hubspot.enrollment import ENROLLMENT_KINDS, read_enrollment
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import Workflow, WorkflowAction
from simulator.hubspot.single_actions import ACTION_NAMES
from simulator.hubspot.workflow_settings import read_timing, read_unenrolment

FLOW_TYPES = ("CONTACT_FLOW", "PLATFORM_FLOW")
_EXPORT = "export the whole workflow: GET /automation/v4/flows/{flowId} returns it"
_V4_SHAPE = (
    "a v4 flow: an object with `actions` (SINGLE_CONNECTION, LIST_BRANCH… with "
    "actionTypeId and fields), `enrollmentCriteria` (LIST_BASED, EVENT_BASED or "
    "MANUAL), `isEnabled` and `objectTypeId`"
)
# Action types of the legacy v3 workflows API (WEBHOOK is in both).
_V3_ACTIONS = frozenset(
    {
        "DELAY",
        "SET_CONTACT_PROPERTY",
        "SET_COMPANY_PROPERTY",
        "ADD_SUBTRACT_PROPERTY",
        "COPY_PROPERTY",
        "EMAIL",
        "BRANCH",
        "LEAD_ASSIGNMENT",
        "UPDATE_LIST",
        "TASK",
        "NOTIFICATION",
        "NOTIFICATION_STATION",
        "DEAL",
        "TICKET",
        "WORKFLOW_ENROLLMENT",
        "UNSUPPORTED_ACTION",
    }
)
_V3_WORKFLOW_TYPES = frozenset({"DRIP_DELAY", "STATIC_ANCHOR", "PROPERTY_ANCHOR"})


class WorkflowFragment(DefinitionError):
    """The file holds part of a workflow (its enrolment criteria, one action)."""


def is_hubspot_workflow_file(path: Path) -> bool:
    """A .json file that is not an API or JSON schema (an OpenAPI spec…)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return True  # load_workflow will say what is wrong with it
    schema_keys = ("openapi", "swagger", "$schema")
    return not (isinstance(data, dict) and any(key in data for key in schema_keys))


def load_workflow(path: Path) -> Workflow:
    """Read one flow: a GET /automation/v4/flows/{flowId} response or a create body,
    or a legacy workflow as GET /automation/v3/workflows/{workflowId} returns it.

    Raises WorkflowFragment for part of a flow, DefinitionError for anything
    else wrong, with the JSON path (``actions[3].fields.delta``) of the fault.
    """
    from simulator.hubspot.v3 import is_v3_workflow, load_v3_workflow

    r = Reader(str(path))
    raw = _read_json(path)
    if is_v3_workflow(raw):
        return load_v3_workflow(r, raw, path)
    data = _whole_flow(r, raw)
    name = data.get("name")
    r.definition = name if isinstance(name, str) and name else path.stem
    actions = _actions(r, data)
    start = _start(r, data, actions)
    _check_edges(r, actions)
    return _workflow(r, data, path, actions, start)


def _workflow(
    r: Reader,
    data: JsonObject,
    path: Path,
    actions: dict[str, WorkflowAction],
    start: str | None,
) -> Workflow:
    criteria = data.get("enrollmentCriteria")
    enrollment = (
        read_enrollment(r, criteria, "enrollmentCriteria") if criteria else None
    )
    goal = data.get("goalFilterBranch")
    goal_branch = read_branch(r, goal, "goalFilterBranch") if goal else None
    suppression = data.get("suppressionFilterBranch")
    where = "suppressionFilterBranch"
    suppressed = read_branch(r, suppression, where) if suppression else None
    object_type_id = _object_type(r, data)
    enabled = _enabled(r, data)
    windows, blocked = read_timing(r, data)
    _note_settings(r, data)
    return Workflow(
        # A create-request body has no id yet; the file name stands in.
        id=str(data.get("id") or path.stem),
        name=r.definition,
        file=str(path),
        object_type_id=object_type_id,
        enabled=enabled,
        enrollment=enrollment,
        start=start,
        actions=actions,
        not_simulated=tuple(r.not_simulated),
        goal=goal_branch,
        suppression_list_ids=tuple(
            str(item) for item in r.array(data, "suppressionListIds", "")
        ),
        can_enroll_from_salesforce=r.flag(data, "canEnrollFromSalesforce", "", True),
        suppression=suppressed,
        time_windows=windows,
        blocked_dates=blocked,
        unenrolment=read_unenrolment(r, data),
    )


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DefinitionError("not UTF-8 text", file=path, expected="JSON") from None
    except OSError as exc:
        raise DefinitionError(
            f"cannot read the file: {exc.strerror}", file=path
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # Some messages end in "at" already ("Unterminated string starting at").
        reason = exc.msg.removesuffix(" at")
        raise DefinitionError(
            f"not valid JSON: {reason} at line {exc.lineno}, column {exc.colno}",
            file=path,
            line=exc.lineno,
            expected="a workflow as JSON, as the automation v4 API returns it",
            fix="export the workflow again: GET /automation/v4/flows/{flowId} "
            "returns it whole",
        ) from None


def _whole_flow(r: Reader, data: object) -> JsonObject:
    """The top object, once it is known to be a whole v4 flow."""
    top = r.obj(data, "")
    if isinstance(top.get("results"), list) and "actions" not in top:
        r.fail("results", "this is a list of flows, not one flow", fix=_EXPORT)
    _reject_other_versions(r, top)
    if "actions" not in top:
        part = _fragment(top)
        if part is None:
            r.fail("actions", "`actions` is missing", expected=_V4_SHAPE)
        raise WorkflowFragment(
            f"this is a fragment of a workflow ({part}), not a whole one",
            file=r.file,
            expected=_V4_SHAPE,
            fix=f"keep fragments out of the model folder, or {_EXPORT}",
        )
    return top


def _fragment(data: JsonObject) -> str | None:
    """What part of a flow a top object is, if it is one."""
    if "actionId" in data:
        if "listBranches" in data:
            return "one LIST_BRANCH action"
        type_id = str(data.get("actionTypeId", ""))
        label = ACTION_NAMES.get(type_id, data.get("type", "action"))
        return f"one action: {type_id} {label}".replace(":  ", ": ")
    if data.get("type") in ENROLLMENT_KINDS or "listFilterBranch" in data:
        return "its enrollmentCriteria"
    if "filterBranchType" in data:
        return "a filter branch"
    return None


def _reject_other_versions(r: Reader, data: JsonObject) -> None:
    """A v4 body with v3 parts in it is refused whole.

    A whole v3 workflow never comes here: load_workflow reads it as v3.
    """
    faults = _v3_faults(data)
    if not faults:
        return
    lines = "".join(f"\n  - {place}: {what}" for place, what in faults)
    r.fail(
        faults[0][0],
        f"this is not an automation v4 flow:{lines}",
        expected=_V4_SHAPE,
        fix=_EXPORT + "; a legacy workflow exports whole from "
        "GET /automation/v3/workflows/{workflowId}, which revsim reads too",
    )


def _v3_faults(data: JsonObject) -> list[tuple[str, str]]:
    faults: list[tuple[str, str]] = []
    if data.get("type") in _V3_WORKFLOW_TYPES or "segmentCriteria" in data:
        faults.append(
            ("type", "a legacy v3 workflow (type DRIP_DELAY…, segmentCriteria)")
        )
    actions = data.get("actions")
    for i, action in enumerate(actions if isinstance(actions, list) else []):
        kind = action.get("type") if isinstance(action, dict) else None
        if kind in _V3_ACTIONS:
            faults.append(
                (
                    f"actions[{i}].type",
                    f"{kind} is a v3 action; v4 has "
                    "SINGLE_CONNECTION with an actionTypeId (0-5 sets a property)",
                )
            )
    if "enabled" in data and "isEnabled" not in data:
        faults.append(("enabled", "v3 writes `enabled`; v4 writes `isEnabled`"))
    criteria = data.get("enrollmentCriteria")
    if isinstance(criteria, dict):
        if "filterGroups" in criteria:
            faults.append(
                (
                    "enrollmentCriteria.filterGroups",
                    "`filterGroups` is the "
                    "CRM search API's shape, not v4 enrolment criteria",
                )
            )
        if criteria.get("type") not in (*ENROLLMENT_KINDS, None):
            faults.append(
                (
                    "enrollmentCriteria.type",
                    f"{criteria.get('type')!r} is not "
                    "an enrolment type (LIST_BASED, EVENT_BASED, MANUAL)",
                )
            )
    return faults


def _actions(r: Reader, data: JsonObject) -> dict[str, WorkflowAction]:
    raw = data.get("actions")
    if not isinstance(raw, list):
        r.fail("actions", "expected an array of actions", expected=_V4_SHAPE)
    actions: dict[str, WorkflowAction] = {}
    for i, item in enumerate(raw):
        action = read_action(r, item, at("actions", i))
        if action.id in actions:
            r.fail(
                at(at("actions", i), "actionId"),
                f"actionId {action.id!r} is used twice",
            )
        actions[action.id] = action
    return actions


def _start(
    r: Reader, data: JsonObject, actions: dict[str, WorkflowAction]
) -> str | None:
    if data.get("startActionId") is None:
        return _first_action(r, actions)
    start = r.ident(data, "startActionId", "")
    if start not in actions:
        r.fail(
            "startActionId",
            f"startActionId {start!r} names no action",
            expected=_ids(actions),
        )
    return start


def _first_action(r: Reader, actions: dict[str, WorkflowAction]) -> str | None:
    """Without startActionId, the one action no other action leads to."""
    if not actions:
        return None
    targets = {target for _, target in r.edges}
    roots = [action_id for action_id in actions if action_id not in targets]
    if len(roots) != 1:
        r.fail(
            "startActionId",
            "`startActionId` is missing and the first action "
            "cannot be told from the connections",
            expected=_ids(actions),
        )
    return roots[0]


def _check_edges(r: Reader, actions: dict[str, WorkflowAction]) -> None:
    for place, target in r.edges:
        if target not in actions:
            r.fail(
                place,
                f"nextActionId {target!r} names no action in this workflow",
                expected=_ids(actions),
                fix="point it at an existing action, or drop the connection "
                "to end the path there",
            )


def _ids(actions: dict[str, WorkflowAction]) -> str:
    ids = list(actions)
    shown = ", ".join(ids[:12]) + (", …" if len(ids) > 12 else "")
    return f"one of the actionIds: {shown}" if ids else "no actions exist"


def _object_type(r: Reader, data: JsonObject) -> str:
    flow_type = r.choice(data, "type", "", FLOW_TYPES) if "type" in data else None
    if data.get("objectTypeId") is None and flow_type == "CONTACT_FLOW":
        return "0-1"
    if data.get("objectTypeId") is None:
        r.fail(
            "objectTypeId",
            "`objectTypeId` is missing",
            expected="0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket, 2-<n> custom",
        )
    return r.ident(data, "objectTypeId", "")


def _enabled(r: Reader, data: JsonObject) -> bool:
    if data.get("isEnabled") is None:
        r.fail("isEnabled", "`isEnabled` is missing", expected="true or false")
    return r.flag(data, "isEnabled", "", False)


_SETTINGS = (
    ("enrollmentSchedule", "enrolment schedule", "records enrol when they qualify"),
    ("eventAnchor", "date-centred workflow", "delays are not anchored to a date"),
)


def _note_settings(r: Reader, data: JsonObject) -> None:
    """Workflow settings that change timing or enrolment but are not simulated."""
    for key, kind, effect in _SETTINGS:
        if data.get(key):
            r.note(key, kind, f"`{key}` is not simulated: {effect}")
    if data.get("flowType") not in (None, "WORKFLOW"):
        r.note("flowType", "flow type", f"a {data['flowType']} flow runs as a workflow")
