"""Lead conversion: a lead becomes an account, a contact and an opportunity.

In one transaction (help: leads_convert; shared reference salesforce.md (d),
"Lead conversion"): an Account, a Contact linked to it and, unless left out,
an Opportunity are inserted, each through its own order of execution, with
the standard field mapping plus the custom mapping of LeadConvertSettings;
then the lead is updated with IsConverted, the converted status,
ConvertedDate and the ids of the new records, which runs the Lead's update
automation with IsConverted going from false to true. Custom validation
rules run on these saves only when LeadConfigSettings
``shouldLeadConvertRequireValidation`` is on ("Require Validation for
Converted Leads").
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final

from simulator.engine.records import Record
from simulator.engine.trace import Cause

if TYPE_CHECKING:
    from simulator.engine.salesforce import SalesforceRuntime

LANE = "salesforce"
DEFAULT_CONVERTED_STATUS = "Closed - Converted"

# The standard lead field mapping (help: "Lead Conversion Field Mapping"):
# lead field → the field it fills on each new record.
ACCOUNT_FIELDS: Final[Mapping[str, str]] = {
    "Company": "Name",
    "Street": "BillingStreet",
    "City": "BillingCity",
    "State": "BillingState",
    "PostalCode": "BillingPostalCode",
    "Country": "BillingCountry",
    "Phone": "Phone",
    "Fax": "Fax",
    "Website": "Website",
    "Industry": "Industry",
    "AnnualRevenue": "AnnualRevenue",
    "NumberOfEmployees": "NumberOfEmployees",
    "Rating": "Rating",
    "OwnerId": "OwnerId",
}
CONTACT_FIELDS: Final[Mapping[str, str]] = {
    "Salutation": "Salutation",
    "FirstName": "FirstName",
    "LastName": "LastName",
    "Title": "Title",
    "Email": "Email",
    "Phone": "Phone",
    "MobilePhone": "MobilePhone",
    "Fax": "Fax",
    "Description": "Description",
    "DoNotCall": "DoNotCall",
    "HasOptedOutOfEmail": "HasOptedOutOfEmail",
    "HasOptedOutOfFax": "HasOptedOutOfFax",
    "LeadSource": "LeadSource",
    "Street": "MailingStreet",
    "City": "MailingCity",
    "State": "MailingState",
    "PostalCode": "MailingPostalCode",
    "Country": "MailingCountry",
    "OwnerId": "OwnerId",
}
OPPORTUNITY_FIELDS: Final[Mapping[str, str]] = {
    "LeadSource": "LeadSource",
    "CampaignId": "CampaignId",
    "OwnerId": "OwnerId",
}


@dataclass(frozen=True, slots=True)
class Conversion:
    """What a convert event asks for."""

    opportunity: bool = True
    status: str | None = None
    account: Record | None = None  # an existing account to attach to
    alias: str | None = None  # the lead's alias: new records are <alias>-account…


class LeadConverter:
    """Converts leads for one Salesforce runtime."""

    def __init__(self, runtime: SalesforceRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim

    def convert(self, lead: Record, request: Conversion, cause: Cause) -> bool:
        """Convert ``lead``; False (and a finding) when it cannot be converted."""
        refusal = self._refusal(lead, request)
        if refusal is not None:
            self.sim.finding("journey", lead, refusal, cause)
            return False
        convert_cause = Cause("system", "lead conversion", parent=cause)
        converted = self.runtime.in_transaction(
            convert_cause, lambda: self._convert(lead, request, convert_cause)
        )
        return converted is not None

    def _refusal(self, lead: Record, request: Conversion) -> str | None:
        if lead.object != "Lead":
            return f"only a lead converts; {lead.label()} is a {lead.object}"
        if lead.fields.get("IsConverted") is True:
            return f"{lead.label()} is already converted"
        status = self.status(request)
        if status not in self.converted_statuses():
            known = ", ".join(self.converted_statuses())
            return f"{status!r} is not a converted lead status (those are: {known})"
        return None

    def status(self, request: Conversion) -> str:
        return request.status or self.converted_statuses()[0]

    def converted_statuses(self) -> list[str]:
        """The LeadStatus values marked converted, or the standard one."""
        picklist = self.sim.model.picklists.get(("Lead", "Status"))
        if picklist is not None and picklist.entries:
            marked = [e.name for e in picklist.entries if e.converted]
            if marked:
                return marked
        return [DEFAULT_CONVERTED_STATUS]

    def _convert(self, lead: Record, request: Conversion, cause: Cause) -> bool:
        self.runtime.validation_rules_on = self._requires_validation()
        try:
            account = request.account or self._insert(
                "Account", self._values(lead, "Account", ACCOUNT_FIELDS), request, cause
            )
            if request.account is not None:
                self._fill_blanks(account, lead, cause)
            contact = self._insert(
                "Contact",
                {
                    **self._values(lead, "Contact", CONTACT_FIELDS),
                    "AccountId": account.id,
                },
                request,
                cause,
            )
            opportunity = None
            if request.opportunity and self._creates_opportunity():
                opportunity = self._insert(
                    "Opportunity",
                    self._opportunity_values(lead, account),
                    request,
                    cause,
                )
            self.runtime.save(
                lead,
                "Lead",
                {
                    "IsConverted": True,
                    "Status": self.status(request),
                    "ConvertedDate": self.sim.now.date(),
                    "ConvertedAccountId": account.id,
                    "ConvertedContactId": contact.id,
                    "ConvertedOpportunityId": opportunity.id if opportunity else None,
                },
                cause,
            )
        finally:
            self.runtime.validation_rules_on = True
        return True

    def _insert(
        self,
        object_name: str,
        fields: dict[str, object],
        request: Conversion,
        cause: Cause,
    ) -> Record:
        alias = f"{request.alias}-{object_name.lower()}" if request.alias else None
        return self.runtime.save(None, object_name, fields, cause, alias)

    def _values(
        self, lead: Record, target: str, standard: Mapping[str, str]
    ) -> dict[str, object]:
        values = {
            to: lead.fields[source]
            for source, to in standard.items()
            if lead.fields.get(source) not in (None, "")
        }
        values.update(self._custom(lead, target))
        return values

    def _custom(self, lead: Record, target: str) -> dict[str, object]:
        """Custom lead fields mapped in LeadConvertSettings ("Map Lead Fields")."""
        settings = self.sim.model.lead_convert
        if settings is None:
            return {}
        return {
            to: lead.fields[source]
            for source, to in settings.mappings.get(target, ())
            if lead.fields.get(source) not in (None, "")
        }

    def _opportunity_values(self, lead: Record, account: Record) -> dict[str, object]:
        values = self._values(lead, "Opportunity", OPPORTUNITY_FIELDS)
        company = lead.fields.get("Company") or account.fields.get("Name") or ""
        values.setdefault("Name", f"{company}-")
        values.setdefault("StageName", self._first_stage())
        values.setdefault("CloseDate", quarter_end(self.sim.now.date()))
        values["AccountId"] = account.id
        return values

    def _first_stage(self) -> str:
        picklist = self.sim.model.picklists.get(("Opportunity", "StageName"))
        if picklist is not None and picklist.values:
            return picklist.default or picklist.values[0]
        return "Prospecting"

    def _fill_blanks(self, account: Record, lead: Record, cause: Cause) -> None:
        """An existing account keeps its values; only blank fields are filled."""
        values = self._values(lead, "Account", ACCOUNT_FIELDS)
        blanks = {
            name: value
            for name, value in values.items()
            if account.fields.get(name) in (None, "")
        }
        if blanks:
            self.runtime.save(account, account.object, blanks, cause)

    def _creates_opportunity(self) -> bool:
        settings = self.sim.model.lead_convert
        return settings is None or settings.creates_opportunity

    def _requires_validation(self) -> bool:
        config = self.sim.model.lead_config
        return config is not None and config.requires_validation


def quarter_end(day: date) -> date:
    """The last day of the calendar quarter: a new opportunity's close date
    defaults to the end of the current fiscal quarter, and revsim models a
    fiscal year that starts in January."""
    last_month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
