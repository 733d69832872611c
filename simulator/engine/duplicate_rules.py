"""Salesforce duplicate rules, as they answer the connector's writes.

A duplicate rule with ``actionOnInsert`` (or ``actionOnUpdate``) Block refuses
a save whose values match an existing record under the rule's matching rule;
the API returns DUPLICATES_DETECTED and HubSpot shows a "Salesforce duplicate
rule" sync error (knowledge.hubspot.com/salesforce/
resolve-salesforce-integration-sync-errors). revsim applies the rules to the
connector's writes only; a matching method other than Exact compares the
values without case and spacing (Phone: digits only) instead of fuzzily.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from simulator.engine.records import Record, RecordStore
from simulator.model import AutomationModel
from simulator.salesforce.duplicate_rules import (
    DuplicateRule,
    DuplicateRuleMatch,
    MatchingItem,
    MatchingRule,
)
from simulator.salesforce.logic import evaluate_logic


def blocking_rule(
    model: AutomationModel,
    records: RecordStore,
    object_name: str,
    values: Mapping[str, object],
    saved: Record | None,
) -> str | None:
    """The sync error a duplicate rule gives this write, or None."""
    for rule in model.duplicate_rules:
        if not rule.active or rule.object != object_name:
            continue
        blocks = rule.block_insert if saved is None else rule.block_update
        if blocks and _duplicate(model, records, rule, values, saved):
            alert = f": {rule.alert}" if rule.alert else ""
            return f"duplicate rule {rule.label}{alert}"
    return None


def _duplicate(
    model: AutomationModel,
    records: RecordStore,
    rule: DuplicateRule,
    values: Mapping[str, object],
    saved: Record | None,
) -> bool:
    for match in rule.matches:
        matching = _matching_rule(model, match)
        if matching is None or not matching.active:
            continue
        mapped = _as_target(match, values)
        for candidate in records.of("salesforce", match.target):
            if saved is not None and candidate.key == saved.key:
                continue
            if _matches(matching, mapped, candidate.fields):
                return True
    return False


def _matching_rule(
    model: AutomationModel, match: DuplicateRuleMatch
) -> MatchingRule | None:
    for rule in model.matching_rules:
        if rule.object == match.target and rule.name == match.matching_rule:
            return rule
    return None


def _as_target(
    match: DuplicateRuleMatch, values: Mapping[str, object]
) -> dict[str, object]:
    """The saved values under the searched object's field names."""
    if not match.fields:
        return dict(values)
    return {target: values.get(source) for source, target in match.fields}


def _matches(
    rule: MatchingRule, values: Mapping[str, object], other: Mapping[str, object]
) -> bool:
    results = [
        _item(item, values.get(item.field), other.get(item.field))
        for item in rule.items
    ]
    if not results:
        return False
    return evaluate_logic(rule.boolean_filter or "and", results)


def _item(item: MatchingItem, value: object, other: object) -> bool:
    if value in (None, "") or other in (None, ""):
        both = value in (None, "") and other in (None, "")
        return both and item.match_blanks
    return _normal(item.method, value) == _normal(item.method, other)


def _normal(method: str, value: object) -> str:
    text = " ".join(str(value).split()).lower()
    if method == "Phone":
        return re.sub(r"\D", "", text)
    return text
