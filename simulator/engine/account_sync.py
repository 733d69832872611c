"""Companies ↔ accounts, and which company a contact or a deal belongs to.

With company sync on, every new Salesforce account creates a HubSpot company
(or joins the company its contacts already belong to), and a HubSpot company
creates an account only when a contact associated with it may sync and does
not sync as a lead: leads have no account.
(knowledge.hubspot.com/salesforce/sync-salesforce-accounts-to-hubspot)

A Salesforce contact's AccountId, and an opportunity's, become associations in
HubSpot; a HubSpot contact that creates a Salesforce contact, and a deal that
creates an opportunity, take the account of their associated company.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.records import Record
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.connector import ConnectorRuntime

LANE = "connector"
ACCOUNT_FIELD = "AccountId"


class AccountSync:
    """The account and company side of the connector."""

    def __init__(self, runtime: ConnectorRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    @property
    def on(self) -> bool:
        settings = self.runtime.settings
        return settings is not None and settings.companies is not None

    def company_may_sync(self, company: Record) -> bool:
        """A company goes to Salesforce once it has an account, or when a contact
        associated with it may sync and does not sync as a lead."""
        if company.twin is not None:
            return True
        for contact in self._associated(company, "contact"):
            twin = self.sim.records.twin_of(contact)
            as_lead = (
                twin.object == "Lead"
                if twin is not None
                else self.runtime.create_as == "Lead"
            )
            if not as_lead and self.runtime.eligible(contact):
                return True
        return False

    def account_of(self, record: Record) -> str | None:
        """The account id of the company associated with a HubSpot record."""
        if not self.on:
            return None
        for company in self._associated(record, "company"):
            twin = self.sim.records.twin_of(company)
            if twin is not None:
                return twin.id
        return None

    def match_company(self, account: Record) -> Record | None:
        """An account joins the company its synced contacts already belong to."""
        for contact in self.sim.records.of("salesforce", "Contact"):
            if contact.fields.get(ACCOUNT_FIELD) != account.id:
                continue
            person = self.sim.records.twin_of(contact)
            for company in self._associated(person, "company") if person else ():
                if company.twin is None:
                    self.sim.records.link(account, company)
                    return company
        return None

    def associate_with_account(self, record: Record, cause: Cause) -> None:
        """A Salesforce record's AccountId becomes its twin's company association."""
        if not self.on:
            return
        twin = self.sim.records.twin_of(record)
        account = self.sim.records.by_id("salesforce", record.fields.get(ACCOUNT_FIELD))
        if twin is None or account is None:
            return
        company = self.sim.records.twin_of(account)
        if company is None or company.key in twin.associations:
            return
        for old in self._associated(twin, "company"):
            old.associations.discard(twin.key)
            twin.associations.discard(old.key)
        associate(twin, company)
        self.sim.log(
            LANE,
            "associated",
            twin,
            f"associated with company {company.label()} (AccountId)",
            cause,
        )

    def account_created(self, company: Record, account: Record, cause: Cause) -> None:
        """The company's synced contacts without an account join the new one."""
        for contact in self._associated(company, "contact"):
            person = self.sim.records.twin_of(contact)
            if person is None or person.object != "Contact":
                continue
            if person.fields.get(ACCOUNT_FIELD) in (None, ""):
                self.sim.salesforce.update(person, {ACCOUNT_FIELD: account.id}, cause)

    def _associated(self, record: Record, object_name: str) -> list[Record]:
        found = []
        for key in sorted(record.associations):
            try:
                other = self.sim.records.get(key)
            except KeyError:
                continue  # a record whose creation was rolled back
            if other.system == "hubspot" and other.object == object_name:
                found.append(other)
        return found


def associate(first: Record, second: Record) -> None:
    first.associations.add(second.key)
    second.associations.add(first.key)
