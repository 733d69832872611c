"""The four sync rules of a property mapping, and how owners and stages match.

Each mapping has one rule (knowledge.hubspot.com/salesforce/
map-hubspot-properties-to-salesforce-fields):

- Prefer Salesforce unless blank: HubSpot writes only into a blank
  Salesforce field; Salesforce's value always overwrites HubSpot's, and
  clearing it in Salesforce clears it in HubSpot.
- Always use Salesforce: HubSpot never writes, even into a blank field;
  Salesforce overwrites HubSpot, clearing included.
- Two-way: the most recent value wins; clearing passes both ways.
- Don't sync: nothing passes, clearing neither.

A value that already matches the other side under the mapping's values is not
sent: that is also what keeps the connector from echoing its own writes.
"""

from __future__ import annotations

from datetime import datetime

from simulator.connector.model import FieldMapping, SyncRule
from simulator.engine.records import Record

TO_SALESFORCE = (SyncRule.TWO_WAY, SyncRule.PREFER_SALESFORCE_UNLESS_BLANK)


def blank(value: object) -> bool:
    return value in (None, "")


def sends_to_salesforce(mapping: FieldMapping) -> bool:
    return mapping.rule in TO_SALESFORCE


def sends_to_hubspot(mapping: FieldMapping) -> bool:
    return mapping.rule != SyncRule.DONT_SYNC


def salesforce_takes(mapping: FieldMapping, current: object, value: object) -> bool:
    """Does HubSpot's ``value`` overwrite Salesforce's ``current`` value?"""
    if _same(current, mapping.to_salesforce(value)) or mapping.corresponds(
        value, current
    ):
        return False
    if mapping.rule == SyncRule.TWO_WAY:
        return True
    if mapping.rule == SyncRule.PREFER_SALESFORCE_UNLESS_BLANK:
        return blank(current) and not blank(value)
    return False


def salesforce_wins(mapping: FieldMapping, current: object, value: object) -> bool:
    """Does Salesforce's ``current`` value overwrite a HubSpot change to ``value``?

    Under "Prefer Salesforce unless blank" and "Always use Salesforce", "if a
    value exists in Salesforce, this value will always overwrite the existing
    value in HubSpot": the HubSpot property changes back.
    """
    if mapping.rule not in (
        SyncRule.PREFER_SALESFORCE_UNLESS_BLANK,
        SyncRule.ALWAYS_USE_SALESFORCE,
    ):
        return False
    return not blank(current) and not mapping.corresponds(value, current)


def hubspot_takes(mapping: FieldMapping, current: object, value: object) -> bool:
    """Does a Salesforce value overwrite HubSpot's ``current`` value?"""
    if not sends_to_hubspot(mapping):
        return False
    return not (
        _same(mapping.to_salesforce(current), value)
        or mapping.corresponds(current, value)
    )


def salesforce_is_newer(mapping: FieldMapping, record: Record, twin: Record) -> bool:
    """Two-way: was Salesforce's field changed after HubSpot's property? Then a
    sync trigger that sends every field (a form submission, joining the
    inclusion list, a retry) must not send HubSpot's older value."""
    if mapping.rule != SyncRule.TWO_WAY:
        return False
    return changed_at(twin, mapping.salesforce) > changed_at(record, mapping.hubspot)


def changed_at(record: Record, name: str) -> datetime:
    """When the field last took a value (its record's creation if never)."""
    history = record.history.get(name)
    return history[-1][0] if history else record.created_at


def first_values(mapping: FieldMapping, value: object) -> bool:
    """Does a new Salesforce record take HubSpot's value of this mapping?"""
    return sends_to_salesforce(mapping) and not blank(value)


def _same(first: object, second: object) -> bool:
    if blank(first) and blank(second):
        return True
    return first == second
