"""Picklist values from custom fields and from standard value sets."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from simulator.salesforce.metadata import (
    children,
    fail,
    file_stem,
    flag,
    read_metadata,
    text,
)
from simulator.salesforce.model import Picklist, PicklistValue
from simulator.salesforce.validation_rule import object_from_path

FIELD_SUFFIX: Final = ".field-meta.xml"
STANDARD_VALUE_SET_SUFFIX: Final = ".standardValueSet-meta.xml"

PICKLIST_TYPES: Final = frozenset({"Picklist", "MultiselectPicklist"})

# The field that shows each standard value set. A set shared by several objects
# (LeadSource, Industry, Salutation) is given to the object it is named after,
# or else to the first the Metadata API lists.
STANDARD_FIELDS: Final = {
    "AccountOwnership": ("Account", "Ownership"),
    "AccountRating": ("Account", "Rating"),
    "AccountType": ("Account", "Type"),
    "CampaignStatus": ("Campaign", "Status"),
    "CampaignType": ("Campaign", "Type"),
    "CaseOrigin": ("Case", "Origin"),
    "CasePriority": ("Case", "Priority"),
    "CaseReason": ("Case", "Reason"),
    "CaseStatus": ("Case", "Status"),
    "CaseType": ("Case", "Type"),
    "ContractStatus": ("Contract", "Status"),
    "Industry": ("Account", "Industry"),
    "LeadSource": ("Lead", "LeadSource"),
    "LeadStatus": ("Lead", "Status"),
    "OpportunityStage": ("Opportunity", "StageName"),
    "OpportunityType": ("Opportunity", "Type"),
    "OrderStatus": ("Order", "Status"),
    "Product2Family": ("Product2", "Family"),
    "Salutation": ("Contact", "Salutation"),
    "TaskPriority": ("Task", "Priority"),
    "TaskStatus": ("Task", "Status"),
    "TaskType": ("Task", "Type"),
}


def load_field(path: Path) -> Picklist | None:
    """The picklist of a ``*.field-meta.xml``; None when the field is no picklist."""
    root = read_metadata(path, "CustomField")
    if text(root, "type") not in PICKLIST_TYPES:
        return None
    name = text(root, "fullName") or file_stem(path, FIELD_SUFFIX)
    place = f"CustomField[name={name}]"
    value_set = root.find("valueSet")
    listed = value_set.find("valueSetDefinition") if value_set is not None else None
    entries = _entries(path, listed, "value", place) if listed is not None else ()
    return Picklist(
        object=object_from_path(path, "fields"),
        field=name,
        values=tuple(entry.name for entry in entries),
        restricted=value_set is not None
        and flag(value_set, "restricted", file=path, place=place),
        default=_default(path, listed, "value", place),
        entries=entries,
        multi_select=text(root, "type") == "MultiselectPicklist",
        controlling_field=_setting(value_set, "controllingField"),
        value_set_name=_setting(value_set, "valueSetName"),
    )


def load_standard_value_set(path: Path) -> Picklist | None:
    """The standard picklist a ``*.standardValueSet-meta.xml`` defines.

    None for a value set whose field revsim does not know (see STANDARD_FIELDS).
    """
    root = read_metadata(path, "StandardValueSet")
    name = text(root, "fullName") or file_stem(path, STANDARD_VALUE_SET_SUFFIX)
    shown_in = STANDARD_FIELDS.get(name)
    if shown_in is None:
        return None
    place = f"StandardValueSet[name={name}]"
    entries = _entries(path, root, "standardValue", place)
    return Picklist(
        object=shown_in[0],
        field=shown_in[1],
        values=tuple(entry.name for entry in entries),
        default=_default(path, root, "standardValue", place),
        entries=entries,
    )


def _setting(value_set: ET.Element | None, tag: str) -> str | None:
    return text(value_set, tag) if value_set is not None else None


def _entries(
    path: Path, holder: ET.Element, tag: str, place: str
) -> tuple[PicklistValue, ...]:
    found = []
    for number, value in enumerate(children(holder, tag), start=1):
        where = f"{place}/{tag}[{number}]"
        if not flag(value, "isActive", file=path, place=where, default=True):
            continue
        found.append(_entry(path, value, where))
    return tuple(found)


def _entry(path: Path, value: ET.Element, place: str) -> PicklistValue:
    name = text(value, "fullName")
    if name is None:
        raise fail(
            "a picklist value has no <fullName>",
            file=path,
            element=value,
            place=place,
            expected="<fullName> holding the value's API name",
        )
    return PicklistValue(
        name=name,
        label=text(value, "label") or name,
        closed=_optional_flag(path, value, "closed", place),
        won=_optional_flag(path, value, "won", place),
        converted=_optional_flag(path, value, "converted", place),
        probability=_probability(path, value, place),
        forecast_category=text(value, "forecastCategory"),
    )


def _optional_flag(path: Path, value: ET.Element, tag: str, place: str) -> bool | None:
    if value.find(tag) is None:
        return None
    return flag(value, tag, file=path, place=place)


def _probability(path: Path, value: ET.Element, place: str) -> int | None:
    written = text(value, "probability")
    if written is None:
        return None
    try:
        return int(Decimal(written))
    except InvalidOperation:
        raise fail(
            f"probability {written!r} is not a number",
            file=path,
            element=value.find("probability"),
            place=f"{place}/probability",
            expected="a percentage from 0 to 100",
        ) from None


def _default(path: Path, holder: ET.Element | None, tag: str, place: str) -> str | None:
    if holder is None:
        return None
    for value in children(holder, tag):
        if flag(value, "default", file=path, place=place):
            return text(value, "fullName")
    return None
