"""Lead conversion settings: the custom field mapping and whether rules run.

Two Settings files of an SFDX tree say how a lead converts:

- ``settings/LeadConvert.settings-meta.xml`` (LeadConvertSettings): each
  ``objectMapping`` maps custom Lead fields (``inputField``) to fields of
  Account, Contact or Opportunity (``outputField``);
  ``opportunityCreationOptions`` NotVisible means no opportunity is created.
  https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconvertsettings.htm
- ``settings/LeadConfig.settings-meta.xml`` (LeadConfigSettings):
  ``shouldLeadConvertRequireValidation`` runs custom validation rules on the
  records a conversion saves; ``doesSelectNoOpportunityOnConvertLead``
  leaves the opportunity out by default.
  https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_leadconfigsettings.htm
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from simulator.salesforce.metadata import (
    children,
    fail,
    flag,
    read_metadata,
    required_text,
    text,
)

SETTINGS_SUFFIXES: Final = (".settings-meta.xml", ".settings")
TARGETS: Final = ("Account", "Contact", "Opportunity")
_ROOTS: Final = ("LeadConvertSettings", "LeadConfigSettings")


@dataclass(frozen=True, slots=True)
class LeadConvertSettings:
    """Custom field mappings (target object → [(lead field, target field)])."""

    file: str
    mappings: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    creates_opportunity: bool = True


@dataclass(frozen=True, slots=True)
class LeadConfigSettings:
    file: str
    requires_validation: bool = False
    no_opportunity_by_default: bool = False


def load_settings(path: Path) -> LeadConvertSettings | LeadConfigSettings | None:
    """The lead conversion settings of a ``*.settings`` file; None for others."""
    if _root_tag(path) not in _ROOTS:
        return None  # every Settings type shares the suffix; two are read
    root = read_metadata(path, _ROOTS)
    if root.tag == "LeadConvertSettings":
        return _convert_settings(path, root)
    if root.tag == "LeadConfigSettings":
        place = "LeadConfigSettings"
        return LeadConfigSettings(
            file=str(path),
            requires_validation=flag(
                root, "shouldLeadConvertRequireValidation", file=path, place=place
            ),
            no_opportunity_by_default=flag(
                root, "doesSelectNoOpportunityOnConvertLead", file=path, place=place
            ),
        )
    return None


def _root_tag(path: Path) -> str | None:
    """The root element's name without its namespace; None if unreadable
    (read_metadata then reports why)."""
    try:
        for _, element in DET.iterparse(str(path), events=("start",)):
            return str(element.tag).rpartition("}")[2]
    except (ET.ParseError, DefusedXmlException, OSError):
        return "LeadConvertSettings"  # let read_metadata say what is wrong
    return None


def _convert_settings(path: Path, root: ET.Element) -> LeadConvertSettings:
    mappings: dict[str, tuple[tuple[str, str], ...]] = {}
    for number, mapping in enumerate(children(root, "objectMapping"), start=1):
        place = f"objectMapping[{number}]"
        target = required_text(mapping, "outputObject", file=path, place=place)
        if target not in TARGETS:
            raise fail(
                f"outputObject {target!r} is not a conversion target",
                file=path,
                element=mapping.find("outputObject"),
                place=f"{place}/outputObject",
                expected="Account, Contact or Opportunity",
            )
        pairs = tuple(
            (
                required_text(item, "inputField", file=path, place=place),
                required_text(item, "outputField", file=path, place=place),
            )
            for item in children(mapping, "mappingFields")
        )
        mappings[target] = mappings.get(target, ()) + pairs
    options = text(root, "opportunityCreationOptions") or "VisibleOptional"
    return LeadConvertSettings(
        file=str(path),
        mappings=mappings,
        creates_opportunity=options != "NotVisible",
    )
