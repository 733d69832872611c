"""An expectation names workflows, flows and fields the model has, or fails saying so.

A misspelt workflow in ``entered:`` with ``count: 0``, or a misspelt field
with ``equals: null``, would pass: nothing ever enters or sets what does not
exist. Once the model is known each is a scenario error with file:line, what
was expected and a did-you-mean. Fields are open-ended (a portal or org has
many the model never names), so only a near miss of a known field is one.
The messages are compared whole, as the user reads them.
"""
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hubspot_json import contact_flow, list_based, number_filter, set_property
from model_folder import ModelFolder, assert_expectations_hold
from salesforce_xml import record_triggered_flow, text, update_triggering_record

from simulator.model import load_model
from simulator.runner import ScenarioResult
from simulator.scenario import load_scenario
from simulator.scenario.model_names import model_problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scoring(model: ModelFolder) -> ModelFolder:
    """A scoring workflow that sets lifecyclestage, and a lead rating flow."""
    model.hubspot_workflow(
        contact_flow(
            "Lead scoring to MQL",
            list_based([number_filter("hubspotscore", "IS_GREATER_THAN", 49)]),
            [set_property("1", "lifecyclestage", "marketingqualifiedlead")],
        )
    )
    model.flow(
        "Lead_Rating",
        record_triggered_flow(
            "Lead rating",
            "Lead",
            timing="RecordBeforeSave",
            when="Create",
            first="Rate",
            elements=update_triggering_record("Rate", [("Rating", text("Warm"))]),
        ),
    )
    return model


def _run(model: ModelFolder, expect: str) -> ScenarioResult:
    scenario = """
        name: t
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60}
          - alias: lee
            salesforce: Lead
            fields: {LastName: Lee, Company: Acme}
        expect:
        """
    return model.run(dedent(scenario) + dedent(expect).lstrip("\n"))


def _rendered(result: ScenarioResult) -> str:
    return "\n".join(failure.render() for failure in result.failures)


def test_a_misspelt_workflow_with_count_0_is_an_error_not_a_pass(scoring):
    result = _run(
        scoring,
        """
        - record: ada
          entered: Lead scoring to MQ
          count: 0
        """,
    )
    assert _rendered(result) == dedent(
        f"""\
        {scoring.scenario_file}:10: expect[0].entered: no workflow, flow or workflow rule in the model is named 'Lead scoring to MQ'
          expected: one of 'Lead scoring to MQL', 'Lead rating', or a flow's API name
          fix: did you mean 'Lead scoring to MQL'?"""
    )


def test_a_workflow_no_name_is_near_says_how_to_write_one(scoring):
    result = _run(scoring, "- {record: ada, entered: No Such Workflow}\n")
    [failure] = result.failures
    assert failure.check == (
        "expect[0].entered: no workflow, flow or workflow rule in the model is "
        "named 'No Such Workflow'"
    )
    assert failure.fix == "write the name as the model folder spells it"


def test_a_flow_check_on_a_misspelt_flow_suggests_the_flow(scoring):
    result = _run(scoring, "- {record: lee, flow: Lead_Ratin, visited: Rate}\n")
    assert _rendered(result) == dedent(
        f"""\
        {scoring.scenario_file}:10: expect[0].flow: no Salesforce flow in the model is named 'Lead_Ratin'
          expected: one of 'Lead rating', or a flow's API name
          fix: did you mean 'Lead_Rating'?"""
    )


def test_workflows_and_flows_are_named_by_name_label_or_api_name(scoring):
    result = _run(
        scoring,
        """
        - {record: ada, entered: Lead scoring to MQL}
        - {record: lee, entered: Lead rating}
        - {record: lee, entered: Lead_Rating}
        - {record: lee, flow: Lead_Rating, visited: Rate}
        - {record: lee, flow: Lead rating, visited: Rate}
        """,
    )
    assert_expectations_hold(result)


def test_a_misspelt_field_with_equals_null_is_an_error_not_a_pass(scoring):
    result = _run(scoring, "- {record: ada, field: lifecylestage, equals: null}\n")
    assert _rendered(result) == dedent(
        f"""\
        {scoring.scenario_file}:10: expect[0].field: the model knows no HubSpot field 'lifecylestage', but knows 'lifecyclestage'
          expected: a field a definition reads or sets, the connector maps, a record of the scenario or of the run has, or the model folder describes
          fix: did you mean 'lifecyclestage'?"""
    )


def test_a_field_in_the_wrong_case_is_an_error(scoring):
    result = _run(scoring, "- {record: lee, field: rating, sequence: [Warm]}\n")
    [failure] = result.failures
    assert failure.fix == "did you mean 'Rating'?"


def test_a_field_the_model_never_names_is_accepted_when_no_known_one_is_near(
    scoring,
):
    result = _run(
        scoring,
        """
        - {record: ada, field: favourite_colour, equals: null}
        - {record: lee, field: Industry, equals: null}
        """,
    )
    assert_expectations_hold(result)


def test_fields_the_scenario_gives_or_the_run_writes_are_known(scoring):
    """hubspotscor is given by a record, lifecyclestage set by the workflow,
    Rating by the flow, Company by the scenario: none is a typo of another."""
    scenario = """
        name: t
        records:
          - alias: ada
            hubspot: contact
            fields: {hubspotscore: 60, hubspotscor: 1}
          - alias: lee
            salesforce: Lead
            fields: {LastName: Lee, Company: Acme}
        expect:
          - {record: ada, field: hubspotscor, equals: 1}
          - {record: ada, field: lifecyclestage, equals: marketingqualifiedlead}
          - {record: lee, field: Rating, equals: Warm}
          - {record: lee, field: Company, equals: Acme}
        """
    assert_expectations_hold(scoring.run(scenario))


def test_the_field_is_checked_on_the_side_the_check_reads(scoring, write_scenario):
    """Rating is a Salesforce field: ratin is its typo on the Lead, not on
    the Lead's HubSpot counterpart (system: hubspot), where no Rating is known."""
    path = write_scenario(
        """
        name: t
        records:
          - alias: lee
            salesforce: Lead
        expect:
          - {record: lee, field: ratin, equals: null}
          - {record: lee, system: hubspot, field: ratin, equals: null}
        """
    )
    problems = model_problems(load_scenario(path), load_model(scoring.root))
    assert list(problems) == [0]


def test_model_problems_point_at_the_key_given_the_line_index(scoring, write_scenario):
    """Given the file's lines, the problem is on the line of the key itself."""
    from simulator.yaml_lines import load_yaml

    path = write_scenario(
        """
        name: t
        records:
          - alias: ada
            hubspot: contact
        expect:
          - record: ada
            entered: Lead scoring to MQ
        """
    )
    _, lines = load_yaml(path)
    problems = model_problems(load_scenario(path), load_model(scoring.root), (), lines)
    assert [(index, problem.line) for index, problem in problems.items()] == [(0, 7)]


def test_the_nextforce_scenarios_name_only_what_the_model_has():
    """The bundled scenarios, checked against the bundled model: no problem."""
    model = load_model(ROOT / "fixtures" / "nextforce")
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert model_problems(load_scenario(path), model) == {}, path


@pytest.fixture
def write_scenario(tmp_path: Path):
    def write(text: str) -> Path:
        path = tmp_path / "typo.yaml"
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write
