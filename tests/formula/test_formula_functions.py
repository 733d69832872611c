"""A table of formulas and the values they give, covering every function."""

from __future__ import annotations

import datetime
import re

import pytest

from simulator.formula import FUNCTION_NAMES, MappingContext, compile_formula

D = datetime.date
UTC = datetime.UTC
NOW = datetime.datetime(2024, 3, 15, 9, 30, tzinfo=UTC)

CONTEXT = MappingContext(
    current={
        "Name": "Acme Corp",
        "Blank": None,
        "Amount": 1250.5,
        "Count": 3,
        "CloseDate": D(2024, 1, 31),
        "Created": datetime.datetime(2024, 1, 2, 15, 4, 5, tzinfo=UTC),
        "Tags__c": "red;green",
        "Flag": True,
        "Account.Type": "Customer",
    },
    prior_values={"Name": "Acme", "Count": 3},
    variables={"myVar": 7, "$User.Id": "005000000000001"},
    now=NOW,
)

TABLE: list[tuple[str, object]] = [
    # Literals and references
    ("42", 42),
    ("4.5", 4.5),
    (".5", 0.5),
    ("'it\\'s'", "it's"),
    ('"line\\nbreak"', "line\nbreak"),
    ("true", True),
    ("False", False),
    ("null", None),
    ("Account.Type", "Customer"),
    ("{!$Record.Account.Type}", "Customer"),
    ("{!myVar} + 1", 8),
    ("$User.Id", "005000000000001"),
    ("1 /* a comment */ + 1", 2),
    # Operators
    ("10 - 4 - 3", 3),
    ("2 * 3 + 4", 10),
    ("1 + 2 * 3", 7),
    ("8 / 4 / 2", 1),
    ("2 ^ 10", 1024),
    ("2 ^ -1", 0.5),
    ("-Count", -3),
    ("'a' & 'b' & Blank", "ab"),
    ("1 == 1", True),
    ("1 <> 2", True),
    ("1 != 1", False),
    ("'b' > 'a'", True),
    ("CloseDate < TODAY()", True),
    ("Count >= 3 && Count <= 3", True),
    ("Flag || Blank > 1", True),
    # Logic
    ("AND(TRUE, TRUE, FALSE)", False),
    ("OR(FALSE, FALSE, TRUE)", True),
    ("NOT(FALSE)", True),
    ("IF(Count > 2, 'many', 'few')", "many"),
    ("CASE(Count, 1, 'one', 3, 'three', 'other')", "three"),
    ("ISBLANK(Blank)", True),
    ("ISNULL(Name)", False),
    ("BLANKVALUE(Blank, 'none')", "none"),
    ("NULLVALUE(Count, 0)", 3),
    ("ISNUMBER('12.5')", True),
    ("ISNUMBER('12a')", False),
    ("ISPICKVAL(Account.Type, 'Customer')", True),
    ("INCLUDES(Tags__c, 'green')", True),
    ("ISNEW()", False),
    ("ISCHANGED(Name)", True),
    ("ISCHANGED(Count)", False),
    ("PRIORVALUE(Name)", "Acme"),
    # Conversion
    ("TEXT(Count)", "3"),
    ("TEXT(Amount)", "1250.5"),
    ("TEXT(CloseDate)", "2024-01-31"),
    ("TEXT(Created)", "2024-01-02 15:04:05Z"),
    ("TEXT(Blank)", ""),
    ("VALUE('42')", 42),
    ("VALUE(' -3.25 ')", -3.25),
    ("VALUE(Blank)", None),
    # Text
    ("CONTAINS(Name, 'Corp')", True),
    ("BEGINS(Name, 'Acme')", True),
    ("LEN(Name)", 9),
    ("LEN(Blank)", 0),
    ("LOWER(Name)", "acme corp"),
    ("UPPER(Name)", "ACME CORP"),
    ("TRIM('  a b\t')", "a b"),
    ("LEFT(Name, 4)", "Acme"),
    ("LEFT(Name, -1)", ""),
    ("RIGHT(Name, 4)", "Corp"),
    ("RIGHT(Name, 0)", ""),
    ("MID(Name, 6, 2)", "Co"),
    ("SUBSTITUTE(Name, 'Corp', 'Inc')", "Acme Inc"),
    ("FIND('Corp', Name)", 6),
    ("FIND('o', 'foo boo', 4)", 6),
    ("FIND('c', Name, 3)", 0),
    ("FIND('x', Name)", 0),
    ("'a' & BR() & 'b'", "a\nb"),
    # Math
    ("ABS(-4)", 4),
    ("FLOOR(2.7)", 2),
    ("CEILING(2.1)", 3),
    ("ROUND(Amount, 0)", 1251),
    ("ROUND(1234.5678, 2)", 1234.57),
    ("ROUND(1250, -2)", 1300),
    ("MOD(7, 3)", 1),
    ("MOD(-7, 3)", -1),
    ("MOD(7.5, 2)", 1.5),
    ("MAX(1, Count, 2)", 3),
    ("MIN(1, Count, 2)", 1),
    # Dates
    ("TODAY()", D(2024, 3, 15)),
    ("NOW()", NOW),
    ("DATE(2024, 2, 29)", D(2024, 2, 29)),
    ("DATEVALUE('2024-05-06')", D(2024, 5, 6)),
    ("DATEVALUE(Created)", D(2024, 1, 2)),
    ("DATEVALUE('2024-05-06 10:00:00')", D(2024, 5, 6)),
    (
        "DATETIMEVALUE('2024-05-06 10:20:30')",
        datetime.datetime(2024, 5, 6, 10, 20, 30, tzinfo=UTC),
    ),
    ("DATETIMEVALUE(CloseDate)", datetime.datetime(2024, 1, 31, tzinfo=UTC)),
    ("YEAR(CloseDate)", 2024),
    ("MONTH(CloseDate)", 1),
    ("DAY(CloseDate)", 31),
    ("WEEKDAY(DATE(2024, 3, 17))", 1),
    ("WEEKDAY(DATE(2024, 3, 16))", 7),
    ("ADDMONTHS(CloseDate, 1)", D(2024, 2, 29)),
    ("ADDMONTHS(CloseDate, -2)", D(2023, 11, 30)),
    ("CloseDate + 1", D(2024, 2, 1)),
    ("TODAY() - CloseDate", 44),
    ("NOW() - 0.5", datetime.datetime(2024, 3, 14, 21, 30, tzinfo=UTC)),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_formula_gives_the_value_in_the_table(text: str, expected: object) -> None:
    result = compile_formula(text).evaluate(CONTEXT)
    assert result == expected
    assert type(result) is type(expected)


def test_every_function_has_a_row_in_the_table() -> None:
    used = {
        name.upper()
        for text, _ in TABLE
        for name in re.findall(r"([A-Za-z]+)\s*\(", text)
    }
    assert set(FUNCTION_NAMES) <= used, set(FUNCTION_NAMES) - used


@pytest.mark.parametrize(
    "text", ["if(true, 1, 2)", "If(TRUE, 1, 2)", "IF (TRUE, 1, 2)"]
)
def test_function_names_are_case_insensitive(text: str) -> None:
    assert compile_formula(text).evaluate(CONTEXT) == 1
