"""Metadata API XML as revsim reads it: defused parsing, line marks, child values."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from simulator.errors import DefinitionError

# Kept as an attribute in a namespace no metadata file uses, so it cannot collide.
LINE = "{urn:revsim}line"

# A packaging token: sfdx replaces it with the namespace prefix, or with nothing
# in an unmanaged deploy. Names are compared without it.
NAMESPACE_TOKEN = "%%%NAMESPACE%%%"

TRUE_WORDS = {"true": True, "false": False}


class _LineMarkingBuilder(ET.TreeBuilder):
    """Builds the tree like ElementTree, minus namespaces, plus each start line."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: object | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag.rpartition("}")[2], attrs)
        line = getattr(self.expat, "CurrentLineNumber", None)
        if line is not None:
            element.set(LINE, str(line))
        return element


def read_metadata(path: Path, root: str | tuple[str, ...]) -> ET.Element:
    """Parse ``path`` and check that its root element is one of ``root``."""
    builder = _LineMarkingBuilder()
    parser = DET.DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        document = DET.parse(str(path), parser=parser).getroot()
    except ET.ParseError as error:
        raise _parse_error(path, error) from None
    except DefusedXmlException as error:
        raise DefinitionError(
            f"refused to parse: {error}",
            file=path,
            expected="a Metadata API file without DTDs or entity declarations",
            fix="retrieve the file again with sf project retrieve",
        ) from None
    except OSError as error:
        raise DefinitionError(
            f"cannot read the file: {error.strerror}", file=path
        ) from None

    if document is None:
        raise DefinitionError("the file holds no XML element", file=path)
    _check_root(path, document, (root,) if isinstance(root, str) else root)
    _drop_namespace_token(document)
    return document


def _parse_error(path: Path, error: ET.ParseError) -> DefinitionError:
    line, column = error.position
    reason = str(error).split(":", 1)[0]
    return DefinitionError(
        f"malformed XML: {reason} at column {column + 1}",
        file=path,
        line=line,
        expected="well-formed XML as the Metadata API writes it",
        fix="retrieve the file again, or fix the XML at that line",
    )


def _check_root(path: Path, document: ET.Element, allowed: tuple[str, ...]) -> None:
    if document.tag in allowed:
        return
    raise DefinitionError(
        f"the root element is <{document.tag}>",
        file=path,
        line=line_of(document),
        expected=" or ".join(f"<{tag}>" for tag in allowed),
        fix="check that the file suffix matches its metadata type",
    )


def _drop_namespace_token(document: ET.Element) -> None:
    for element in document.iter():
        if element.text and NAMESPACE_TOKEN in element.text:
            element.text = element.text.replace(NAMESPACE_TOKEN, "")


def line_of(element: ET.Element | None) -> int | None:
    """The line where ``element`` starts, when the parser recorded it."""
    if element is None:
        return None
    mark = element.get(LINE)
    return int(mark) if mark is not None else None


def fail(
    message: str,
    *,
    file: Path | str,
    element: ET.Element | None,
    place: str,
    expected: str | None = None,
    fix: str | None = None,
) -> DefinitionError:
    """A DefinitionError pointing at ``element``: its line and its path."""
    return DefinitionError(
        message,
        file=file,
        line=line_of(element),
        place=place,
        expected=expected,
        fix=fix,
    )


def children(element: ET.Element, tag: str) -> list[ET.Element]:
    """The direct children named ``tag``, in document order."""
    return element.findall(tag)


def text(element: ET.Element, tag: str) -> str | None:
    """The stripped text of the child ``tag``; None when it is absent or empty."""
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def required_text(
    element: ET.Element, tag: str, *, file: Path | str, place: str
) -> str:
    """The text of the child ``tag``, which the metadata type requires."""
    value = text(element, tag)
    if value is None:
        raise fail(
            f"<{tag}> is missing or empty",
            file=file,
            element=element,
            place=place,
            expected=f"a <{tag}> element with a value",
        )
    return value


def flag(
    element: ET.Element,
    tag: str,
    *,
    file: Path | str,
    place: str,
    default: bool = False,
) -> bool:
    """The child ``tag`` read as ``true`` / ``false`` (any case)."""
    value = text(element, tag)
    if value is None:
        return default
    return as_bool(value, file=file, element=element.find(tag), place=f"{place}/{tag}")


def as_bool(
    value: str, *, file: Path | str, element: ET.Element | None, place: str
) -> bool:
    """``true`` / ``false`` as the Metadata API writes them."""
    try:
        return TRUE_WORDS[value.strip().lower()]
    except KeyError:
        raise fail(
            f"{value!r} is not a boolean",
            file=file,
            element=element,
            place=place,
            expected="true or false",
        ) from None


def integer(
    element: ET.Element, tag: str, *, file: Path | str, place: str
) -> int | None:
    """The child ``tag`` read as a whole number; None when absent."""
    value = text(element, tag)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise fail(
            f"<{tag}> is {value!r}, not a whole number",
            file=file,
            element=element.find(tag),
            place=f"{place}/{tag}",
            expected="an integer such as 5 or -2",
        ) from None


def named(kind: str, element: ET.Element) -> str:
    """``kind[name=X]``: how an error names one element of a list."""
    name = text(element, "name") or text(element, "fullName")
    return f"{kind}[name={name}]" if name else kind


def file_stem(path: Path, suffix: str) -> str:
    """The API name a source file carries in its name: ``Lead`` in ``Lead.workflow``."""
    name = path.name
    return name[: -len(suffix)] if name.endswith(suffix) else path.stem
