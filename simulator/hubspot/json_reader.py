"""Typed reading of workflow JSON that names the JSON path of anything wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

from simulator.definition import NotSimulated
from simulator.errors import DefinitionError

JsonObject = dict[str, object]


def at(place: str, key: str | int) -> str:
    """The JSON path of ``key`` inside ``place``: ``actions[3].fields.delta``."""
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else key


@dataclass
class Reader:
    """One workflow file being read: where errors point, what is not simulated.

    ``edges`` collects every ``nextActionId`` with its path, so the graph can be
    checked once all actions are known.
    """

    file: str
    definition: str = ""
    not_simulated: list[NotSimulated] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)

    def fail(
        self,
        place: str,
        message: str,
        *,
        expected: str | None = None,
        fix: str | None = None,
    ) -> NoReturn:
        raise DefinitionError(
            message, file=self.file, place=place or None, expected=expected, fix=fix
        )

    def note(self, element: str, kind: str, reason: str) -> None:
        """Record an element that is read but not simulated faithfully."""
        self.not_simulated.append(
            NotSimulated(self.file, self.definition, element, kind, reason)
        )

    def obj(self, value: object, place: str) -> JsonObject:
        if not isinstance(value, dict):
            self.fail(place, f"expected a JSON object, found {_kind(value)}")
        return value

    def child(self, data: JsonObject, key: str, place: str) -> JsonObject:
        """A required nested object."""
        return self.obj(self.required(data, key, place), at(place, key))

    def required(self, data: JsonObject, key: str, place: str) -> object:
        if data.get(key) is None:
            self.fail(at(place, key), f"`{key}` is missing")
        return data[key]

    def text(
        self, data: JsonObject, key: str, place: str, default: str | None = None
    ) -> str:
        value = data.get(key)
        if value is None and default is not None:
            return default
        value = self.required(data, key, place)
        if not isinstance(value, str):
            self.fail(at(place, key), f"expected a string, found {_kind(value)}")
        return value

    def ident(self, data: JsonObject, key: str, place: str) -> str:
        """An id: the API writes strings, a hand-written file may write numbers."""
        value = self.required(data, key, place)
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(at(place, key), f"expected an id string, found {_kind(value)}")
        return str(value)

    def number(self, data: JsonObject, key: str, place: str) -> float:
        """A number; the API writes some as text ("5"), so text is read too."""
        value = self.required(data, key, place)
        try:
            if isinstance(value, bool):
                raise ValueError
            return float(str(value))
        except ValueError:
            self.fail(at(place, key), f"expected a number, found {value!r}")

    def whole(
        self, data: JsonObject, key: str, place: str, default: int | None = None
    ) -> int:
        """A whole number, as a number or as text ("1440"); ``default`` if missing."""
        if data.get(key) is None and default is not None:
            return default
        value = self.required(data, key, place)
        try:
            if isinstance(value, bool):
                raise ValueError
            return int(str(value))
        except ValueError:
            self.fail(at(place, key), f"expected a whole number, found {value!r}")

    def flag(self, data: JsonObject, key: str, place: str, default: bool) -> bool:
        value = data.get(key, default)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(at(place, key), f"expected true or false, found {_kind(value)}")
        return value

    def array(self, data: JsonObject, key: str, place: str) -> list[object]:
        """An optional array; missing or null reads as empty."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(at(place, key), f"expected an array, found {_kind(value)}")
        return value

    def choice(
        self,
        data: JsonObject,
        key: str,
        place: str,
        choices: tuple[str, ...],
        default: str | None = None,
    ) -> str:
        value = self.text(data, key, place, default)
        if value not in choices:
            self.fail(
                at(place, key),
                f"unknown {key} {value!r}",
                expected="one of " + ", ".join(choices),
            )
        return value


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value}"
    return names.get(type(value), type(value).__name__)
