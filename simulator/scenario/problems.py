"""Pydantic's validation errors retold for the person who wrote the scenario file."""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.errors import ScenarioError
from simulator.scenario.document import ScenarioDocument
from simulator.scenario.model import show
from simulator.yaml_lines import LineIndex, PathKey, format_place

MAX_SHOWN = 10

Told = tuple[str, str | None, str | None]  # what happened, expected, how to fix

DATETIME_HELP = "a date and time with a time zone, such as 2026-01-05T09:00:00Z"
NUMBER = ("a whole number", "a whole number, such as 2", "write digits, no quotes")
MAPPING = ("a mapping", "a mapping of keys to values", "write key: value pairs")
DATETIME = ("a date and time", DATETIME_HELP, "add the time and Z for UTC")

# Error type → (what the value should be, expected, how to fix it).
WRONG_TYPE: dict[str, tuple[str, str, str]] = {
    "int_type": NUMBER,
    "int_parsing": NUMBER,
    "int_from_float": NUMBER,
    "string_type": (
        "text",
        "text",
        "put it in quotes, as YAML reads bare numbers, dates and yes/no otherwise",
    ),
    "bool_type": ("true or false", "true or false", "write true or false"),
    "list_type": (
        "a list",
        "a list: one item per line, each starting with '- '",
        "write the items as a list",
    ),
    "dict_type": MAPPING,
    "model_type": MAPPING,
    "model_attributes_type": MAPPING,
    "datetime_type": DATETIME,
    "datetime_parsing": DATETIME,
    "datetime_from_date_parsing": DATETIME,
    "timezone_aware": DATETIME,
}


def validation_problems(
    error: ValidationError, data: object, lines: LineIndex, file: str
) -> list[ScenarioError]:
    """One ScenarioError per pydantic error, in file order, without repeats."""
    details = error.errors()
    # A misspelt key is also a missing one; its "did you mean" says all there is.
    meant = {_meant(detail, data) for detail in details} - {None}
    found = [
        _problem(detail, data, lines, file)
        for detail in details
        if detail["type"] != "missing" or _missing(detail, data) not in meant
    ]
    unique = {problem.render(): problem for problem in found}
    return sorted(unique.values(), key=lambda problem: problem.line or 0)


def combine(problems: Sequence[ScenarioError], file: str) -> ScenarioError:
    """A single error for one file: the problem itself, or a list of them."""
    if len(problems) == 1:
        return problems[0]
    shown = [_indent(problem.render()) for problem in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        shown.append(f"  … and {len(problems) - MAX_SHOWN} more")
    head = f"{len(problems)} problems in this scenario:"
    return ScenarioError("\n".join([head, *shown]), file=file)


def did_you_mean(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to ``word``: the same but for case, or a near spelling."""
    for choice in choices:
        if choice.lower() == word.lower():
            return choice
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def place_of(path: Sequence[str | int]) -> str | None:
    """``records[0].hubspot``: a node's path as the user would say it."""
    return format_place(path) or None


def _meant(detail: ErrorDetails, data: object) -> PathKey | None:
    """For an unknown key, the path of the key it was probably meant to be."""
    path, _ = _split(data, detail["loc"])
    if detail["type"] != "extra_forbidden" or not path:
        return None
    model = _model_at(path[:-1])
    guess = did_you_mean(str(path[-1]), list(model.model_fields) if model else [])
    return (*path[:-1], guess) if guess else None


def _missing(detail: ErrorDetails, data: object) -> PathKey:
    path, rest = _split(data, detail["loc"])
    return (*path, *rest[:1])


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _problem(
    detail: ErrorDetails, data: object, lines: LineIndex, file: str
) -> ScenarioError:
    path, rest = _split(data, detail["loc"])
    kind = detail["type"]
    context = detail.get("ctx", {})
    if kind == "extra_forbidden" and path:
        message, expected, fix = _unknown_key(path)
        line = lines.key_line(path)
        path = path[:-1]
    elif kind == "invalid_key" or rest == ["[key]"]:
        message, expected, fix = _not_a_name(detail["input"])
        line = lines.key_line((*path, *rest[:1]))
        path = path[:-1] if path and rest in ([], ["[key]"]) else path
    elif kind == "missing" and rest:
        message, expected, fix = _missing_key(path, str(rest[0]))
        line = lines.line(path)
    else:
        message, expected, fix = _wrong_value(kind, detail["input"], context)
        line = lines.key_line(path)
    return ScenarioError(
        message, file=file, line=line, place=place_of(path), expected=expected, fix=fix
    )


def _split(data: object, loc: Sequence[str | int]) -> tuple[PathKey, list[str | int]]:
    """The part of ``loc`` that exists in the data, and the part that does not."""
    node = data
    for index, part in enumerate(loc):
        node = _child(node, part)
        if node is _ABSENT:
            return tuple(loc[:index]), list(loc[index:])
    return tuple(loc), []


_ABSENT = object()


def _child(node: object, part: str | int) -> object:
    if isinstance(node, dict):
        return node.get(part, _ABSENT)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def _unknown_key(path: PathKey) -> Told:
    key = str(path[-1])
    model = _model_at(path[:-1])
    allowed = list(model.model_fields) if model else []
    noun = _noun(model)
    guess = did_you_mean(key, allowed)
    if guess:
        fix = f"did you mean {guess!r}?"
    else:
        fix = _move_inside(model, key) or f"remove {key!r}"
    keys = f"the keys of {noun}: " + ", ".join(allowed)
    return f"unknown key {key!r} in {noun}", keys if allowed else "no keys", fix


def _not_a_name(key: object) -> Told:
    return (
        f"the key {show(key)} is not a name",
        "keys that are text, such as lifecyclestage",
        f'put the key in quotes: "{show(key)}":',
    )


def _missing_key(path: PathKey, key: str) -> Told:
    model = _model_at(path)
    field = model.model_fields.get(key) if model else None
    help_text = field.description if field and field.description else "a value"
    return (
        f"{_noun(model)} needs the key {key!r}",
        f"{key}: {help_text[0].lower()}{help_text[1:].rstrip('.')}",
        f"add {key}:",
    )


def _wrong_value(kind: str, value: object, context: dict[str, Any]) -> Told:
    if "expected" in context and "fix" in context:
        return str(context["message"]), context["expected"], context["fix"]
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        guess = did_you_mean(str(value), choices)
        fix = f"did you mean {guess!r}?" if guess else "use one of the choices"
        return (
            f"{_shown(value)} is not one of the choices",
            "one of " + ", ".join(choices),
            fix,
        )
    if kind == "too_short" and isinstance(value, dict):
        return "the mapping is empty", "at least one key: value", "add one"
    if kind == "too_short":
        return "the list is empty", "at least one item", "add an item"
    if kind == "string_too_short":
        return "the text is empty", "text", "write the value, or remove the key"
    if kind == "greater_than_equal":
        least = context.get("ge", 0)
        return f"{_shown(value)} is below {least}", f"{least} or more", "use 0 or more"
    if kind == "timezone_aware" and isinstance(value, datetime):
        return f"{_shown(value)} has no time zone", DATETIME_HELP, "add Z for UTC"
    if kind in WRONG_TYPE:
        short, expected, fix = WRONG_TYPE[kind]
        if value is None:
            return f"no value where {short} belongs", expected, fix
        return f"{_shown(value)} is not {short}", expected, fix
    return f"{_shown(value)}: {kind.replace('_', ' ')}", None, None


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return show(value)


def _noun(model: type[BaseModel] | None) -> str:
    return str(getattr(model, "noun", "a mapping"))


def _move_inside(model: type[BaseModel] | None, key: str) -> str | None:
    """Where a misplaced key belongs: inside one of this mapping's own mappings."""
    if model is None:
        return None
    owners = [
        name
        for name, field in model.model_fields.items()
        if key in getattr(_model_of(field.annotation), "model_fields", {})
    ]
    if not owners:
        return None
    if len(owners) == 1:
        return f"move {key!r} inside {owners[0]}:"
    return f"move {key!r} inside the kind of event, such as {owners[0]}:"


def _model_at(path: PathKey) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` in a scenario file."""
    current: Any = ScenarioDocument
    for part in path:
        if isinstance(part, int):
            current = _item_of(current)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = _model_of(field.annotation) if field else None
        else:
            return None
    return (
        current
        if isinstance(current, type) and issubclass(current, BaseModel)
        else None
    )


def _model_of(annotation: Any) -> Any:
    """``X | None`` → X; anything else as it is."""
    if get_origin(annotation) in (Union, types.UnionType):
        return next(arg for arg in get_args(annotation) if arg is not type(None))
    return annotation


def _item_of(annotation: Any) -> Any:
    args = get_args(annotation)
    return args[0] if get_origin(annotation) is list and args else None
