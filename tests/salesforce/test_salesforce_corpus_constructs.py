"""Every construct the corpus's Salesforce automation uses has a test.

The constructs are gathered from the record-triggered flows, processes and
workflow rule files of ../shared/corpus/salesforce as revsim imports them
(corpus_constructs.py). Each must appear below with the test that runs it;
operators are covered by tests named after them, formula functions by the
formula tests that call them. A construct the corpus gains fails this test
until a test for it is named here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from corpus_constructs import corpus_constructs
from shared_corpus import CORPUS, SALESFORCE_CORPUS

TESTS = Path(__file__).resolve().parents[1]

# The test that runs each construct: (file under tests/, test) → constructs.
TESTS_OF: dict[tuple[str, str], tuple[str, ...]] = {
    (
        "engine/test_salesforce_system_validation.py",
        "test_a_before_save_flow_can_fill_a_required_field",
    ): ("trigger before Create",),
    (
        "engine/test_salesforce_save_order.py",
        "test_a_before_save_flow_runs_before_validation_rules",
    ): ("trigger before Update",),
    (
        "engine/test_salesforce_save_order.py",
        "test_a_before_save_flow_change_is_saved_without_another_save",
    ): (
        "trigger before CreateAndUpdate",
        "reference $Record",
        "element Decision",
        "element Assignment",
        "assignment Assign",
    ),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_a_create_flow_runs_on_create_and_an_update_flow_on_update",
    ): (
        "trigger after Create",
        "trigger after Update",
    ),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_a_scheduled_path_runs_at_its_offset_and_is_dropped_when_the_record_no_longer_qualifies",
    ): ("trigger after CreateAndUpdate",),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_delete_records_by_filter_runs_before_delete_flows",
    ): (
        "trigger before_delete Delete",
        "element RecordDelete",
    ),
    (
        "engine/test_salesforce_process_builder.py",
        "test_an_on_create_only_process_runs_on_create_only",
    ): ("process Create",),
    (
        "engine/test_salesforce_process_builder.py",
        "test_a_process_compares_myvariable_current_with_myvariable_old",
    ): ("process CreateAndUpdate",),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_only_when_updated_to_meet_the_condition_runs_once_on_the_change",
    ): ("only when updated to meet",),
    (
        "engine/test_salesforce_entry_conditions.py",
        "test_an_entry_formula_reads_ischanged_isnew_and_priorvalue",
    ): ("filterFormula",),
    (
        "engine/test_salesforce_save_order.py",
        "test_the_flow_with_the_higher_trigger_order_writes_last_and_wins",
    ): ("triggerOrder",),
    (
        "salesforce/test_salesforce_logic.py",
        "test_and_needs_every_condition",
    ): ("condition logic and",),
    (
        "salesforce/test_salesforce_logic.py",
        "test_or_needs_one_condition",
    ): ("condition logic or",),
    (
        "engine/test_salesforce_entry_conditions.py",
        "test_custom_condition_logic_joins_entry_conditions_by_number",
    ): ("custom condition logic",),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_a_decision_outcome_that_needs_the_change_to_meet_it_is_taken_once",
    ): ("outcome requires change",),
    (
        "engine/test_salesforce_scheduled_paths.py",
        "test_scheduled_path_offsets_in_minutes_hours_days_and_months",
    ): (
        "scheduled path RecordTriggerEvent",
        "offset unit Minutes",
        "offset unit Hours",
        "offset unit Days",
        "offset unit Months",
    ),
    (
        "engine/test_salesforce_scheduled_paths.py",
        "test_a_scheduled_path_is_rescheduled_when_its_time_source_field_changes",
    ): ("scheduled path RecordField",),
    (
        "engine/test_salesforce_scheduled_paths.py",
        "test_a_run_asynchronously_path_runs_right_after_the_commit",
    ): (
        "scheduled path AsyncAfterCommit",
        "update records $Record",
    ),
    (
        "engine/test_salesforce_entry_conditions.py",
        "test_formula_resources_of_each_data_type_and_flow_globals",
    ): (
        "resource formula Boolean",
        "resource formula Date",
        "resource formula DateTime",
        "resource formula Number",
        "resource formula String",
        "resource constant",
        "resource variable",
        "reference $Flow.CurrentDate",
        "reference $Flow.CurrentDateTime",
        "assignment Subtract",
    ),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_loop_runs_its_body_for_each_item_then_leaves_by_no_more_values",
    ): (
        "collection variable",
        "element RecordLookup",
        "element Loop",
        "assignment Add",
        "assignment AssignCount",
        "update records variable",
        "get records all",
        "get records sorted",
        "loop Asc",
    ),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_an_after_save_flow_sees_the_prior_values_in_record_prior",
    ): ("reference $Record__Prior",),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_fault_path_reads_the_fault_message",
    ): (
        "reference $Flow.FaultMessage",
        "fault connector",
    ),
    (
        "salesforce/test_salesforce_flow_import.py",
        "test_values_become_python_values",
    ): (
        "value bool",
        "value int",
        "value float",
        "value str",
        "value date",
        "value datetime",
    ),
    (
        "engine/test_salesforce_flow_triggers.py",
        "test_an_after_save_flow_that_updates_another_record_saves_it",
    ): (
        "element RecordUpdate",
        "update records by filter",
    ),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_create_records_by_field_values_saves_each_new_record",
    ): (
        "element RecordCreate",
        "create records fields",
    ),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_collection_filter_and_sort_keep_and_order_items",
    ): (
        "element CollectionFilter",
        "element CollectionSort",
    ),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_subflow_in_the_model_runs_with_its_inputs_and_returns_outputs",
    ): ("element Subflow",),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_transform_maps_values_into_a_record_that_create_records_saves",
    ): ("element Transform",),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_custom_error_refuses_the_save",
    ): ("element CustomError",),
    (
        "engine/test_salesforce_stubs.py",
        "test_a_stub_sets_fields_on_the_record_and_gives_the_actions_outputs",
    ): ("element action apex",),
    (
        "engine/test_salesforce_process_builder.py",
        "test_a_process_runs_a_flow_it_calls_and_stubs_other_actions",
    ): (
        "element action chatterPost",
        "element action flow",
    ),
    (
        "corpus/test_real_flows.py",
        "test_new_vendor_alert_only_for_vendor_accounts_on_create",
    ): ("element action emailAlert",),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_create_records_from_a_record_variable_takes_its_object",
    ): ("create records variable",),
    (
        "corpus/test_real_flows.py",
        "test_employee_count_copied_from_latest_submitted_proposal",
    ): (
        "get records first",
        "get records output assignments",
    ),
    (
        "engine/test_salesforce_flow_elements.py",
        "test_a_loop_in_descending_iteration_order_starts_from_the_last_item",
    ): ("loop Desc",),
    (
        "engine/test_salesforce_workflow_rules.py",
        "test_each_evaluation_criterion_fires_on_the_saves_it_names",
    ): (
        "workflow onCreateOnly",
        "workflow onAllChanges",
        "workflow onCreateOrTriggeringUpdate",
    ),
    (
        "engine/test_salesforce_workflow_actions.py",
        "test_boolean_filter_and_formula_criteria_decide_whether_a_rule_fires",
    ): (
        "workflow formula criteria",
        "workflow booleanFilter",
        "time trigger unit Hours",
    ),
    (
        "engine/test_salesforce_workflow_actions.py",
        "test_email_alerts_and_tasks_are_recorded_as_actions",
    ): (
        "workflow action Alert",
        "workflow action Task",
    ),
    (
        "engine/test_salesforce_workflow_actions.py",
        "test_field_update_operations_literal_formula_null_next_previous_and_lookup",
    ): (
        "workflow action FieldUpdate",
        "field update Literal",
        "field update Formula",
        "field update Null",
        "field update NextValue",
        "field update PreviousValue",
        "field update LookupValue",
    ),
    (
        "engine/test_salesforce_workflow_rules.py",
        "test_a_field_update_that_re_evaluates_fires_the_rules_its_change_meets",
    ): ("reevaluateOnChange",),
    (
        "engine/test_salesforce_workflow_actions.py",
        "test_a_cross_object_field_update_saves_the_parent",
    ): ("cross-object field update",),
    (
        "engine/test_salesforce_workflow_rules.py",
        "test_a_time_trigger_timed_from_a_date_field_fires_offset_from_that_date",
    ): (
        "time trigger from field",
        "time trigger unit Days",
        "time action FieldUpdate",
    ),
    (
        "engine/test_salesforce_workflow_rules.py",
        "test_a_time_trigger_fires_its_length_after_the_rule_fired",
    ): ("time trigger from rule",),
}
COVERED = {c: f"{f}::{n}" for (f, n), cs in TESTS_OF.items() for c in cs}
OPERATOR_TESTS = "salesforce/test_salesforce_operators.py"
FORMULA_TESTS = "formula"


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def _test_names(relative: str) -> set[str]:
    tree = ast.parse((TESTS / relative).read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def _covered(construct: str) -> bool:
    kind, _, name = construct.partition(" ")
    if kind == "operator":
        return any(
            test.startswith(f"test_{_snake(name)}_")
            for test in _test_names(OPERATOR_TESTS)
        )
    if kind == "criteria":
        return any(_snake(name) in test for test in _test_names(OPERATOR_TESTS))
    if kind == "function":
        calls = re.compile(rf"\b{name}\s*\(", re.IGNORECASE)
        return any(
            calls.search(path.read_text(encoding="utf-8"))
            for path in (TESTS / FORMULA_TESTS).glob("test_*.py")
        )
    return construct in COVERED


def test_every_construct_of_the_corpus_salesforce_automation_has_a_test() -> None:
    if not SALESFORCE_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    found = corpus_constructs(SALESFORCE_CORPUS)
    assert len(found) > 100  # the gathering itself works
    missing = {
        construct: sorted(files)[:3]
        for construct, files in found.items()
        if not _covered(construct)
    }
    assert not missing, f"constructs without a test: {missing}"


@pytest.mark.parametrize("construct", sorted(COVERED))
def test_each_named_test_exists(construct: str) -> None:
    relative, _, name = COVERED[construct].partition("::")
    assert name in _test_names(relative), COVERED[construct]
