"""A scenario file with a mistake gives one error: where, what, what was expected, how to fix.

The messages are compared whole, as the user reads them; some lines run long.
"""
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

import pytest

from simulator.errors import ScenarioError

Error = Callable[[str], ScenarioError]


def said(expected: str) -> str:
    return dedent(expected).strip("\n")


SHAPE = [
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            fields: {3: a}
        """,
        """
        s.yaml:5 (records[0].fields): the key 3 is not a name
          expected: keys that are text, such as lifecyclestage
          fix: put the key in quotes: "3":
        """,
        id="number-as-field-name",
    ),
    pytest.param(
        """
        name: t
        recrods: []
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:2: unknown key 'recrods' in a scenario
          expected: the keys of a scenario: name, description, seed, start, until, records, journey, expect, stubs, model
          fix: did you mean 'records'?
        """,
        id="unknown-top",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            colour: red
        """,
        """
        s.yaml:5 (records[0]): unknown key 'colour' in a record
          expected: the keys of a record: alias, hubspot, salesforce, at, fields, associations
          fix: remove 'colour'
        """,
        id="unknown-record-key",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 0m
            record: ada
            form_submission: {record: ada, form: f}
        """,
        """
        s.yaml:7 (journey[0]): unknown key 'record' in a journey event
          expected: the keys of a journey event: at, form_submission, page_view, email_open, email_click, edit, stage_move, enrol, turn_on, turn_off, convert, wait
          fix: move 'record' inside the kind of event, such as form_submission:
        """,
        id="record-in-event",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            wait: {record: ada}
        """,
        """
        s.yaml:7 (journey[0].wait): unknown key 'record' in a wait
          expected: no keys
          fix: remove 'record'
        """,
        id="wait-record",
    ),
    pytest.param(
        """
        name: t
        records:
          - hubspot: contact
        """,
        """
        s.yaml:3 (records[0]): a record needs the key 'alias'
          expected: alias: the name the journey and the checks use
          fix: add alias:
        """,
        id="missing-alias",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - wait: {}
        """,
        """
        s.yaml:6 (journey[0]): a journey event needs the key 'at'
          expected: at: when it happens, as an offset from start
          fix: add at:
        """,
        id="event-no-at",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            page_view: {record: ada}
        """,
        """
        s.yaml:7 (journey[0].page_view): a page_view needs the key 'url'
          expected: url: the address of the page viewed
          fix: add url:
        """,
        id="page-view-no-url",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            action: email
            count: two
        """,
        """
        s.yaml:8 (expect[0].count): 'two' is not a whole number
          expected: a whole number, such as 2
          fix: write digits, no quotes
        """,
        id="count-two",
    ),
    pytest.param(
        """
        name: t
        seed: 1.5
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:2 (seed): 1.5 is not a whole number
          expected: a whole number, such as 2
          fix: write digits, no quotes
        """,
        id="seed-float",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            email_click: {record: ada, email: 1001}
        """,
        """
        s.yaml:7 (journey[0].email_click.email): 1001 is not text
          expected: text
          fix: put it in quotes, as YAML reads bare numbers, dates and yes/no otherwise
        """,
        id="email-int",
    ),
    pytest.param(
        """
        name: t
        records:
          alias: ada
          hubspot: contact
        """,
        """
        s.yaml:2 (records): a mapping is not a list
          expected: a list: one item per line, each starting with '- '
          fix: write the items as a list
        """,
        id="records-mapping",
    ),
    pytest.param(
        """
        name: t
        records:
          - ada
        """,
        """
        s.yaml:3 (records[0]): 'ada' is not a mapping
          expected: a mapping of keys to values
          fix: write key: value pairs
        """,
        id="records-item-text",
    ),
    pytest.param(
        """
        name: t
        records:
        """,
        """
        s.yaml:2 (records): no value where a list belongs
          expected: a list: one item per line, each starting with '- '
          fix: write the items as a list
        """,
        id="records-null",
    ),
    pytest.param(
        """
        name: t
        records: []
        """,
        """
        s.yaml:2 (records): the list is empty
          expected: at least one item
          fix: add an item
        """,
        id="records-empty",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            edit: {record: ada, fields: {}}
        """,
        """
        s.yaml:7 (journey[0].edit.fields): the mapping is empty
          expected: at least one key: value
          fix: add one
        """,
        id="edit-empty",
    ),
    pytest.param(
        """
        name: ''
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:1 (name): the text is empty
          expected: text
          fix: write the value, or remove the key
        """,
        id="name-empty",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            at: 15 minutes
        """,
        """
        s.yaml:5 (records[0].at): '15 minutes' is not a duration
          expected: a number and a unit, such as 30s, 15m, 2h, 3d or 1w
          fix: write the number and the unit together, such as 15m or 3d
        """,
        id="duration-words",
    ),
    pytest.param(
        """
        name: t
        until: 5
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:2 (until): 5 is not a duration
          expected: a number and a unit, such as 30s, 15m, 2h, 3d or 1w
          fix: add a unit: 5m for minutes, 5d for days
        """,
        id="duration-number",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            salesforce: lead
        """,
        """
        s.yaml:4 (records[0].salesforce): 'lead' is not one of the choices
          expected: one of Lead, Contact, Account, Opportunity, Task, Case, or a custom object ending in __c
          fix: did you mean 'Lead'?
        """,
        id="sf-lowercase",
    ),
    pytest.param(
        """
        name: t
        start: 2026-01-05
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:2 (start): 2026-01-05 is not a date and time
          expected: a date and time with a time zone, such as 2026-01-05T09:00:00Z
          fix: add the time and Z for UTC
        """,
        id="start-date",
    ),
    pytest.param(
        """
        name: t
        start: 2026-01-05T09:00:00
        records:
          - alias: ada
            hubspot: contact
        """,
        """
        s.yaml:2 (start): 2026-01-05T09:00:00 has no time zone
          expected: a date and time with a time zone, such as 2026-01-05T09:00:00Z
          fix: add Z for UTC
        """,
        id="start-naive",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: big deal
            hubspot: deal
        """,
        """
        s.yaml:3 (records[0].alias): 'big deal' cannot be an alias
          expected: letters, digits, '-' and '_', such as ada or big-deal
          fix: use a short name without spaces
        """,
        id="alias-space",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            fields: {tags: [a, b]}
        """,
        """
        s.yaml:5 (records[0].fields.tags): a field value is a list, not a single value
          expected: a single value: text, a number, true or false, a date, or null
          fix: give one value; a multiple-choice property takes its options joined by ';' in one string
        """,
        id="field-list",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            entered: X
            count: -1
        """,
        """
        s.yaml:8 (expect[0].count): -1 is below 0
          expected: 0 or more
          fix: use 0 or more
        """,
        id="check-negative",
    ),
]


@pytest.mark.parametrize(("text", "message"), SHAPE)
def test_a_key_or_value_of_the_wrong_shape_is_told_with_its_line(
    error: Error, text: str, message: str
) -> None:
    assert str(error(text)) == said(message)


RULES = [
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            salesforce: Lead
        """,
        """
        s.yaml:3 (records[0]): a record has both hubspot: and salesforce:
          expected: exactly one of hubspot: contact|company|deal or salesforce: Lead|Contact|Account|Opportunity|Task|Case|<Custom>__c
          fix: keep one; the connector creates the counterpart on the other side
        """,
        id="both-platforms",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
        """,
        """
        s.yaml:3 (records[0]): a record has neither hubspot: nor salesforce:
          expected: exactly one of hubspot: contact|company|deal or salesforce: Lead|Contact|Account|Opportunity|Task|Case|<Custom>__c
          fix: add the platform and object, such as hubspot: contact
        """,
        id="no-platform",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
        """,
        """
        s.yaml:6 (journey[0]): an event has no kind
          expected: at: and one of form_submission, page_view, email_open, email_click, edit, stage_move, enrol, turn_on, turn_off, convert, wait
          fix: add one, such as wait: {}
        """,
        id="event-no-kind",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            wait: {}
            page_view: {record: ada, url: u}
        """,
        """
        s.yaml:6 (journey[0]): an event has both page_view and wait
          expected: at: and one of form_submission, page_view, email_open, email_click, edit, stage_move, enrol, turn_on, turn_off, convert, wait
          fix: split it into two items under journey:, each with its own at:
        """,
        id="event-two-kinds",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
        """,
        """
        s.yaml:6 (expect[0]): a check needs something to check
          expected: one of: field + equals, field + sequence, action, entered, flow
          fix: add equals:, for example
        """,
        id="check-nothing",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            equals: 1
        """,
        """
        s.yaml:6 (expect[0]): equals needs field: the field to read
          expected: field: a field name, such as lifecyclestage
          fix: add field:
        """,
        id="check-equals-no-field",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            field: x
            sequence: [a]
            at: 1d
        """,
        """
        s.yaml:6 (expect[0]): at does not go with sequence
          expected: with sequence: field
          fix: remove at, or make it a check of its own
        """,
        id="check-at-with-sequence",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            action: email
            count: 1
            at_least: 2
        """,
        """
        s.yaml:6 (expect[0]): a check has both count and at_least
          expected: count (exactly) or at_least
          fix: keep one of them
        """,
        id="check-count-and-at-least",
    ),
]


@pytest.mark.parametrize(("text", "message"), RULES)
def test_a_record_event_or_check_that_breaks_a_rule_points_at_its_item(
    error: Error, text: str, message: str
) -> None:
    assert str(error(text)) == said(message)


WHOLE_FILE = [
    pytest.param(
        """
        name: t
        records:
          - alias: ada
           hubspot: contact
        """,
        """
        s.yaml:4: not valid YAML: expected <block end>, but found '<block mapping start>'
          expected: YAML: keys and values, two-space indentation, quoted strings where a value holds ': ' or starts with a special character
          fix: look at that line and the one before it: an unclosed bracket or quote, or a line indented differently from its siblings
        """,
        id="yaml-syntax",
    ),
    pytest.param(
        "name: t\nrecords:\n\t- alias: ada\n",
        """
        s.yaml:3: not valid YAML: found character '\\t' that cannot start any token
          expected: YAML: keys and values, two-space indentation, quoted strings where a value holds ': ' or starts with a special character
          fix: look at that line and the one before it: an unclosed bracket or quote, or a line indented differently from its siblings
        """,
        id="tab-indentation",
    ),
    pytest.param(
        "",
        """
        s.yaml:1: the file is empty
          expected: a mapping with name:, records: and optionally journey: and expect:
          fix: start from the example in docs/formats.md, section Scenarios
        """,
        id="empty",
    ),
    pytest.param(
        """
        # nothing yet
        """,
        """
        s.yaml:1: the file is empty
          expected: a mapping with name:, records: and optionally journey: and expect:
          fix: start from the example in docs/formats.md, section Scenarios
        """,
        id="comments-only",
    ),
    pytest.param(
        """
        - name: t
        """,
        """
        s.yaml:1: the file holds a list, not a mapping of keys
          expected: a mapping with name:, records: and optionally journey: and expect:
          fix: start from the example in docs/formats.md, section Scenarios
        """,
        id="top-list",
    ),
    pytest.param(
        """
        just words
        """,
        """
        s.yaml:1: the file holds the value 'just words', not a mapping of keys
          expected: a mapping with name:, records: and optionally journey: and expect:
          fix: start from the example in docs/formats.md, section Scenarios
        """,
        id="top-text",
    ),
]


@pytest.mark.parametrize(("text", "message"), WHOLE_FILE)
def test_a_file_that_is_not_a_scenario_at_all_is_an_error_not_a_traceback(
    error: Error, text: str, message: str
) -> None:
    assert str(error(text)) == said(message)
