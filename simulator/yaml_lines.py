"""YAML with the line of every node, so errors can point at what the user wrote.

``load_yaml`` returns plain Python data and a ``LineIndex`` that maps a path of
keys and list indexes, as pydantic reports it in an error's ``loc``, to the
1-based line where that node starts in the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from simulator.errors import RevsimError

PathKey = tuple[str | int, ...]


class LineIndex:
    """The line of each node, looked up by its path; falls back to the nearest parent."""

    def __init__(self, lines: dict[PathKey, int]) -> None:
        self._lines = lines

    def line(self, path: Sequence[str | int]) -> int | None:
        key = tuple(path)
        while True:
            if key in self._lines:
                return self._lines[key]
            if not key:
                return None
            key = key[:-1]

    def key_line(self, path: Sequence[str | int]) -> int | None:
        """The line of the key itself for mapping entries (same as line otherwise)."""
        return self._lines.get((*tuple(path), "<key>"), self.line(path))


def load_yaml(
    path: Path, error: type[RevsimError] = RevsimError
) -> tuple[object, LineIndex]:
    """Parse ``path``; a syntax error becomes ``error`` with the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the file: {exc}", file=path) from None
    return parse_yaml(text, path, error)


def parse_yaml(
    text: str, path: Path | str, error: type[RevsimError] = RevsimError
) -> tuple[object, LineIndex]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise error(
            f"not valid YAML: {exc.problem}",
            file=path,
            line=mark.line + 1 if mark else None,
            expected="YAML: keys and values, two-space indentation, quoted strings "
            "where a value holds ': ' or starts with a special character",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=path) from None
    lines: dict[PathKey, int] = {}
    if node is not None:
        _index(node, (), lines)
    return data, LineIndex(lines)


def _index(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key, "<key>")] = key_node.start_mark.line + 1
            _index(value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*path, position), lines)
