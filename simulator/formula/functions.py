"""The functions that take their arguments already evaluated: text, math, logic."""

from __future__ import annotations

import datetime
import decimal
import math
import re

from simulator.formula.signature import Signature, collector
from simulator.formula.values import (
    EvaluationProblem,
    Number,
    is_blank,
    is_number,
)

FUNCTIONS: list[Signature] = []
_function = collector(FUNCTIONS)

# Room for ROUND on any float: 1e300 has 301 digits before the point.
_WIDE = decimal.Context(prec=400)
_NUMBER_TEXT = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*")


# Logic and information


@_function("NOT", "boolean")
def _not(value: bool) -> bool:
    return not value


@_function("ISBLANK", "any")
def _isblank(value: object) -> bool:
    return is_blank(value)


@_function("ISNULL", "any")
def _isnull(value: object) -> bool:
    # Salesforce says text is never null and points to ISBLANK. We cannot tell
    # a blank text field from a blank number, so null is null here and "" is
    # not: ISNULL(None) is TRUE, ISNULL("") is FALSE.
    return value is None


@_function("ISNUMBER", "text")
def _isnumber(text: str) -> bool:
    return _NUMBER_TEXT.fullmatch(text) is not None


@_function("ISPICKVAL", "text", "text")
def _ispickval(picklist: str, literal: str) -> bool:
    # A picklist's API value, compared case-sensitively as formula text is.
    return picklist == literal


@_function("INCLUDES", "text", "text")
def _includes(selected: str, value: str) -> bool:
    return bool(value) and value in selected.split(";")


# Conversion


@_function("TEXT", "any")
def _text(value: object) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        raise EvaluationProblem(
            "TEXT does not take a Checkbox", fix="use IF(checkbox, 'true', 'false')"
        )
    if is_number(value):
        return _number_text(value)  # type: ignore[arg-type]
    if isinstance(value, datetime.datetime):
        # The format Salesforce gives TEXT(NOW()): "2024-05-01 13:30:00Z", in GMT.
        moment = value.astimezone(datetime.UTC) if value.tzinfo else value
        return moment.strftime("%Y-%m-%d %H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise EvaluationProblem(f"TEXT cannot convert a {type(value).__name__}")


@_function("VALUE", "text")
def _value(text: str) -> Number | None:
    if text == "":
        return None
    if _NUMBER_TEXT.fullmatch(text) is None:
        raise EvaluationProblem(
            f"VALUE cannot read {text!r} as a number",
            fix="guard it with IF(ISNUMBER(text), VALUE(text), NULL)",
        )
    return float(text) if "." in text else int(text)


def _number_text(value: Number) -> str:
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    # Decimal writes 1e-07 as 0.0000001: TEXT never uses exponents.
    return format(decimal.Decimal(repr(value)), "f")


# Text


@_function("CONTAINS", "text", "text")
def _contains(text: str, part: str) -> bool:
    return part in text


@_function("BEGINS", "text", "text")
def _begins(text: str, prefix: str) -> bool:
    return text.startswith(prefix)


@_function("LEN", "text")
def _len(text: str) -> int:
    return len(text)


@_function("LOWER", "text")
def _lower(text: str) -> str:
    return text.lower()


@_function("UPPER", "text")
def _upper(text: str) -> str:
    return text.upper()


@_function("TRIM", "text")
def _trim(text: str) -> str:
    # Spaces and tabs only, per customize_functions_trim; not line breaks.
    return text.strip(" \t")


@_function("LEFT", "text", "number")
def _left(text: str, count: Number) -> str:
    return text[: max(int(count), 0)]


@_function("RIGHT", "text", "number")
def _right(text: str, count: Number) -> str:
    return text[max(len(text) - int(count), 0) :] if count > 0 else ""


@_function("MID", "text", "number", "number")
def _mid(text: str, start: Number, count: Number) -> str:
    first = max(int(start), 1) - 1
    return text[first : first + max(int(count), 0)]


@_function("SUBSTITUTE", "text", "text", "text")
def _substitute(text: str, old: str, new: str) -> str:
    return text.replace(old, new) if old else text


@_function("FIND", "text", "text", "number", optional=1)
def _find(search: str, text: str, start: Number = 1) -> int:
    if not search or start < 1:
        return 0
    return text.find(search, int(start) - 1) + 1


@_function("BR")
def _br() -> str:
    # A line break. In a formula field Salesforce renders it as HTML <br>; in
    # the text a flow or field update writes it is a newline.
    return "\n"


# Math


@_function("ABS", "number")
def _abs(value: Number) -> Number:
    return abs(value)


@_function("FLOOR", "number")
def _floor(value: Number) -> int:
    # Towards zero, not down: FLOOR(-2.5) = -2 (customize_functions_floor and
    # knowledge article 000386432).
    return math.trunc(value)


@_function("CEILING", "number")
def _ceiling(value: Number) -> int:
    # Away from zero, not up: CEILING(-2.5) = -3 (customize_functions_ceiling).
    return int(math.copysign(math.ceil(abs(value)), value))


@_function("ROUND", "number", "number")
def _round(value: Number, digits: Number) -> Number:
    places = int(digits)
    if isinstance(value, int) and places >= 0:
        return value
    # Half away from zero, as Salesforce rounds: ROUND(-1.5, 0) = -2. Decimal
    # rounds the number as written, so ROUND(1.005, 2) is 1.01, not 1.0.
    exact = decimal.Decimal(repr(value))
    step = decimal.Decimal(1).scaleb(-places)
    try:
        rounded = exact.quantize(step, decimal.ROUND_HALF_UP, _WIDE)
    except decimal.InvalidOperation:
        return value  # more places asked for than the number has
    return int(rounded) if places <= 0 else float(rounded)


@_function("MOD", "number", "number")
def _mod(value: Number, divisor: Number) -> Number:
    if divisor == 0:
        raise EvaluationProblem("MOD by zero", fix="guard the divisor with IF()")
    # The sign follows the dividend, as in Apex and SQL: MOD(-5, 3) = -2.
    if isinstance(value, int) and isinstance(divisor, int):
        remainder = abs(value) % abs(divisor)
        return remainder if value >= 0 else -remainder
    return math.fmod(value, divisor)


@_function("MAX", "number", variadic="number")
def _max(*values: Number) -> Number:
    return max(values)


@_function("MIN", "number", variadic="number")
def _min(*values: Number) -> Number:
    return min(values)
