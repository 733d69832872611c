"""YAML with the line of every node, so errors can point at what the user wrote."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypeGuard

import yaml
from pydantic import BaseModel, ValidationError

from simulator.errors import RevsimError

PathKey = tuple[str | int, ...]


class LineIndex:
    """The 1-based line of each node, by its path of keys and list indexes.

    Paths are as pydantic reports them in an error's ``loc``:
    ``("mappings", 1, "rule")``. ``line`` falls back to the nearest parent.
    """

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
    """Parse ``path`` into plain data and the LineIndex of its nodes.

    A syntax error, or a key written twice in one mapping (YAML would keep
    the last silently), becomes ``error`` with the file and line. With pydantic:

        data, index = load_yaml(path, ScenarioError)
        try:
            scenario = ScenarioModel.model_validate(data)
        except ValidationError as exc:
            raise validation_error(exc, index, path, ScenarioError, ScenarioModel)
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the file: {exc}", file=path) from None
    return parse_yaml(text, path, error)


def parse_yaml(
    text: str, path: Path | str, error: type[RevsimError] = RevsimError
) -> tuple[object, LineIndex]:
    """Parse YAML text once into data and the line index of its nodes."""
    try:
        loader = yaml.SafeLoader(text)  # refuses control characters already
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=path) from None
    try:
        return _load(loader, path, error)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise error(
            f"not valid YAML: {exc.problem}",
            file=path,
            line=mark.line + 1 if mark else None,
            expected="YAML: keys and values, two-space indentation, quoted strings "
            "where a value holds ': ' or starts with a special character",
            fix="look at that line and the one before it: an unclosed bracket or "
            "quote, or a line indented differently from its siblings",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=path) from None
    finally:
        loader.dispose()


def _load(
    loader: yaml.SafeLoader, path: Path | str, error: type[RevsimError]
) -> tuple[object, LineIndex]:
    node = loader.get_single_node()
    lines: dict[PathKey, int] = {}
    if node is None:
        return None, LineIndex(lines)
    data = loader.construct_document(node)
    _Indexer(loader, path, error, lines).index(node, ())
    return data, LineIndex(lines)


class _Indexer:
    """Walks the node tree, keying each node by the path its data has."""

    def __init__(
        self,
        loader: yaml.SafeLoader,
        path: Path | str,
        error: type[RevsimError],
        lines: dict[PathKey, int],
    ) -> None:
        self.loader, self.path, self.error, self.lines = loader, path, error, lines

    def index(self, node: yaml.Node, path: PathKey) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                self.index(item, (*path, position))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> None:
        seen: set[object] = set()
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *anchor` entries come from elsewhere in the file
            value = self._value(key_node)
            key = value if _plain_key(value) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if (type(value), value) in seen:
                raise self.error(
                    f"the key {key!r} appears twice in one mapping",
                    file=self.path,
                    line=line,
                    fix="keep one of them: YAML would silently use the last",
                )
            seen.add((type(value), value))  # True and 1 are two keys
            self.lines[(*path, key, "<key>")] = line
            self.index(value_node, (*path, key))

    def _value(self, node: yaml.Node) -> object:
        """The key as the data holds it (``1:`` is the int 1), for pydantic's loc."""
        if isinstance(node, yaml.ScalarNode):
            value: object = self.loader.construct_object(node)
            return value
        return id(node)  # a collection as a key: never equal to another


def _plain_key(value: object) -> TypeGuard[str | int]:
    return isinstance(value, str | int) and not isinstance(value, bool)


def format_place(path: Sequence[str | int]) -> str:
    """``("mappings", 1, "rule")`` → ``mappings[1].rule``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def validation_error(
    exc: ValidationError,
    index: LineIndex,
    file: Path | str,
    error: type[RevsimError] = RevsimError,
    model: type[BaseModel] | None = None,
) -> RevsimError:
    """The first problem pydantic found, as ``error`` with its line and place.

    With ``model``, an unknown key lists the keys allowed where it stands.
    """
    # An unknown key is often a misspelt required one: report it first, with
    # its "did you mean", rather than the key that then seems missing.
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = tuple(part for part in first["loc"] if part != "[key]")
    if first["type"] == "extra_forbidden":
        return _unknown_key(loc, index, file, error, model)
    if first["type"] == "missing":
        parent = loc[:-1]
        return error(
            f"the key {loc[-1]!r} is missing",
            file=file,
            line=index.line(parent),
            place=format_place(parent) or None,
        )
    found = first.get("input")
    return error(
        f"{first['msg']}, found {found!r}",
        file=file,
        line=index.line(loc),
        place=format_place(loc) or None,
    )


def _unknown_key(
    loc: PathKey,
    index: LineIndex,
    file: Path | str,
    error: type[RevsimError],
    model: type[BaseModel] | None,
) -> RevsimError:
    allowed = allowed_keys(model, loc[:-1]) if model else []
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    return error(
        f"unknown key {loc[-1]!r}",
        file=file,
        line=index.key_line(loc),
        place=format_place(loc),
        expected="one of: " + ", ".join(allowed) if allowed else None,
        fix=f"did you mean {close[0]!r}?" if close else None,
    )


def allowed_keys(model: type[BaseModel] | None, path: Sequence[str | int]) -> list[str]:
    """The keys the pydantic model found at ``path`` accepts, by alias."""
    found = _model_at(model, path)
    if found is None:
        return []
    return [field.alias or name for name, field in found.model_fields.items()]


def _model_at(annotation: object, path: Sequence[str | int]) -> type[BaseModel] | None:
    current = annotation
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            if not isinstance(part, str) or part not in fields:
                return None
            current = fields[part].annotation
        else:
            current = _element(current)
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _element(annotation: object) -> object:
    """The type of one item of a list, or of one value of a mapping."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if not args:
        return None
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return args[-1]
    return args[0]


def _unwrap(annotation: object) -> object:
    """Strip Annotated and Optional; pick the model out of a union."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        members = [_unwrap(arg) for arg in typing.get_args(annotation)]
        models = [member for member in members if _is_model(member)]
        real = [member for member in members if member is not type(None)]
        return models[0] if models else (real[0] if len(real) == 1 else annotation)
    return annotation


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
