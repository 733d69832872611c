"""Duplicate rules and matching rules from an SFDX tree.

``duplicateRules/<Object>.<Rule>.duplicateRule-meta.xml`` holds one
DuplicateRule; ``matchingRules/<Object>.matchingRule-meta.xml`` holds every
MatchingRule of one object. A duplicate rule names a matching rule (its
``developerName``) on the object it searches (``matchRuleSObjectType``), with
an ``objectMapping`` when the saved object differs. Metadata API Developer
Guide, "DuplicateRule" and "MatchingRule".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from simulator.salesforce.metadata import (
    children,
    flag,
    read_metadata,
    text,
)

DUPLICATE_RULE_SUFFIX: Final = ".duplicateRule-meta.xml"
MATCHING_RULE_SUFFIX: Final = ".matchingRule-meta.xml"


@dataclass(frozen=True, slots=True)
class MatchingItem:
    field: str
    method: str  # Exact, FirstName, LastName, CompanyName, Phone, City, …
    match_blanks: bool = False  # blankValueBehavior MatchBlanks


@dataclass(frozen=True, slots=True)
class MatchingRule:
    object: str
    name: str
    items: tuple[MatchingItem, ...]
    boolean_filter: str | None
    active: bool
    file: str


@dataclass(frozen=True, slots=True)
class DuplicateRuleMatch:
    """One matching rule a duplicate rule applies, with its field mapping."""

    target: str  # the object searched
    matching_rule: str
    fields: tuple[tuple[str, str], ...]  # saved object's field → target's field


@dataclass(frozen=True, slots=True)
class DuplicateRule:
    object: str
    name: str
    label: str
    active: bool
    block_insert: bool
    block_update: bool
    alert: str
    matches: tuple[DuplicateRuleMatch, ...]
    file: str


def load_duplicate_rule(path: Path) -> DuplicateRule:
    """One duplicate rule; its object is the first part of the file name."""
    root = read_metadata(path, "DuplicateRule")
    stem = path.name.removesuffix(DUPLICATE_RULE_SUFFIX)
    object_name, _, name = stem.partition(".")
    place = f"DuplicateRule[name={name or stem}]"
    matches = []
    for match in children(root, "duplicateRuleMatchRules"):
        target = text(match, "matchRuleSObjectType") or object_name
        mapping = [
            (text(pair, "inputField") or "", text(pair, "outputField") or "")
            for pair in _mapping_fields(match)
        ]
        matches.append(
            DuplicateRuleMatch(
                target, text(match, "matchingRule") or "", tuple(mapping)
            )
        )
    return DuplicateRule(
        object=object_name,
        name=name or stem,
        label=text(root, "masterLabel") or name or stem,
        active=flag(root, "isActive", file=path, place=place),
        block_insert=(text(root, "actionOnInsert") or "Allow") == "Block",
        block_update=(text(root, "actionOnUpdate") or "Allow") == "Block",
        alert=text(root, "alertText") or "",
        matches=tuple(matches),
        file=str(path),
    )


def _mapping_fields(match: ET.Element) -> list[ET.Element]:
    mapping = match.find("objectMapping")
    return children(mapping, "mappingFields") if mapping is not None else []


def load_matching_rules(path: Path) -> list[MatchingRule]:
    """Every matching rule of one object's file."""
    root = read_metadata(path, "MatchingRules")
    object_name = path.name.removesuffix(MATCHING_RULE_SUFFIX)
    rules = []
    for rule in children(root, "matchingRules"):
        items = tuple(
            MatchingItem(
                text(item, "fieldName") or "",
                text(item, "matchingMethod") or "Exact",
                text(item, "blankValueBehavior") == "MatchBlanks",
            )
            for item in children(rule, "matchingRuleItems")
        )
        rules.append(
            MatchingRule(
                object=object_name,
                name=text(rule, "fullName") or "",
                items=items,
                boolean_filter=text(rule, "booleanFilter"),
                active=(text(rule, "ruleStatus") or "Active") == "Active",
                file=str(path),
            )
        )
    return rules
