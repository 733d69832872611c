"""Values, conditions and connectors inside a flow file, and the file being read."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from simulator.definition import NotSimulated
from simulator.errors import DefinitionError
from simulator.salesforce.comparison import as_datetime
from simulator.salesforce.conditions import check_logic, check_operator
from simulator.salesforce.metadata import (
    as_bool,
    children,
    fail,
    line_of,
    required_text,
    text,
)
from simulator.salesforce.model import (
    Condition,
    Conditions,
    FieldValue,
    FlowValue,
    Literal,
    Reference,
)

_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


@dataclass(slots=True)
class FlowSource:
    """The flow file being read, and what it holds that revsim cannot simulate."""

    file: Path
    api_name: str
    not_simulated: list[NotSimulated] = field(default_factory=list)

    def skip(self, element: str, kind: str, reason: str) -> None:
        """Record an element that is kept but not simulated."""
        entry = NotSimulated(str(self.file), self.api_name, element, kind, reason)
        self.not_simulated.append(entry)

    def error(
        self,
        message: str,
        element: ET.Element | None,
        place: str,
        *,
        expected: str | None = None,
        fix: str | None = None,
    ) -> DefinitionError:
        return fail(
            message,
            file=self.file,
            element=element,
            place=place,
            expected=expected,
            fix=fix,
        )

    def required(self, element: ET.Element, tag: str, place: str) -> str:
        return required_text(element, tag, file=self.file, place=place)


def target(element: ET.Element, connector: str) -> str | None:
    """Where the connector ``connector`` of ``element`` leads, if it exists."""
    found = element.find(connector)
    return None if found is None else text(found, "targetReference")


def flow_value(
    source: FlowSource, holder: ET.Element | None, place: str
) -> FlowValue | None:
    """A FlowElementReferenceOrValue; None for an empty or missing value."""
    if holder is None or holder.get(_NIL) == "true":
        return None
    for child in holder:
        reader = _READERS.get(child.tag)
        if reader is not None:
            return reader(source, child, f"{place}/{child.tag}")
        source.skip(
            place,
            f"value {child.tag}",
            f"a {child.tag} value is not simulated; the value counts as null",
        )
        return None
    return None


def _string(source: FlowSource, element: ET.Element, place: str) -> FlowValue:
    # Whitespace inside a string value is part of it.
    return Literal(element.text or "")


def _number(source: FlowSource, element: ET.Element, place: str) -> FlowValue | None:
    written = (element.text or "").strip()
    if not written:
        return None
    try:
        number = Decimal(written)
    except InvalidOperation:
        raise source.error(
            f"{written!r} is not a number", element, place, expected="e.g. 50 or 2.5"
        ) from None
    return Literal(
        int(number) if number == number.to_integral_value() else float(number)
    )


def _boolean(source: FlowSource, element: ET.Element, place: str) -> FlowValue | None:
    written = (element.text or "").strip()
    if not written:
        return None
    return Literal(as_bool(written, file=source.file, element=element, place=place))


def _date(source: FlowSource, element: ET.Element, place: str) -> FlowValue | None:
    written = (element.text or "").strip()
    if not written:
        return None
    try:
        return Literal(dt.date.fromisoformat(written))
    except ValueError:
        raise source.error(
            f"{written!r} is not a date", element, place, expected="YYYY-MM-DD"
        ) from None


def _datetime(source: FlowSource, element: ET.Element, place: str) -> FlowValue | None:
    written = (element.text or "").strip()
    if not written:
        return None
    moment = as_datetime(written)
    if moment is None:
        raise source.error(
            f"{written!r} is not a date and time",
            element,
            place,
            expected="ISO 8601, e.g. 2024-05-01T09:00:00.000Z",
        )
    return Literal(moment)


def _reference(source: FlowSource, element: ET.Element, place: str) -> FlowValue | None:
    written = (element.text or "").strip()
    return Reference(written) if written else None


_READERS = {
    "stringValue": _string,
    "numberValue": _number,
    "booleanValue": _boolean,
    "dateValue": _date,
    "dateTimeValue": _datetime,
    "elementReference": _reference,
}


def condition(
    source: FlowSource, element: ET.Element, place: str, *, left: str
) -> Condition:
    """A decision condition (``left="leftValueReference"``) or a record filter
    (``left="field"``)."""
    subject = source.required(element, left, place)
    operator = source.required(element, "operator", place)
    check_operator(operator, file=source.file, place=place, line=line_of(element))
    right_tag = "rightValue" if left == "leftValueReference" else "value"
    right = flow_value(source, element.find(right_tag), f"{place}/{right_tag}")
    return Condition(subject, operator, right)


def conditions(
    source: FlowSource,
    element: ET.Element,
    place: str,
    *,
    items: str,
    logic: str,
) -> Conditions:
    """The ``items`` children of ``element`` joined by its ``logic`` child."""
    left = "leftValueReference" if items == "conditions" else "field"
    found = tuple(
        condition(source, item, f"{place}/{items}[{number}]", left=left)
        for number, item in enumerate(children(element, items), start=1)
    )
    joined = text(element, logic) or "and"
    check_logic(
        joined,
        len(found),
        source.file,
        f"{place}/{logic}",
        line=line_of(element.find(logic)),
    )
    return Conditions(found, joined)


def filters(source: FlowSource, element: ET.Element, place: str) -> Conditions | None:
    """Record filters (``filters`` + ``filterLogic``); None when there are none."""
    if element.find("filters") is None:
        return None
    return conditions(source, element, place, items="filters", logic="filterLogic")


def field_values(
    source: FlowSource, element: ET.Element, tag: str, place: str, *, key: str
) -> tuple[FieldValue, ...]:
    """``inputAssignments`` (key ``field``) or ``inputParameters`` (key ``name``)."""
    found = []
    for number, item in enumerate(children(element, tag), start=1):
        where = f"{place}/{tag}[{number}]"
        name = source.required(item, key, where)
        found.append(FieldValue(name, flow_value(source, item.find("value"), where)))
    return tuple(found)
