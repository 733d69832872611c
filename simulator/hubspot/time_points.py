"""Date property operations and their time points, read from flow JSON.

The operation types and time point shapes are those of the v4 OpenAPI spec
(PublicTimePointOperation, PublicRangedTimeOperation, PublicDatePoint,
PublicIndexedTimePoint, PublicPropertyReferencedTime…), which the flows share
with the Lists API:
https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
"""

from __future__ import annotations

from simulator.hubspot.dates import MONTHS
from simulator.hubspot.json_reader import JsonObject, Reader, at
from simulator.hubspot.model import DateFilter, TimePoint

# The date operation types revsim evaluates, and the operators each takes.
DATE_OPERATORS: dict[str, frozenset[str]] = {
    "TIME_POINT": frozenset({"IS_AFTER", "IS_BEFORE"}),
    "TIME_RANGED": frozenset({"IS_BETWEEN", "IS_NOT_BETWEEN"}),
    "DATETIME": frozenset({"IS_EQUAL_TO", "IS_NOT_EQUAL_TO", "IS_BEFORE", "IS_AFTER"}),
    "DATE": frozenset({"IS_EQUAL_TO", "IS_NOT_EQUAL_TO", "IS_BEFORE", "IS_AFTER"}),
    "RANGED_DATE": frozenset({"IS_BETWEEN", "IS_NOT_BETWEEN"}),
    "COMPARATIVE_DATE": frozenset({"IS_BEFORE", "IS_AFTER"}),
}
# The older spelling of the date operators in list filters.
_ALIASES = {"IS_BEFORE_DATE": "IS_BEFORE", "IS_AFTER_DATE": "IS_AFTER"}
# Known to the spec, not evaluated: fiscal and calendar periods, rolling
# ranges and "updated in the last n days", whose operators are undocumented.
UNSIMULATED_DATE_TYPES = frozenset(
    {
        "CALENDAR_DATE",
        "ROLLING_DATE_RANGE",
        "ROLLING_PROPERTY_UPDATED",
        "COMPARATIVE_PROPERTY_UPDATED",
        "COMPARATIVE_STRING",
    }
)
_REFERENCES = ("NOW", "TODAY", "WEEK", "MONTH", "QUARTER", "YEAR")
_OFFSET_UNITS = (
    "years",
    "quarters",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "milliseconds",
)
_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second", "millisecond")


def date_operator(r: Reader, place: str, operation_type: str, operator: str) -> str:
    """The operator, checked against what the operation type takes."""
    operator = _ALIASES.get(operator, operator)
    allowed = DATE_OPERATORS[operation_type]
    if operator not in allowed:
        r.fail(
            at(place, "operator"),
            f"unknown operator {operator!r} for a {operation_type} filter",
            expected="one of " + ", ".join(sorted(allowed)),
        )
    return operator


def read_date_filter(
    r: Reader, name: str, operation: JsonObject, place: str, operation_type: str
) -> DateFilter:
    """A date operation on property ``name``."""
    operator = date_operator(
        r, place, operation_type, r.text(operation, "operator", place)
    )
    include = r.flag(operation, "includeObjectsWithNoValueSet", place, False)
    if operation_type == "TIME_POINT":
        point = read_time_point(r, operation.get("timePoint"), at(place, "timePoint"))
        inclusive = _inclusive(operation, "endpointBehavior", False)
        return DateFilter(
            name,
            operator,
            operation_type,
            point,
            None,
            inclusive,
            include_no_value=include,
        )
    if operation_type == "TIME_RANGED":
        lower = read_time_point(
            r, operation.get("lowerBoundTimePoint"), at(place, "lowerBoundTimePoint")
        )
        upper = read_time_point(
            r, operation.get("upperBoundTimePoint"), at(place, "upperBoundTimePoint")
        )
        return DateFilter(
            name,
            operator,
            operation_type,
            lower,
            upper,
            _inclusive(operation, "lowerBoundEndpointBehavior", True),
            _inclusive(operation, "upperBoundEndpointBehavior", True),
            include,
        )
    return _simple(r, name, operator, operation, place, operation_type, include)


def _simple(
    r: Reader,
    name: str,
    operator: str,
    operation: JsonObject,
    place: str,
    operation_type: str,
    include: bool,
) -> DateFilter:
    """DATETIME, DATE, RANGED_DATE and COMPARATIVE_DATE: fixed points or a property."""
    if operation_type == "DATETIME":
        point = _epoch(r, operation, "timestamp", place)
    elif operation_type == "DATE":
        point = TimePoint(
            "DATE",
            fields=(
                ("year", r.whole(operation, "year", place)),
                ("month", _month(r, operation, place)),
                ("day", r.whole(operation, "day", place)),
            ),
        )
    elif operation_type == "COMPARATIVE_DATE":
        other = r.text(operation, "comparisonPropertyName", place)
        point = TimePoint("PROPERTY_REFERENCED", property=other)
    else:  # RANGED_DATE
        lower = _epoch(r, operation, "lowerBound", place)
        upper = _epoch(r, operation, "upperBound", place)
        return DateFilter(
            name, operator, operation_type, lower, upper, True, True, include
        )
    return DateFilter(name, operator, operation_type, point, include_no_value=include)


def read_time_point(r: Reader, value: object, place: str) -> TimePoint:
    """A DATE, INDEXED or PROPERTY_REFERENCED time point."""
    data = r.obj(value, place)
    kind = r.choice(data, "timeType", place, ("DATE", "INDEXED", "PROPERTY_REFERENCED"))
    zone = data.get("zoneId")
    zone_id = zone if isinstance(zone, str) and zone else None
    if kind == "PROPERTY_REFERENCED":
        return TimePoint(kind, zone_id, property=r.text(data, "property", place))
    if kind == "DATE":
        parts = tuple(
            (part, r.whole(data, part, place))
            for part in _DATE_PARTS
            if data.get(part) is not None
        )
        return TimePoint(kind, zone_id, parts)
    return _indexed(r, data, place, zone_id)


def _indexed(r: Reader, data: JsonObject, place: str, zone: str | None) -> TimePoint:
    where = at(place, "indexReference")
    reference = r.child(data, "indexReference", place)
    kind = r.text(reference, "referenceType", where)
    if kind not in _REFERENCES:
        r.fail(
            at(where, "referenceType"),
            f"{kind} time references (fiscal periods) are not simulated",
            expected="one of " + ", ".join(_REFERENCES),
            fix="use a calendar period, or leave the filter out of the model",
        )
    day = reference.get("dayOfWeek", reference.get("day"))
    fields = tuple(
        (part, r.whole(reference, part, where))
        for part in ("hour", "minute", "second")
        if reference.get(part) is not None
    )
    offset_data = r.obj(data.get("offset") or {}, at(place, "offset"))
    offset = tuple(
        (unit, r.whole(offset_data, unit, at(place, "offset")))
        for unit in _OFFSET_UNITS
        if offset_data.get(unit) is not None
    )
    return TimePoint(
        "INDEXED",
        zone,
        fields,
        reference=kind,
        reference_day=day if isinstance(day, str | int) else None,
        offset=offset,
    )


def _inclusive(operation: JsonObject, key: str, default: bool) -> bool:
    behaviour = operation.get(key)
    if not isinstance(behaviour, str):
        return default
    return behaviour.upper() == "INCLUSIVE"


def _epoch(r: Reader, data: JsonObject, key: str, place: str) -> TimePoint:
    return TimePoint("EPOCH", epoch_ms=r.whole(data, key, place))


def _month(r: Reader, data: JsonObject, place: str) -> int:
    """The spec writes DATE's month as a string: a number or JANUARY…"""
    value = r.required(data, "month", place)
    text = str(value).strip().upper()
    if text in MONTHS:
        return MONTHS.index(text) + 1
    return r.whole(data, "month", place)
