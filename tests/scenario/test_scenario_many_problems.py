"""A file with several mistakes reports them all at once, in file order, up to ten."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

from simulator.errors import ScenarioError

Error = Callable[[str], ScenarioError]


def test_every_problem_in_a_file_is_listed_with_its_own_line(error: Error) -> None:
    found = error("""
        name: several
        seed: seven
        records:
          - alias: ada
            hubspot: Contact
        expect:
          - record: ada
            action: email
            count: two
    """)

    assert str(found) == dedent("""\
        s.yaml: 3 problems in this scenario:
          s.yaml:2 (seed): 'seven' is not a whole number
            expected: a whole number, such as 2
            fix: write digits, no quotes
          s.yaml:5 (records[0].hubspot): 'Contact' is not one of the choices
            expected: one of contact, company, deal
            fix: did you mean 'contact'?
          s.yaml:9 (expect[0].count): 'two' is not a whole number
            expected: a whole number, such as 2
            fix: write digits, no quotes""")
    assert (found.file, found.line) == ("s.yaml", None)


def test_a_misspelt_key_is_not_also_reported_missing(error: Error) -> None:
    found = error("""
        nme: typo
        records:
          - alais: ada
            hubspot: contact
    """)

    assert found.message.startswith("2 problems in this scenario:")
    assert "needs the key" not in found.message
    assert "did you mean 'name'?" in found.message
    assert "did you mean 'alias'?" in found.message


def test_after_ten_problems_the_rest_are_counted(error: Error) -> None:
    records = "".join(f"  - alias: r{n}\n    hubspot: lead\n" for n in range(12))
    found = error("name: many\nrecords:\n" + records)

    lines = found.message.splitlines()
    assert lines[0] == "12 problems in this scenario:"
    assert lines[-1] == "  … and 2 more"
    assert sum(line.startswith("  s.yaml:") for line in lines) == 10


def test_a_single_problem_keeps_its_parts_for_the_command_line(error: Error) -> None:
    found = error("""
        name: one
        records:
          - alias: ada
            hubspot: contact
            at: soon
    """)

    assert (found.file, found.line, found.place) == ("s.yaml", 5, "records[0].at")
    assert found.message == "'soon' is not a duration"
    assert found.expected == "a number and a unit, such as 30s, 15m, 2h, 3d or 1w"
    assert found.fix == "write the number and the unit together, such as 15m or 3d"


def test_shape_problems_come_before_broken_references(error: Error) -> None:
    found = error("""
        name: two passes
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            edit: {record: nobody, fields: {x: 1}}
        expect:
          - record: ada
            count: two
    """)

    # The aliases are checked once the file has the right shape.
    assert "nobody" not in found.message
    assert found.line == 10
