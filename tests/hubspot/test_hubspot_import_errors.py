"""A workflow file that cannot be read says where: file and line, or the JSON path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hubspot_flows import flow, or_of_and, property_filter, set_property

from simulator.errors import DefinitionError
from simulator.hubspot.model import Workflow
from simulator.hubspot.workflow import WorkflowFragment, load_workflow

Load = Callable[[object], Workflow]


def failure(load: Load, data: object) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        load(data)
    return caught.value


def test_malformed_json_names_the_file_line_and_column(
    write: Callable[[object], Path],
) -> None:
    path = write('{\n  "name": "x",\n  "actions": [\n    {"actionId": "1",}\n  ]\n}')
    with pytest.raises(DefinitionError) as caught:
        load_workflow(path)
    error = caught.value
    assert (error.file, error.line) == (str(path), 4)
    assert "not valid JSON" in error.message and "column 22" in error.message
    assert str(error).startswith(f"{path}:4: not valid JSON")


def test_an_unterminated_string_reads_once_at_its_line_and_column_with_a_fix(
    write: Callable[[object], Path],
) -> None:
    path = write('{\n  "name": "Expansion signal')
    with pytest.raises(DefinitionError) as caught:
        load_workflow(path)
    error = caught.value
    assert error.line == 2
    assert error.message == (
        "not valid JSON: Unterminated string starting at line 2, column 11"
    )
    assert error.fix == (
        "export the workflow again: GET /automation/v4/flows/{flowId} returns it whole"
    )


def test_a_dangling_next_action_id_is_an_error_at_its_json_path(load: Load) -> None:
    # startActionId / nextActionId name actions by id (automationV4 OpenAPI spec).
    error = failure(load, flow([set_property("1", "a", "b", next_id="7")]))
    assert error.place == "actions[0].connection.nextActionId"
    assert "'7' names no action" in error.message
    assert error.expected == "one of the actionIds: 1"


def test_a_dangling_branch_connection_is_an_error_at_its_json_path(load: Load) -> None:
    branch = {
        "type": "LIST_BRANCH",
        "actionId": "1",
        "listBranches": [
            {
                "branchName": "MQL",
                "filterBranch": or_of_and(),
                "connection": {"edgeType": "STANDARD", "nextActionId": "2"},
            }
        ],
        "defaultBranch": {"edgeType": "STANDARD", "nextActionId": "404"},
    }
    error = failure(load, flow([branch, set_property("2", "a", "b")]))
    assert error.place == "actions[0].defaultBranch.nextActionId"


def test_a_start_action_id_that_names_no_action_is_an_error(load: Load) -> None:
    error = failure(load, flow(startActionId="9"))
    assert error.place == "startActionId"


def test_an_action_id_used_twice_is_an_error(load: Load) -> None:
    error = failure(
        load, flow([set_property("1", "a", "b"), set_property("1", "a", "c")])
    )
    assert error.place == "actions[1].actionId"


def test_an_unknown_operator_is_refused_at_import_listing_the_known_ones(
    load: Load,
) -> None:
    criteria = {
        "type": "LIST_BASED",
        "listFilterBranch": or_of_and(
            property_filter("city", "EQUALS", "STRING", value="x")
        ),
    }
    error = failure(load, flow(enrollmentCriteria=criteria))
    assert error.place == (
        "enrollmentCriteria.listFilterBranch.filterBranches[0].filters[0].operation.operator"
    )
    assert error.message == "unknown operator 'EQUALS' for a STRING filter"
    assert error.expected and "IS_EQUAL_TO" in error.expected
    assert "CONTAINS" in error.expected


def test_an_unknown_operation_type_is_refused_at_import(load: Load) -> None:
    criteria = {
        "type": "LIST_BASED",
        "listFilterBranch": or_of_and(property_filter("city", "IS_EQUAL_TO", "TEXT")),
    }
    error = failure(load, flow(enrollmentCriteria=criteria))
    assert error.message == "unknown operationType 'TEXT'"


def test_a_number_filter_needs_a_number(load: Load) -> None:
    score = property_filter("hubspotscore", "IS_GREATER_THAN", "NUMBER", value="high")
    error = failure(
        load,
        flow(
            enrollmentCriteria={
                "type": "LIST_BASED",
                "listFilterBranch": or_of_and(score),
            }
        ),
    )
    assert error.place and error.place.endswith("filters[0].operation.value")


def test_list_based_enrolment_without_its_filter_is_an_error(load: Load) -> None:
    error = failure(load, flow(enrollmentCriteria={"type": "LIST_BASED"}))
    assert error.place == "enrollmentCriteria.listFilterBranch"


def test_an_unknown_edge_type_lists_the_known_ones(load: Load) -> None:
    action = set_property("1", "a", "b", next_id="1")
    action["connection"]["edgeType"] = "JUMP"
    error = failure(load, flow([action]))
    assert error.place == "actions[0].connection.edgeType"
    assert error.expected == "one of STANDARD, GOTO, GO-TO"


def test_an_unknown_delay_unit_lists_the_known_ones(load: Load) -> None:
    delay = {
        "type": "SINGLE_CONNECTION",
        "actionId": "1",
        "actionTypeId": "0-1",
        "fields": {"delta": "1", "time_unit": "FORTNIGHTS"},
    }
    error = failure(load, flow([delay]))
    assert error.place == "actions[0].fields.time_unit"
    assert error.expected == "one of MINUTES, HOURS, DAYS, WEEKS"


def test_a_list_of_flows_is_not_taken_for_one(load: Load) -> None:
    error = failure(load, {"results": [flow()], "paging": {}})
    assert "list of flows" in error.message


def test_an_enrolment_criteria_object_alone_is_a_fragment(load: Load) -> None:
    with pytest.raises(
        WorkflowFragment, match=r"fragment of a workflow \(its enrollment"
    ):
        load(flow()["enrollmentCriteria"])


def test_a_v4_flow_with_a_v3_type_is_refused_as_not_v4(load: Load) -> None:
    mixed = flow(type="DRIP_DELAY")
    error = failure(load, mixed)
    assert not isinstance(error, WorkflowFragment)
    assert "legacy v3 workflow" in error.message
