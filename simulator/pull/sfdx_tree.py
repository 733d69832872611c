"""A pulled org written as an SFDX source tree, in the XML the Metadata API writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.pull.errors import PullError
from simulator.pull.metadata_xml import metadata_xml
from simulator.salesforce.picklist import STANDARD_FIELDS

SOURCE = "salesforce/force-app/main/default"
# describe's field types, as a CustomField's <type> names them.
FIELD_TYPES = {
    "boolean": "Checkbox",
    "currency": "Currency",
    "date": "Date",
    "datetime": "DateTime",
    "double": "Number",
    "email": "Email",
    "int": "Number",
    "multipicklist": "MultiselectPicklist",
    "percent": "Percent",
    "phone": "Phone",
    "picklist": "Picklist",
    "string": "Text",
    "textarea": "TextArea",
    "url": "Url",
}
_NUMBERS = frozenset({"Number", "Currency", "Percent"})
_VALUE_SETS = {shown_in: name for name, shown_in in STANDARD_FIELDS.items()}
# The order in which the Metadata API writes the parts of a workflow file.
_WORKFLOW_ORDER = ("alerts", "fieldUpdates", "rules", "tasks")

JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Component:
    """One validation rule or workflow part: its object, name and metadata."""

    object: str
    name: str
    metadata: JsonObject


@dataclass(slots=True)
class Org:
    """What a pull fetched from an org, in the Tooling and REST APIs' shapes."""

    flows: dict[str, JsonObject] = field(default_factory=dict)
    validation_rules: list[Component] = field(default_factory=list)
    workflow: dict[str, list[Component]] = field(default_factory=dict)
    describes: dict[str, JsonObject] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def objects(self) -> set[str]:
        """Every object a pulled flow, rule or workflow action belongs to."""
        named = {flow.get("start", {}).get("object") for flow in self.flows.values()}
        named |= {rule.object for rule in self.validation_rules}
        named |= {part.object for parts in self.workflow.values() for part in parts}
        return {str(name) for name in named if name}

    def counts(self) -> dict[str, int]:
        return {
            "record-triggered flow": len(self.flows),
            "workflow rule": len(self.workflow.get("rules", [])),
            "validation rule": len(self.validation_rules),
            "described object": len(self.describes),
        }


def write_tree(org: Org, source: Path) -> list[str]:
    """Write every definition under ``source``; returns what was left out, and why."""
    for name, flow in sorted(org.flows.items()):
        content = {key: value for key, value in flow.items() if key != "fullName"}
        _write(source / "flows" / _file(name, ".flow-meta.xml"), "Flow", content)
    for rule in org.validation_rules:
        folder = source / "objects" / _file(rule.object) / "validationRules"
        path = folder / _file(rule.name, ".validationRule-meta.xml")
        _write(path, "ValidationRule", _named(rule))
    for object_name, parts in _workflows(org).items():
        path = source / "workflows" / _file(object_name, ".workflow-meta.xml")
        _write(path, "Workflow", parts)
    skipped = []
    for object_name, describe in sorted(org.describes.items()):
        skipped += _write_fields(object_name, describe, source)
    return skipped


def _workflows(org: Org) -> dict[str, dict[str, list[JsonObject]]]:
    """Workflow parts by object, then by part, as one Workflow file holds them."""
    files: dict[str, dict[str, list[JsonObject]]] = defaultdict(dict)
    for part in _WORKFLOW_ORDER:
        for component in sorted(org.workflow.get(part, []), key=lambda c: c.name):
            files[component.object].setdefault(part, []).append(_named(component))
    return dict(sorted(files.items()))


def _named(component: Component) -> JsonObject:
    """The metadata with its fullName first, as the Metadata API writes it."""
    rest = {k: v for k, v in component.metadata.items() if k != "fullName"}
    return {"fullName": component.name, **rest}


def _write_fields(object_name: str, describe: JsonObject, source: Path) -> list[str]:
    """Custom fields of the types revsim reads, and standard picklists' value sets."""
    unread: list[str] = []
    for item in describe.get("fields", []):
        name = str(item["name"])
        if item.get("custom"):
            content = custom_field(item)
            if content is None:
                unread.append(f"{name} ({item.get('type')})")
                continue
            folder = source / "objects" / _file(object_name) / "fields"
            _write(folder / _file(name, ".field-meta.xml"), "CustomField", content)
        elif item.get("type") in ("picklist", "multipicklist"):
            value_set = _VALUE_SETS.get((object_name, name))
            if value_set is None:
                unread.append(f"{name} (standard picklist)")
                continue
            path = (
                source
                / "standardValueSets"
                / _file(value_set, ".standardValueSet-meta.xml")
            )
            _write(path, "StandardValueSet", _standard_value_set(item))
    if not unread:
        return []
    return [f"{object_name} fields revsim does not read: " + ", ".join(unread)]


def custom_field(item: JsonObject) -> JsonObject | None:
    """A describe field as CustomField metadata; None for a type revsim reads no
    value of (lookups, formulas' own types, addresses…)."""
    field_type = FIELD_TYPES.get(str(item.get("type")))
    if field_type is None:
        return None
    content: JsonObject = {"fullName": item["name"], "label": item.get("label")}
    if field_type == "Text":
        content["length"] = item.get("length")
    if field_type in _NUMBERS:
        # describe gives an int field's size as digits, a double's as precision.
        content["precision"] = item.get("precision") or item.get("digits")
    if field_type != "Checkbox":  # a checkbox is never blank, so never required
        content["required"] = item.get("nillable") is False
    if field_type in _NUMBERS:
        content["scale"] = item.get("scale")
    content["type"] = field_type
    if field_type.endswith("Picklist"):
        content["valueSet"] = _value_set(item)
    return content


def _value_set(item: JsonObject) -> JsonObject:
    values = [
        {
            "fullName": value["value"],
            "default": bool(value.get("defaultValue")),
            "label": value.get("label"),
        }
        for value in item.get("picklistValues", [])
        if value.get("active", True)
    ]
    return {
        "controllingField": item.get("controllerName"),
        "restricted": bool(item.get("restrictedPicklist")),
        "valueSetDefinition": {"sorted": False, "value": values},
    }


def _standard_value_set(item: JsonObject) -> JsonObject:
    definition = _value_set(item)["valueSetDefinition"]
    return {"sorted": False, "standardValue": definition["value"]}


def _write(path: Path, root: str, content: JsonObject) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(metadata_xml(root, content), encoding="utf-8")


def _file(name: str, suffix: str = "") -> str:
    """A file or folder name from a name the org gave, refused if it could leave
    the folder it is written in."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise PullError(
            f"the org gave a name that is not safe as a file name: {name!r}",
            expected="an API name of letters, digits and underscores",
        )
    return name + suffix
