"""The type of each custom field, so literal values are read as that type."""

from __future__ import annotations

from pathlib import Path

from simulator.salesforce.metadata import file_stem, flag, read_metadata, text
from simulator.salesforce.picklist import FIELD_SUFFIX
from simulator.salesforce.validation_rule import object_from_path


def load_field_type(path: Path) -> tuple[str, str, str] | None:
    """(object, field, type) of a ``*.field-meta.xml``; None when it names no type."""
    root = read_metadata(path, "CustomField")
    field_type = text(root, "type")
    if not field_type:
        return None
    name = text(root, "fullName") or file_stem(path, FIELD_SUFFIX)
    return object_from_path(path, "fields"), name, field_type


def load_required(path: Path) -> tuple[str, str] | None:
    """(object, field) of a ``*.field-meta.xml`` marked ``<required>true``."""
    root = read_metadata(path, "CustomField")
    name = text(root, "fullName") or file_stem(path, FIELD_SUFFIX)
    if not flag(root, "required", file=path, place=f"CustomField[name={name}]"):
        return None
    return object_from_path(path, "fields"), name


def typed_literal(value: object, field_type: str | None) -> object:
    """A literal written as text in metadata, as the field's type holds it.

    Checkbox field updates are exported as ``1`` or ``0``; number fields as
    digits.
    """
    if not isinstance(value, str) or field_type is None:
        return value
    if field_type == "Checkbox":
        return value.strip().lower() in ("1", "true")
    if field_type in ("Number", "Currency", "Percent"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value
