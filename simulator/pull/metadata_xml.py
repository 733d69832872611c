"""Metadata API XML from the JSON the Tooling API gives for a Metadata field."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

NAMESPACE = "http://soap.sforce.com/2006/04/metadata"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_TAG = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


def metadata_xml(root: str, content: Mapping[str, object]) -> str:
    """``{"label": "X", "assignments": [{…}, {…}]}`` as ``<root>`` with one child
    per key and one element per list item, as the Metadata API writes a file."""
    element = ET.Element(root, {"xmlns": NAMESPACE})
    _fill(element, content)
    ET.indent(element, space="    ")
    return DECLARATION + ET.tostring(element, encoding="unicode") + "\n"


def _fill(parent: ET.Element, content: Mapping[str, object]) -> None:
    for key, value in content.items():
        if not _TAG.match(key):
            continue  # a key that is no XML name is no metadata field
        for item in value if isinstance(value, list) else [value]:
            _append(parent, key, item)


def _append(parent: ET.Element, tag: str, value: object) -> None:
    # The Tooling API lists every field of a type, unset ones as null; the
    # Metadata API leaves them out.
    if value is None:
        return
    if isinstance(value, Mapping):
        child = ET.Element(tag)
        _fill(child, value)
        if len(child):
            parent.append(child)
        return
    ET.SubElement(parent, tag).text = _text(value)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
