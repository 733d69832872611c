"""Validation rules from ``objects/<Object>/validationRules/`` in an SFDX tree."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from simulator.errors import DefinitionError
from simulator.salesforce.metadata import (
    file_stem,
    flag,
    read_metadata,
    required_text,
    text,
)
from simulator.salesforce.model import ValidationRule

VALIDATION_RULE_SUFFIX: Final = ".validationRule-meta.xml"


def load_validation_rule(path: Path) -> ValidationRule:
    """Import one rule; its object is the folder above ``validationRules``."""
    root = read_metadata(path, "ValidationRule")
    name = text(root, "fullName") or file_stem(path, VALIDATION_RULE_SUFFIX)
    place = f"ValidationRule[name={name}]"
    return ValidationRule(
        object=object_from_path(path, "validationRules"),
        name=name,
        file=str(path),
        active=flag(root, "active", file=path, place=place),
        formula=required_text(root, "errorConditionFormula", file=path, place=place),
        message=text(root, "errorMessage") or "",
        display_field=text(root, "errorDisplayField"),
    )


def object_from_path(path: Path, folder: str) -> str:
    """``Lead`` in ``objects/Lead/<folder>/<file>``, as sfdx lays a source tree out."""
    parent = path.parent
    if parent.name != folder or not parent.parent.name:
        raise DefinitionError(
            f"cannot tell the object: the file is not in a {folder}/ folder",
            file=path,
            expected=f"objects/<Object>/{folder}/{path.name}",
            fix="keep the sfdx source layout, which names the object by its folder",
        )
    return parent.parent.name
