"""Transition matrices: declared and exercised, declared only, seen only."""

from __future__ import annotations

from simulator.coverage import Coverage
from simulator.lifecycle import LifecycleMap, StageField
from simulator.report.matrix import TransitionMatrix, transition_matrices
from simulator.report.view import build_report
from simulator.runner import SuiteResult


def cells(matrix: TransitionMatrix) -> dict[tuple[str, str], str]:
    """Every cell that is not empty, as its text."""
    return {
        (cell.source, cell.target): cell.text
        for row in matrix.rows
        for cell in row.cells
        if cell.status not in ("empty", "same")
    }


def test_rows_are_the_stage_left_and_columns_the_stage_entered(
    small_suite: tuple[SuiteResult, Coverage],
) -> None:
    (matrix,) = build_report(*small_suite).matrices
    assert matrix.name == "contact.lifecyclestage"
    assert matrix.stages == ("subscriber", "lead", "marketingqualifiedlead", "customer")
    assert [row.source for row in matrix.rows] == ["(new record)", *matrix.stages]
    assert cells(matrix) == {
        ("(new record)", "subscriber"): "✓ 1",
        ("(new record)", "lead"): "✓ 1",
        ("lead", "marketingqualifiedlead"): "✓ 1",
        ("marketingqualifiedlead", "customer"): "0",
        ("subscriber", "customer"): "! 1",
    }


def test_each_kind_of_cell_says_what_it_is_without_its_colour(
    small_suite: tuple[SuiteResult, Coverage],
) -> None:
    (matrix,) = build_report(*small_suite).matrices
    by_move = {(c.source, c.target): c for row in matrix.rows for c in row.cells}
    assert by_move[("subscriber", "customer")].status == "undeclared"
    assert by_move[("subscriber", "customer")].title == (
        "subscriber → customer: not declared, seen 1×"
    )
    assert by_move[("marketingqualifiedlead", "customer")].status == "unexercised"
    assert by_move[("lead", "subscriber")].title == "lead → subscriber: not declared"
    assert by_move[("lead", "lead")].status == "same"


def test_a_stage_the_map_does_not_list_gets_a_row_and_a_column(
    suite: SuiteResult, coverage: Coverage
) -> None:
    (matrix,) = build_report(suite, coverage).matrices
    # The hand-made coverage has no lifecycle map: stages come in the order met.
    assert matrix.stages == ("lead", "marketingqualifiedlead", "customer")
    assert cells(matrix)[("lead", "customer")] == "! 1"


def test_a_declared_field_no_record_touched_still_has_its_matrix() -> None:
    moves = frozenset({(None, "Open"), ("Open", "Closed")})
    field = StageField("salesforce", "Lead", "Status", ("Open", "Closed"), moves)
    (matrix,) = transition_matrices([], LifecycleMap("lifecycle.yaml", (field,)))
    assert matrix.stages == ("Open", "Closed")
    assert cells(matrix) == {}


def test_deal_stage_headers_show_the_pipeline_labels_of_their_ids() -> None:
    (matrix,) = transition_matrices(
        [],
        LifecycleMap(
            "lifecycle.yaml",
            (StageField("hubspot", "deal", "dealstage", ("closedwon",), frozenset()),),
        ),
        {("hubspot", "deal", "dealstage"): {"closedwon": "Closed Won"}},
    )
    partner = TransitionMatrix(
        "hubspot", "deal", "dealstage", (), (), {"93115401": "Referred by partner"}
    )

    assert matrix.label("closedwon") == "Closed Won"  # the id is the label
    assert partner.label("93115401") == "Referred by partner (93115401)"
    assert partner.label("(new record)") == "(new record)"
