"""The HubSpot-Salesforce connector settings: inclusion list, mappings, sync rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import timedelta

from simulator.hubspot.model import FilterBranch


class SyncRule(enum.StrEnum):
    """How a mapped field flows, in the connector's own words."""

    PREFER_SALESFORCE_UNLESS_BLANK = "prefer_salesforce_unless_blank"
    ALWAYS_USE_SALESFORCE = "always_use_salesforce"
    TWO_WAY = "two_way"
    DONT_SYNC = "dont_sync"


SYNC_RULE_LABELS = {
    SyncRule.PREFER_SALESFORCE_UNLESS_BLANK: "Prefer Salesforce unless blank",
    SyncRule.ALWAYS_USE_SALESFORCE: "Always use Salesforce",
    SyncRule.TWO_WAY: "Two-way",
    SyncRule.DONT_SYNC: "Don't sync",
}


@dataclass(frozen=True, slots=True)
class FieldMapping:
    hubspot: str
    salesforce: str
    rule: SyncRule
    values: dict[str, str] = field(default_factory=dict)  # HubSpot → Salesforce

    def to_salesforce(self, value: object) -> object:
        return self.values.get(str(value), value) if value is not None else None

    def to_hubspot(self, value: object) -> object:
        if value is None:
            return None
        for hubspot_value, salesforce_value in self.values.items():
            if salesforce_value == value:
                return hubspot_value
        return value


@dataclass(frozen=True, slots=True)
class InclusionList:
    """Contacts sync when they are in ``list_id`` or match ``filter``."""

    list_id: str | None = None
    filter: FilterBranch | None = None


@dataclass(frozen=True, slots=True)
class ConnectorSettings:
    file: str
    inclusion_list: InclusionList | None
    create_as: str  # Lead | Contact
    polling_interval: timedelta
    hubspot_to_salesforce_delay: timedelta
    mappings: tuple[FieldMapping, ...]
