"""What formula values are: their Salesforce type names, blankness and truth."""

from __future__ import annotations

import datetime

Number = int | float


class EvaluationProblem(Exception):
    """A formula cannot be evaluated on these values; the formula adds where.

    Raised deep inside a compiled closure, it carries only what went wrong.
    The closure of the nearest operator or call adds its position in the
    formula text, and `Formula.evaluate` turns it into a FormulaError.
    """

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line: int | None = None
        self.column: int | None = None

    def locate(self, line: int | None, column: int | None) -> None:
        """Remember the innermost position only: it is the most precise."""
        if self.column is None:
            self.line, self.column = line, column


class TypeProblem(EvaluationProblem):
    """A value of the wrong type: Text where a Number goes, and the like.

    Salesforce refuses such a formula when it is saved, so revsim reports it
    when the model is loaded wherever the wrong value is a constant.
    """


def is_number(value: object) -> bool:
    # bool is an int in Python, but a Checkbox is not a Number in Salesforce.
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_date(value: object) -> bool:
    # datetime is a date subclass in Python; a Date/Time is not a Date here.
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def is_datetime(value: object) -> bool:
    return isinstance(value, datetime.datetime)


def is_blank(value: object) -> bool:
    """ISBLANK: null, or text with no characters (a space or a zero is a value)."""
    return value is None or value == ""


def same_value(left: object, right: object) -> bool:
    """Whether two values are equal as a formula sees them.

    Blank text equals null (Salesforce stores "" as null). A null beside a
    Checkbox reads as FALSE, since a checkbox is never null on a record: a
    scenario that leaves IsConverted out means it is unchecked.
    """
    if left is None or right is None:
        other = right if left is None else left
        if isinstance(other, bool):
            return other is False
        return is_blank(left) and is_blank(right)
    return left == right


def type_name(value: object) -> str:
    """The Salesforce name of the type of `value`, as the formula editor says it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "Checkbox"
    if is_number(value):
        return "Number"
    if isinstance(value, str):
        return "Text"
    if is_datetime(value):
        return "Date/Time"
    if is_date(value):
        return "Date"
    return f"unsupported Python value of type {type(value).__name__}"


def describe(value: object) -> str:
    """`value` with its type, for an error message: Text 'abc', Number 3."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"Checkbox {'TRUE' if value else 'FALSE'}"
    if isinstance(value, str):
        return f"Text {value!r}"
    if isinstance(value, datetime.date):
        return f"{type_name(value)} {value.isoformat()}"
    return f"{type_name(value)} {value!r}"


def truth(value: object, where: str) -> bool:
    """A Checkbox value as a Python bool; null counts as false.

    A condition that is null (say `Amount > 5` on a blank Amount under
    "Treat blank fields as blanks") does not hold, so null reads as false.
    """
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise TypeProblem(f"{where} needs TRUE or FALSE, got {describe(value)}")


def as_text(value: object, where: str) -> str:
    """A Text value, null read as "": Salesforce text is never null."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise TypeProblem(
        f"{where} needs Text, got {describe(value)}",
        fix="convert it with TEXT()",
    )
