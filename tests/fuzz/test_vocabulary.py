"""The fuzzer's vocabulary comes from what NextForce's automation reads."""

from __future__ import annotations

from datetime import timedelta

from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import AutomationModel


def test_a_number_threshold_is_tried_just_below_at_and_just_above(
    nextforce: AutomationModel,
) -> None:
    vocabulary = read_vocabulary(nextforce)

    score = vocabulary.fields[("hubspot", "contact", "hubspotscore")]
    rating = vocabulary.fields[("salesforce", "Lead", "HubSpot_Score__c")]

    assert score.kind == "number"
    assert {49, 50, 51} <= set(score.values)
    assert {79, 80, 81, 49, 50, 51} <= set(rating.values)


def test_every_field_is_also_tried_blank(nextforce: AutomationModel) -> None:
    vocabulary = read_vocabulary(nextforce)

    assert all(field.values[0] is None for field in vocabulary.fields.values())


def test_picklists_and_stages_give_their_values(nextforce: AutomationModel) -> None:
    vocabulary = read_vocabulary(nextforce)

    stage = vocabulary.fields[("hubspot", "contact", "lifecyclestage")]
    loss = vocabulary.fields[("salesforce", "Opportunity", "Loss_Reason__c")]

    assert {"subscriber", "lead", "customer", "other"} <= set(stage.values)
    assert {"Price", "Competitor", "Other"} <= set(loss.values)
    assert "Closed Won" in vocabulary.stages[("salesforce", "Opportunity")]


def test_values_a_trigger_compares_with_are_favoured(
    nextforce: AutomationModel,
) -> None:
    vocabulary = read_vocabulary(nextforce)

    stage = vocabulary.fields[("salesforce", "Opportunity", "StageName")]
    status = vocabulary.fields[("salesforce", "Lead", "Status")]

    assert stage.favoured == ["Closed Won"]  # the closed-won flow's start filter
    assert status.favoured == ["Open - Not Contacted"]  # the stale-lead rule


def test_text_comparisons_bring_their_near_misses(nextforce: AutomationModel) -> None:
    vocabulary = read_vocabulary(nextforce)

    source = vocabulary.fields[("salesforce", "Lead", "LeadSource")]

    assert {"web", "website", "Web Form", "Webinar", "Webinar 2026", "Web"} <= set(
        source.values
    )


def test_forms_pages_and_emails_come_from_the_workflows_with_misses(
    nextforce: AutomationModel,
) -> None:
    vocabulary = read_vocabulary(nextforce)

    assert {"webinar-registration", "demo-request"} <= set(vocabulary.forms)
    assert "newsletter-signup" in vocabulary.forms  # a form nobody listens to
    assert "https://nextforce.example/pricing" in vocabulary.pages
    assert "https://nextforce.example/blog" in vocabulary.pages
    assert "184512300101" in vocabulary.emails


def test_waits_are_the_models_own_delays_and_a_minute_either_side(
    nextforce: AutomationModel,
) -> None:
    vocabulary = read_vocabulary(nextforce)
    two_days = timedelta(days=2)  # the webinar nurture's delay
    minute = timedelta(minutes=1)

    assert {two_days - minute, two_days, two_days + minute} <= set(vocabulary.spans)
    assert timedelta(days=3) in vocabulary.spans  # the stale-lead time trigger
    assert timedelta(minutes=15) in vocabulary.spans  # the connector's poll
    assert vocabulary.horizon > timedelta(days=330)  # the renewal path


def test_each_trigger_and_branch_knows_the_fields_it_reads(
    nextforce: AutomationModel,
) -> None:
    vocabulary = read_vocabulary(nextforce)

    mql = vocabulary.conditions[("hubspot:1632405587", "trigger")]
    hot = vocabulary.conditions[("flow:Lead_Before_Save_Rating", "Score_Band/Hot")]

    assert mql.reads == (
        ("hubspot", "contact", "hubspotscore"),
        ("hubspot", "contact", "lifecyclestage"),
    )
    assert hot.reads == (("salesforce", "Lead", "HubSpot_Score__c"),)
    assert hot.on == ("salesforce", "Lead")


def test_a_process_criterion_reads_the_fields_of_its_formula(
    nextforce: AutomationModel,
) -> None:
    """Opportunity Large Deal Review decides on its formula resource
    formula_myRule_1 (ISCHANGED(Amount) && Amount > 100000 && NOT(IsClosed)):
    the fuzzer edits Amount around 100,000, not a field named after the formula."""
    vocabulary = read_vocabulary(nextforce)

    condition = vocabulary.conditions[
        ("flow:Opportunity_Large_Deal_Review", "myDecision/myRule_1")
    ]
    amount = vocabulary.fields[("salesforce", "Opportunity", "Amount")]

    assert {name for _, _, name in condition.reads} == {"Amount", "IsClosed"}
    assert {99999, 100000, 100001} <= set(amount.values)
    assert ("salesforce", "Opportunity", "formula_myRule_1") not in vocabulary.fields
