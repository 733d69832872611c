"""Every alias names a record, and every time falls while the record and the run exist.

The messages are compared whole, as the user reads them; some lines run long.
"""
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Callable
from textwrap import dedent

import pytest

from simulator.errors import ScenarioError

Error = Callable[[str], ScenarioError]

REFERENCES = [
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            edit: {record: adaa, fields: {x: 1}}
        """,
        """
        s.yaml:7 (journey[0].edit.record): no record has the alias 'adaa'
          expected: one of the aliases under records: ada
          fix: did you mean 'ada'?
        """,
        id="dangling-event",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: bob
            entered: X
        """,
        """
        s.yaml:6 (expect[0].record): no record has the alias 'bob'
          expected: one of the aliases under records: ada
          fix: add a record with alias: bob, or use one of those
        """,
        id="dangling-check",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
          - alias: ada
            salesforce: Lead
        """,
        """
        s.yaml:5 (records[1].alias): the alias 'ada' is taken by the record on line 3
          expected: a different alias for each record
          fix: rename one of them
        """,
        id="duplicate-alias",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
            at: 1d
        journey:
          - at: 2h
            page_view: {record: ada, url: u}
        """,
        """
        s.yaml:7 (journey[0].at): at 2h comes before 'ada' is created (at 1d)
          expected: at 1d or later
          fix: move it later, or create 'ada' earlier
        """,
        id="before-creation",
    ),
    pytest.param(
        """
        name: t
        until: 7d
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 8d
            wait: {}
        """,
        """
        s.yaml:7 (journey[0].at): at 8d is after the run ends (until: 1w)
          expected: an offset of at most 1w
          fix: move it earlier, or raise until:
        """,
        id="after-until",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: lin
            salesforce: Lead
        journey:
          - at: 1h
            form_submission: {record: lin, form: f}
        """,
        """
        s.yaml:7 (journey[0].form_submission): a form_submission happens in HubSpot, but 'lin' is a Salesforce Lead
          expected: a HubSpot contact, or a Salesforce record with system: hubspot
          fix: add system: hubspot to use its HubSpot counterpart
        """,
        id="form-on-lead",
    ),
    pytest.param(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            stage_move: {record: ada, stage: Won}
        """,
        """
        s.yaml:7 (journey[0].stage_move): a stage_move moves a deal or an opportunity, but 'ada' is a HubSpot contact
          expected: the alias of a HubSpot deal or a Salesforce Opportunity
          fix: to change another record's stage, edit its stage field with edit:
        """,
        id="stage-move-contact",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFERENCES)
def test_a_broken_reference_is_told_at_the_line_that_makes_it(
    error: Error, text: str, message: str
) -> None:
    assert str(error(text)) == dedent(message).strip("\n")
