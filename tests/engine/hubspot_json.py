"""HubSpot v4 flows for the engine tests, shaped as GET /automation/v4/flows returns.

Each helper returns one part of the JSON (an action, a filter, enrolment
criteria) as HubSpot writes it, so a test reads as the workflow it models.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

FORM_SUBMISSION = "4-1639801"  # eventTypeId of "Form submission"


def contact_flow(
    name: str,
    enrollment: Json | None,
    actions: list[Json],
    *,
    flow_id: str = "1001",
    **settings: Any,
) -> Json:
    """A whole contact workflow; its first action starts it. ``settings`` are
    more top-level keys (goalFilterBranch, timeWindows, blockedDates…)."""
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
        **settings,
    }


def deal_flow(name: str, enrollment: Json, actions: list[Json], **more: Any) -> Json:
    """A deal workflow: a PLATFORM_FLOW on objectTypeId 0-3."""
    flow = contact_flow(name, enrollment, actions, **more)
    for key in ("suppressionListIds", "canEnrollFromSalesforce"):
        flow.pop(key)
    return {**flow, "type": "PLATFORM_FLOW", "objectTypeId": "0-3"}


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


# More enrolment


def event_based(
    type_id: str,
    *filters: Json,
    re_enroll: bool = False,
    refine: list[Json] | None = None,
    lists: list[str] | None = None,
) -> Json:
    """Event-based enrolment on one event type, filtered on its properties."""
    criteria: Json = {
        "shouldReEnroll": re_enroll,
        "type": "EVENT_BASED",
        "eventFilterBranches": [event_branch(type_id, *filters)],
        "listMembershipFilterBranches": [all_of(in_list(i)) for i in lists or []],
    }
    if refine is not None:
        criteria["refinementCriteria"] = any_of(refine)
    return criteria


def event_branch(type_id: str, *filters: Json) -> Json:
    return {
        "filterBranches": [],
        "filters": list(filters),
        "eventTypeId": type_id,
        "operator": "HAS_COMPLETED",
        "filterBranchType": "UNIFIED_EVENTS",
        "filterBranchOperator": "AND",
    }


def manual(re_enroll: bool = False) -> Json:
    return {"type": "MANUAL", "shouldReEnroll": re_enroll}


def text_filter(name: str, value: str, operator: str = "IS_EQUAL_TO") -> Json:
    return {
        "property": name,
        "operation": {
            "operator": operator,
            "includeObjectsWithNoValueSet": False,
            "value": value,
            "operationType": "STRING",
        },
        "filterType": "PROPERTY",
    }


def known(name: str, operator: str = "IS_KNOWN") -> Json:
    return {
        "property": name,
        "operation": {
            "operator": operator,
            "includeObjectsWithNoValueSet": False,
            "operationType": "ALL_PROPERTY",
        },
        "filterType": "PROPERTY",
    }


def time_point_filter(name: str, operator: str, **offset: int) -> Json:
    """TIME_POINT against NOW moved by ``offset`` (days=-3: three days ago)."""
    return {
        "property": name,
        "operation": {
            "operator": operator,
            "includeObjectsWithNoValueSet": False,
            "operationType": "TIME_POINT",
            "type": "TIME_POINT",
            "endpointBehavior": "EXCLUSIVE",
            "timePoint": {
                "timeType": "INDEXED",
                "indexReference": {"referenceType": "NOW"},
                "offset": offset,
                "zoneId": "UTC",
            },
        },
        "filterType": "PROPERTY",
    }


# More actions


def single(action_id: str, type_id: str, fields: Json, then: str | None) -> Json:
    return _single(action_id, type_id, fields, then)


def set_value(action_id: str, name: str, value: Json, then: str | None = None) -> Json:
    """0-5 with any value type (OBJECT_PROPERTY, TIMESTAMP, FIELD_DATA…)."""
    return _single(action_id, "0-5", {"property_name": name, "value": value}, then)


def delay_until(
    action_id: str,
    then: str | None,
    *,
    days: list[str] | None = None,
    hour: int | None = None,
    delta: int = 0,
) -> Json:
    """0-1 with days_of_week and/or time_of_day."""
    fields: Json = {"delta": str(delta), "time_unit": "MINUTES"}
    if days:
        fields["days_of_week"] = days
    if hour is not None:
        fields["time_of_day"] = {"hour": hour, "minute": 0}
    return _single(action_id, "0-1", fields, then)


def delay_until_date(
    action_id: str,
    then: str | None,
    *,
    epoch_ms: int | None = None,
    prop: str | None = None,
    delta_days: int = 0,
    hour: int | None = None,
) -> Json:
    """0-35: until a calendar date (epoch ms) or a date property."""
    date: Json = (
        {"type": "OBJECT_PROPERTY", "propertyName": prop}
        if prop
        else {"type": "STATIC_VALUE", "staticValue": str(epoch_ms)}
    )
    fields: Json = {"date": date, "delta": str(delta_days), "time_unit": "DAYS"}
    if hour is not None:
        fields["time_of_day"] = {"hour": hour, "minute": 0}
    return _single(action_id, "0-35", fields, then)


def wait_for_event(
    action_id: str, branch: Json, then: str | None, expiration_minutes: int
) -> Json:
    """0-29: wait for an event (UNIFIED_EVENTS branch), at most so long."""
    fields = {
        "event_filter_branches": [branch],
        "expiration_minutes": str(expiration_minutes),
    }
    return _single(action_id, "0-29", fields, then)


def static_branch(
    action_id: str,
    value: Json,
    arms: list[tuple[str, str]],
    *,
    default: str | None = None,
    default_name: str = "Other",
) -> Json:
    """Value-equals branch on ``value`` (OBJECT_PROPERTY or FIELD_DATA)."""
    action: Json = {
        "type": "STATIC_BRANCH",
        "actionId": action_id,
        "inputValue": value,
        "staticBranches": [
            {
                "branchValue": branch_value,
                "connection": {"edgeType": "STANDARD", "nextActionId": then},
            }
            for branch_value, then in arms
        ],
        "defaultBranchName": default_name,
    }
    if default is not None:
        action["defaultBranch"] = {"edgeType": "STANDARD", "nextActionId": default}
    return action


def ab_test(action_id: str, arms: list[tuple[int | None, str]]) -> Json:
    """AB_TEST_BRANCH: (percentage, next action id) per arm."""
    test_branches = []
    for percentage, then in arms:
        arm: Json = {"connection": {"edgeType": "STANDARD", "nextActionId": then}}
        if percentage is not None:
            arm["percentage"] = percentage
        test_branches.append(arm)
    return {
        "type": "AB_TEST_BRANCH",
        "actionId": action_id,
        "testBranches": test_branches,
    }


def webhook(action_id: str, then: str | None = None) -> Json:
    action: Json = {
        "type": "WEBHOOK",
        "actionId": action_id,
        "method": "POST",
        "webhookUrl": "https://hooks.nextforce.example/lead",
        "queryParams": [],
    }
    if then is not None:
        action["connection"] = {"edgeType": "STANDARD", "nextActionId": then}
    return action


def custom_code(action_id: str, outputs: list[str], then: str | None = None) -> Json:
    action: Json = {
        "type": "CUSTOM_CODE",
        "actionId": action_id,
        "runtime": "PYTHON39",
        "sourceCode": "def main(event):\n    return {}",
        "secretNames": [],
        "inputFields": [],
        "outputFields": [{"name": name, "type": "STRING"} for name in outputs],
    }
    if then is not None:
        action["connection"] = {"edgeType": "STANDARD", "nextActionId": then}
    return action


def create_record(
    action_id: str,
    object_type_id: str,
    properties: dict[str, str],
    then: str | None = None,
    *,
    copy_company: bool = False,
) -> Json:
    """0-14 associated with the enrolled record, and its company when asked."""
    associations = [
        {
            "target": {
                "associationCategory": "HUBSPOT_DEFINED",
                "associationTypeId": 0,
            },
            "value": {"type": "ENROLLED_OBJECT"},
        }
    ]
    if copy_company:
        associations.append(
            {
                "target": {
                    "associationCategory": "HUBSPOT_DEFINED",
                    "associationTypeId": 339,
                },
                "value": {
                    "type": "COPY_ASSOCIATION",
                    "sourceSpec": {
                        "associationCategory": "HUBSPOT_DEFINED",
                        "associationTypeId": 279,
                    },
                },
            }
        )
    fields = {
        "object_type_id": object_type_id,
        "properties": [
            {
                "targetProperty": name,
                "value": {"type": "STATIC_VALUE", "staticValue": value},
            }
            for name, value in properties.items()
        ],
        "associations": associations,
        "use_explicit_associations": "true",
    }
    return _single(action_id, "0-14", fields, then)
