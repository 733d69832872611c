"""Minimal v4 flows and the shared corpus, for the HubSpot tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shared_corpus import HUBSPOT_CORPUS

CORPUS = HUBSPOT_CORPUS if HUBSPOT_CORPUS.is_dir() else None


def corpus_file(relative: str) -> Path:
    """A file of the shared HubSpot corpus; the test is skipped without it."""
    if CORPUS is None or not (CORPUS / relative).is_file():
        pytest.skip(f"no HubSpot corpus file {relative}")
    return CORPUS / relative


def property_filter(
    name: str, operator: str, operation_type: str, **operation: Any
) -> dict[str, Any]:
    """A PROPERTY filter as flow JSON writes it."""
    return {
        "filterType": "PROPERTY",
        "property": name,
        "operation": {
            "operator": operator,
            "operationType": operation_type,
            **operation,
        },
    }


def or_of_and(*filters: dict[str, Any]) -> dict[str, Any]:
    """The OR → AND shape HubSpot's editor writes for one filter group."""
    return {
        "filterBranchType": "OR",
        "filterBranchOperator": "OR",
        "filters": [],
        "filterBranches": [
            {
                "filterBranchType": "AND",
                "filterBranchOperator": "AND",
                "filters": list(filters),
                "filterBranches": [],
            }
        ],
    }


def set_property(
    action_id: str, name: str, value: str, next_id: str | None = None
) -> dict[str, Any]:
    action: dict[str, Any] = {
        "type": "SINGLE_CONNECTION",
        "actionId": action_id,
        "actionTypeId": "0-5",
        "actionTypeVersion": 0,
        "fields": {
            "property_name": name,
            "value": {"type": "STATIC_VALUE", "staticValue": value},
        },
    }
    if next_id is not None:
        action["connection"] = {"edgeType": "STANDARD", "nextActionId": next_id}
    return action


def flow(actions: list[dict[str, Any]] | None = None, **top: Any) -> dict[str, Any]:
    """A whole contact flow; it enrols on lifecyclestage = lead by default."""
    body: dict[str, Any] = {
        "id": "1001",
        "name": "Test flow",
        "type": "CONTACT_FLOW",
        "objectTypeId": "0-1",
        "flowType": "WORKFLOW",
        "isEnabled": True,
        "startActionId": "1",
        "actions": actions if actions is not None else [set_property("1", "x", "y")],
        "enrollmentCriteria": {
            "type": "LIST_BASED",
            "shouldReEnroll": False,
            "unEnrollObjectsNotMeetingCriteria": False,
            "reEnrollmentTriggersFilterBranches": [],
            "listFilterBranch": or_of_and(
                property_filter(
                    "lifecyclestage", "IS_ANY_OF", "ENUMERATION", values=["lead"]
                )
            ),
        },
        "timeWindows": [],
        "blockedDates": [],
    }
    body.update(top)
    return body
