"""HubSpot v4 flows for the engine tests, shaped as GET /automation/v4/flows returns.

Each helper returns one part of the JSON (an action, a filter, enrolment
criteria) as HubSpot writes it, so a test reads as the workflow it models.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

FORM_SUBMISSION = "4-1639801"  # eventTypeId of "Form submission"


def contact_flow(
    name: str, enrollment: Json, actions: list[Json], *, flow_id: str = "1001"
) -> Json:
    """A whole contact workflow; its first action starts it."""
    return {
        "id": flow_id,
        "isEnabled": True,
        "flowType": "WORKFLOW",
        "revisionId": "1",
        "name": name,
        "createdAt": "2025-10-01T09:00:00.000Z",
        "updatedAt": "2025-10-01T09:00:00.000Z",
        "startActionId": actions[0]["actionId"] if actions else None,
        "nextAvailableActionId": str(len(actions) + 1),
        "actions": actions,
        "enrollmentCriteria": enrollment,
        "timeWindows": [],
        "blockedDates": [],
        "customProperties": {},
        "dataSources": [],
        "crmObjectCreationStatus": "COMPLETE",
        "type": "CONTACT_FLOW",
        "objectTypeId": "0-1",
        "suppressionListIds": [],
        "canEnrollFromSalesforce": True,
    }


# Enrolment


def list_based(
    *groups: list[Json],
    re_enroll: bool = False,
    re_enrol_on: list[Json] | None = None,
    unenrol_when_not_met: bool = False,
) -> Json:
    """Filter-based enrolment: any one group (AND of its filters) enrols."""
    return {
        "shouldReEnroll": re_enroll,
        "type": "LIST_BASED",
        "listFilterBranch": any_of(*groups),
        "unEnrollObjectsNotMeetingCriteria": unenrol_when_not_met,
        "reEnrollmentTriggersFilterBranches": [
            all_of(item) for item in (re_enrol_on or [])
        ],
    }


def form_submitted(
    form_id: str, *, re_enroll: bool = False, refine: list[Json] | None = None
) -> Json:
    """Event-based enrolment: the contact submitted the form with this id,
    and, with ``refine``, the contact meets those filters too."""
    criteria: Json = {
        "shouldReEnroll": re_enroll,
        "type": "EVENT_BASED",
        "eventFilterBranches": [
            {
                "filterBranches": [],
                "filters": [enum_filter("hs_form_id", [form_id])],
                "eventTypeId": FORM_SUBMISSION,
                "operator": "HAS_COMPLETED",
                "filterBranchType": "UNIFIED_EVENTS",
                "filterBranchOperator": "AND",
            }
        ],
        "listMembershipFilterBranches": [],
    }
    if refine is not None:
        criteria["refinementCriteria"] = any_of(refine)
    return criteria


# Filters


def all_of(*filters: Json) -> Json:
    return {
        "filterBranches": [],
        "filters": list(filters),
        "filterBranchType": "AND",
        "filterBranchOperator": "AND",
    }


def any_of(*groups: list[Json]) -> Json:
    """The UI's shape: a root OR branch holding one AND branch per group."""
    return {
        "filterBranches": [all_of(*group) for group in groups],
        "filters": [],
        "filterBranchType": "OR",
        "filterBranchOperator": "OR",
    }


def number_filter(name: str, operator: str, value: float) -> Json:
    return {
        "property": name,
        "operation": {
            "operator": operator,
            "includeObjectsWithNoValueSet": False,
            "value": value,
            "operationType": "NUMBER",
        },
        "filterType": "PROPERTY",
    }


def enum_filter(name: str, values: list[str], operator: str = "IS_ANY_OF") -> Json:
    return {
        "property": name,
        "operation": {
            "operator": operator,
            "includeObjectsWithNoValueSet": False,
            "values": values,
            "operationType": "ENUMERATION",
        },
        "filterType": "PROPERTY",
    }


def in_list(list_id: str) -> Json:
    return {"filterType": "IN_LIST", "listId": list_id, "operator": "IN_LIST"}


# Actions


def _single(action_id: str, type_id: str, fields: Json, then: str | None) -> Json:
    action: Json = {
        "type": "SINGLE_CONNECTION",
        "actionId": action_id,
        "actionTypeVersion": 0,
        "actionTypeId": type_id,
        "fields": fields,
    }
    if then is not None:
        action["connection"] = {"edgeType": "STANDARD", "nextActionId": then}
    return action


def set_property(
    action_id: str, name: str, value: str, then: str | None = None
) -> Json:
    """0-5 with a static value; "" clears the property."""
    value_json = {"type": "STATIC_VALUE", "staticValue": value}
    fields = {"property_name": name, "value": value_json}
    return _single(action_id, "0-5", fields, then)


def increment(
    action_id: str, name: str, amount: float, then: str | None = None
) -> Json:
    value_json = {"type": "INCREMENT", "incrementAmount": amount}
    fields = {"property_name": name, "value": value_json}
    return _single(action_id, "0-5", fields, then)


def delay(action_id: str, delta: int, unit: str, then: str | None) -> Json:
    """0-1, delay for a set amount of time (unit MINUTES, HOURS, DAYS…)."""
    fields = {"delta": str(delta), "time_unit": unit}
    return _single(action_id, "0-1", fields, then)


def send_email(action_id: str, content_id: str, then: str | None = None) -> Json:
    return _single(action_id, "0-4", {"content_id": content_id}, then)


def add_to_list(action_id: str, list_id: str, then: str | None = None) -> Json:
    """0-13 ADD, the id HubSpot's docs table gives."""
    fields = {"operation": "ADD", "list_id": list_id}
    return _single(action_id, "0-13", fields, then)


def remove_from_list(action_id: str, list_id: str, then: str | None = None) -> Json:
    fields = {"operation": "REMOVE", "list_id": list_id}
    return _single(action_id, "0-13", fields, then)


def add_to_list_v5(action_id: str, list_id: str, then: str | None = None) -> Json:
    """0-63809083, the newer add-to-static-list action seen in real exports."""
    fields = {"listId": list_id, "targetObject": "{{ enrolled_object }}"}
    return _single(action_id, "0-63809083", fields, then)


def list_branch(
    action_id: str,
    branches: list[tuple[str, Json, str]],
    *,
    default_name: str | None = None,
    default: str | None = None,
) -> Json:
    """If/then branch: (name, filter branch, next action id) in order."""
    action: Json = {
        "type": "LIST_BRANCH",
        "actionId": action_id,
        "listBranches": [
            {
                "branchName": name,
                "filterBranch": branch,
                "connection": {"edgeType": "STANDARD", "nextActionId": then},
            }
            for name, branch, then in branches
        ],
    }
    if default_name is not None:
        action["defaultBranchName"] = default_name
    if default is not None:
        action["defaultBranch"] = {"edgeType": "STANDARD", "nextActionId": default}
    return action
