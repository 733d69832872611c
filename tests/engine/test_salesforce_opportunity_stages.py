"""Opportunity stages set Probability, ForecastCategoryName, IsClosed and IsWon.

Sources: the OpportunityStage object (default probability, forecast
category, closed and won of each stage value),
https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunitystage.htm
and knowledge article 000187810, "Remove linkage between stage and
probability": "The Probability value is always updated by a change in the
Stage value ... Users with access to edit this field can override the value",
https://help.salesforce.com/apex/HTViewSolution?id=000187810&language=en_US
"""

from __future__ import annotations

from model_folder import ModelFolder, assert_expectations_hold, changes, record
from salesforce_xml import stage_value_set

from simulator.engine.settings import EngineSettings

DEAL = """
    name: {name}
    records:
      - alias: deal
        salesforce: Opportunity
        fields: {{Name: Acme Expansion, StageName: Prospecting,
                 CloseDate: 2026-03-31{extra}}}
    journey:
{journey}
    expect:
{expect}
"""


def _scenario(name: str, journey: str, expect: str, extra: str = "") -> str:
    return DEAL.format(name=name, journey=journey, expect=expect, extra=extra)


def test_stage_to_probability_follows_the_standard_stages(model: ModelFolder):
    """Without a StageName picklist in the model, the standard stages of a new
    org apply: Prospecting 10 % Pipeline, Negotiation/Review 90 %, Closed Won
    100 % Closed, won and closed (OpportunityStage sample values, shared
    reference salesforce.md (d))."""
    result = model.run(
        _scenario(
            "stages set the probability",
            "      - {at: 1h, stage_move: {record: deal, stage: Negotiation/Review}}\n"
            "      - {at: 2h, stage_move: {record: deal, stage: Closed Won}}",
            "      - {record: deal, field: Probability, at: 30m, equals: 10}\n"
            "      - {record: deal, field: ForecastCategoryName, at: 30m,"
            " equals: Pipeline}\n"
            "      - {record: deal, field: Probability, at: 1h, equals: 90}\n"
            "      - {record: deal, field: IsClosed, at: 1h, equals: false}\n"
            "      - {record: deal, field: Probability, equals: 100}\n"
            "      - {record: deal, field: ForecastCategoryName, equals: Closed}\n"
            "      - {record: deal, field: IsClosed, equals: true}\n"
            "      - {record: deal, field: IsWon, equals: true}",
        )
    )
    assert_expectations_hold(result)
    [*_, last] = changes(result, "deal", "Probability")
    assert last.cause.kind == "system" and last.cause.parent is not None
    assert last.cause.parent.kind == "person"


def test_stage_to_probability_reads_the_stage_picklist_metadata(model: ModelFolder):
    """The OpportunityStage standard value set of the model gives each stage
    its probability, forecast category and closed and won flags."""
    model.standard_value_set(
        "OpportunityStage",
        stage_value_set(
            [
                ("Prospecting", 5, "Pipeline", False, False),
                ("Commit", 80, "Forecast", False, False),
                ("Lost", 0, "Omitted", True, False),
            ]
        ),
    )
    result = model.run(
        _scenario(
            "custom stages",
            "      - {at: 1h, stage_move: {record: deal, stage: Commit}}\n"
            "      - {at: 2h, stage_move: {record: deal, stage: Lost}}",
            "      - {record: deal, field: Probability, at: 30m, equals: 5}\n"
            "      - {record: deal, field: Probability, at: 1h, equals: 80}\n"
            "      - {record: deal, field: ForecastCategoryName, at: 1h,"
            " equals: Forecast}\n"
            "      - {record: deal, field: Probability, equals: 0}\n"
            "      - {record: deal, field: IsClosed, equals: true}\n"
            "      - {record: deal, field: IsWon, equals: false}",
        )
    )
    assert_expectations_hold(result)


def test_a_stage_change_overwrites_a_probability_set_by_hand(model: ModelFolder):
    """KB 000187810: "The Probability value is always updated by a change in
    the Stage value", even when a rep set it by hand before."""
    result = model.run(
        _scenario(
            "the stage overwrites the rep's probability",
            "      - {at: 1h, edit: {record: deal, fields: {Probability: 35}}}\n"
            "      - {at: 2h, stage_move: {record: deal, stage: Needs Analysis}}",
            "      - {record: deal, field: Probability, at: 1h, equals: 35}\n"
            "      - {record: deal, field: Probability, equals: 20}",
        )
    )
    assert_expectations_hold(result)


def test_a_probability_given_with_the_stage_change_is_kept(model: ModelFolder):
    """KB 000187810: "Users with access to edit this field can override the
    value": a probability written in the same save as the stage wins."""
    result = model.run(
        _scenario(
            "the rep overrides the probability with the stage",
            "      - at: 1h\n"
            "        edit: {record: deal, fields: {StageName: Needs Analysis,"
            " Probability: 45}}",
            "      - {record: deal, field: Probability, equals: 45}\n"
            "      - {record: deal, field: ForecastCategoryName, equals: Pipeline}",
        )
    )
    assert_expectations_hold(result)


def test_keep_manual_keeps_a_hand_set_probability_across_stage_changes(
    model: ModelFolder,
):
    """With stage_change_probability = "keep_manual" (docs/settings.md) a
    probability that differs from the old stage's default survives a later
    stage change; one still at the default follows the stage."""
    scenario = _scenario(
        "keep the rep's probability",
        "      - {at: 1h, edit: {record: deal, fields: {Probability: 35}}}\n"
        "      - {at: 2h, stage_move: {record: deal, stage: Needs Analysis}}",
        "      - {record: deal, field: Probability, equals: 35}",
    )
    result = model.run(scenario, EngineSettings(stage_change_probability="keep_manual"))
    assert_expectations_hold(result)
    untouched = model.run(
        _scenario(
            "untouched probability follows",
            "      - {at: 2h, stage_move: {record: deal, stage: Needs Analysis}}",
            "      - {record: deal, field: Probability, equals: 20}",
        ),
        EngineSettings(stage_change_probability="keep_manual"),
    )
    assert_expectations_hold(untouched)
    assert record(untouched, "deal").fields["IsClosed"] is False
