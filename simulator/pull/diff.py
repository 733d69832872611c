"""What changed since the last pull: definitions by name, added, removed or changed."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from simulator.hubspot.portal import PIPELINES_FILE, PROPERTIES_FOLDER

Key = tuple[str, str]  # (kind, name): ("workflow", "Lead scoring to MQL")

# One file, one definition: the suffix says which kind.
_XML_KINDS = (
    (".flow-meta.xml", "flow"),
    (".validationRule-meta.xml", "validation rule"),
    (".field-meta.xml", "field"),
    (".standardValueSet-meta.xml", "standard value set"),
)
WORKFLOW_SUFFIX = ".workflow-meta.xml"
# The parts of a workflow file, each a definition of its own.
WORKFLOW_KINDS = {
    "rules": "workflow rule",
    "fieldUpdates": "field update",
    "alerts": "email alert",
    "tasks": "workflow task",
    "outboundMessages": "outbound message",
}


@dataclass(slots=True)
class Changes:
    """Definitions by (kind, name) that a pull added, removed or changed."""

    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    changed: list[Key] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(old: Mapping[Key, str], new: Mapping[Key, str]) -> Changes:
    """Added, removed and changed keys, each list sorted."""
    return Changes(
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        changed=sorted(key for key in old.keys() & new.keys() if old[key] != new[key]),
    )


def definitions(root: Path, paths: Iterable[Path]) -> dict[Key, str]:
    """Every definition in ``paths`` (files, and folders under ``root``), with a
    canonical text that differs only when the definition does."""
    files = sorted(
        found
        for path in paths
        for found in (path.rglob("*") if path.is_dir() else (path,))
    )
    found: dict[Key, str] = {}
    for path in files:
        if path.is_file():
            for key, content in _read(path, root):
                found[_unique(found, key)] = content
    return found


def _unique(found: Mapping[Key, str], key: Key) -> Key:
    """Two definitions of one name (two flows both called "Nurture") both count."""
    kind, name = key
    number = 2
    while key in found:
        key = (kind, f"{name} ({number})")
        number += 1
    return key


def _read(path: Path, root: Path) -> list[tuple[Key, str]]:
    """The definitions of one file; a file that does not parse counts as itself."""
    try:
        if path.suffix == ".json":
            return list(_json_definitions(path))
        if path.name.endswith(WORKFLOW_SUFFIX):
            return list(_workflow_definitions(path))
        return [_xml_definition(path, root)]
    except (
        ValueError,
        LookupError,
        TypeError,
        AttributeError,
        ET.ParseError,
        DefusedXmlException,
    ):
        return [_file(path, root)]


def _json_definitions(path: Path) -> Iterator[tuple[Key, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if path.parent.name == PROPERTIES_FOLDER:
        for item in data["results"]:
            yield ("property", f"{path.stem}.{item['name']}"), _canonical_json(item)
    elif path.name == PIPELINES_FILE:
        for item in data["results"]:
            yield ("pipeline", f"deals.{item['label']}"), _canonical_json(item)
    else:
        name = data.get("name") or data.get("id") or path.stem
        yield ("workflow", str(name)), _canonical_json(data)


def _workflow_definitions(path: Path) -> Iterator[tuple[Key, str]]:
    object_name = path.name.removesuffix(WORKFLOW_SUFFIX)
    for element in _root(path):
        kind = WORKFLOW_KINDS.get(_local(element.tag))
        name = _child_text(element, "fullName")
        if kind and name:
            yield (kind, f"{object_name}.{name}"), _canonical_xml(element)


def _xml_definition(path: Path, root: Path) -> tuple[Key, str]:
    for suffix, kind in _XML_KINDS:
        if path.name.endswith(suffix):
            name = path.name.removesuffix(suffix)
            if kind in ("validation rule", "field"):
                name = f"{path.parent.parent.name}.{name}"  # objects/<Object>/…
            return (kind, name), _canonical_xml(_root(path))
    return _file(path, root)


def _root(path: Path) -> ET.Element:
    root = DET.parse(str(path)).getroot()
    if root is None:
        raise ValueError(f"{path} holds no element")
    return root


def _file(path: Path, root: Path) -> tuple[Key, str]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ("file", path.relative_to(root).as_posix()), digest


def _canonical_json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _canonical_xml(element: ET.Element) -> str:
    # Indentation and attribute order are not part of a definition.
    return ET.canonicalize(ET.tostring(element, encoding="unicode"), strip_text=True)


def _child_text(element: ET.Element, tag: str) -> str | None:
    for child in element:
        if _local(child.tag) == tag:
            return (child.text or "").strip() or None
    return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
