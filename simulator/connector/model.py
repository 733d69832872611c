"""The HubSpot-Salesforce connector settings: inclusion list, mappings, sync rules."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from simulator.hubspot.model import FilterBranch

# How many mappings a sync's cause names before it says "and N more".
_ARROWS_NAMED = 3


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

# What a mapping carries: an ordinary property, the owner (matched user by
# user) or a deal's stage (matched stage by stage).
FIELD, OWNER, STAGE = "field", "owner", "stage"
# The coverage element of task sync.
TASK_ELEMENT = "task → Task"


@dataclass(frozen=True, slots=True)
class FieldMapping:
    hubspot: str
    salesforce: str
    rule: SyncRule
    values: dict[str, str] = field(default_factory=dict)  # HubSpot → Salesforce
    kind: str = FIELD
    # Further Salesforce values that read as the same HubSpot value, which
    # HubSpot never sends: several Salesforce stages on one deal stage.
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_salesforce(self, value: object) -> object:
        return self.values.get(str(value), value) if value is not None else None

    def to_hubspot(self, value: object) -> object:
        if value is None:
            return None
        for hubspot_value, salesforce_value in self.values.items():
            if salesforce_value == value:
                return hubspot_value
        for hubspot_value, others in self.also.items():
            if value in others:
                return hubspot_value
        return value

    def corresponds(self, hubspot_value: object, salesforce_value: object) -> bool:
        """Do the two sides already hold the same value under this mapping?"""
        if self.to_salesforce(hubspot_value) == salesforce_value:
            return True
        return salesforce_value in self.also.get(str(hubspot_value), ())

    def matched_in_salesforce(self, value: object) -> bool:
        """Owners and stages sync only when the other side has their match."""
        return self.kind == FIELD or value in (None, "") or str(value) in self.values

    def matched_in_hubspot(self, value: object) -> bool:
        if self.kind != STAGE or value in (None, ""):
            return True
        others = {v for values in self.also.values() for v in values}
        return value in self.values.values() or value in others

    @staticmethod
    def arrows(mappings: Iterable[FieldMapping], source: str) -> str | None:
        """The mappings a sync carried, for a cause: ``email → Email``, or the
        first three and how many more, since a cause is read in a chain."""
        named = [mapping.arrow(source) for mapping in mappings]
        if len(named) > _ARROWS_NAMED:
            more = len(named) - _ARROWS_NAMED
            named = [*named[:_ARROWS_NAMED], f"{more} more"]
        return ", ".join(named) or None

    def arrow(self, source: str) -> str:
        """``email → Email`` from HubSpot, ``Email → email`` from Salesforce."""
        if source == "hubspot":
            return f"{self.hubspot} → {self.salesforce}"
        return f"{self.salesforce} → {self.hubspot}"


@dataclass(frozen=True, slots=True)
class InclusionList:
    """Contacts sync when they are in ``list_id`` or match ``filter``."""

    list_id: str | None = None
    filter: FilterBranch | None = None


@dataclass(frozen=True, slots=True)
class DealSync:
    """Deals of one HubSpot pipeline sync with Salesforce opportunities."""

    pipeline: str
    stages: dict[str, str]  # HubSpot deal stage id → Salesforce StageName
    mappings: tuple[FieldMapping, ...]
    # Further Salesforce stages that read as a HubSpot deal stage.
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CompanySync:
    """HubSpot companies sync with Salesforce accounts."""

    mappings: tuple[FieldMapping, ...]


@dataclass(frozen=True, slots=True)
class ObjectSync:
    """One HubSpot object, the Salesforce objects it syncs with, its mappings."""

    hubspot: str  # contact | company | deal
    salesforce: tuple[str, ...]  # (Lead, Contact) | (Account,) | (Opportunity,)
    mappings: tuple[FieldMapping, ...]

    def element(self, mapping: FieldMapping, source: str) -> str:
        """The coverage element of one mapping in one direction: its arrow,
        after the object's name for companies and deals."""
        arrow = mapping.arrow(source)
        return arrow if self.hubspot == "contact" else f"{self.hubspot}: {arrow}"

    def elements(self) -> list[str]:
        """Each mapping in each direction its rule lets values flow."""
        found = []
        for mapping in self.mappings:
            if mapping.rule == SyncRule.DONT_SYNC:
                continue
            if mapping.rule != SyncRule.ALWAYS_USE_SALESFORCE:
                found.append(self.element(mapping, "hubspot"))
            found.append(self.element(mapping, "salesforce"))
        return found


@dataclass(frozen=True, slots=True)
class ConnectorSettings:
    file: str
    inclusion_list: InclusionList | None
    create_as: str  # Lead | Contact
    polling_interval: timedelta
    hubspot_to_salesforce_delay: timedelta
    mappings: tuple[FieldMapping, ...]  # contacts ↔ leads and contacts
    owners: dict[str, str] = field(default_factory=dict)  # HubSpot → Salesforce
    integration_user: str | None = None
    companies: CompanySync | None = None
    deals: DealSync | None = None
    sync_tasks: bool = False

    def objects(self) -> tuple[ObjectSync, ...]:
        """Every synced pair of objects, contacts first, with their mappings;
        the owner and the deal stage are mappings of their own."""
        owner = self.owner_mapping()
        extra = (owner,) if owner is not None else ()
        pairs = [ObjectSync("contact", ("Lead", "Contact"), self.mappings + extra)]
        if self.companies is not None:
            pairs.append(
                ObjectSync("company", ("Account",), self.companies.mappings + extra)
            )
        if self.deals is not None:
            stage = FieldMapping(
                "dealstage",
                "StageName",
                SyncRule.TWO_WAY,
                self.deals.stages,
                STAGE,
                self.deals.also,
            )
            mappings = (stage, *self.deals.mappings, *extra)
            pairs.append(ObjectSync("deal", ("Opportunity",), mappings))
        return tuple(pairs)

    def elements(self) -> list[str]:
        """What coverage counts for the connector: every mapping of every
        synced object in each direction it flows, and task sync."""
        found = [element for pair in self.objects() for element in pair.elements()]
        return found + ([TASK_ELEMENT] if self.sync_tasks else [])

    def owner_mapping(self) -> FieldMapping | None:
        """Owners are matched user by user and sync both ways."""
        if not self.owners:
            return None
        return FieldMapping(
            "hubspot_owner_id", "OwnerId", SyncRule.TWO_WAY, self.owners, OWNER
        )
