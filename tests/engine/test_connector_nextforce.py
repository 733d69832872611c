"""The NextForce sync- scenarios report the findings their descriptions promise.

A scenario checks field values, not findings; these tests run the same files
and check the sync error and the sync loop they describe.
"""

from __future__ import annotations

from pathlib import Path

from model_folder import assert_expectations_hold, findings

from simulator.model import load_model
from simulator.runner import ScenarioResult, run_scenario
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
NEXTFORCE = ROOT / "fixtures" / "nextforce"
LOOP = ROOT / "fixtures" / "mutants" / "sync-loop-lead-source"
LOOP_SCENARIO = ROOT / "scenarios" / "sync-loop-lead-source-found.yaml"


def _run(model: Path, scenario: Path) -> ScenarioResult:
    return run_scenario(load_model(model), load_scenario(scenario))


def test_the_deal_without_an_amount_is_one_sync_error_naming_the_rule():
    """https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors"""
    result = _run(
        NEXTFORCE,
        ROOT / "scenarios" / "sync-error-deal-without-amount-waits-for-its-amount.yaml",
    )
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "validation rule Opportunity.Amount_Required_Past_Qualification: "
        "Enter an amount before moving the opportunity past Qualification."
    )
    assert findings(result, "validation_failed") == []


def test_the_evangelist_is_one_picklist_sync_error():
    """https://knowledge.hubspot.com/salesforce/resolve-salesforce-integration-sync-errors
    (property value errors: picklist value not allowed)"""
    result = _run(
        NEXTFORCE,
        ROOT
        / "scenarios"
        / "sync-error-evangelist-is-not-a-salesforce-lifecycle-stage.yaml",
    )
    assert_expectations_hold(result)
    [error] = findings(result, "sync_error")
    assert error.message.startswith(
        "picklist value 'evangelist' not accepted for Lifecycle_Stage__c"
    )


def test_the_lead_source_mutant_loops_and_the_loop_is_stopped_and_named():
    """The mutant's workflow and NextForce's rating flow rewrite lead source
    through the sync until revsim stops the chain (docs/settings.md,
    max_sync_round_trips)."""
    result = _run(NEXTFORCE, LOOP_SCENARIO)  # the file names the mutant as its model
    assert result.simulation.model.root == LOOP
    assert_expectations_hold(result)
    [loop] = findings(result, "sync_loop")
    assert "lead_source ↔ LeadSource" in loop.message
    assert "HubSpot workflow 'Lead source: Website'" in loop.message
    assert "Salesforce flow 'Lead | Before Save | Rating'" in loop.message
    assert findings(result, "event_budget") == []


def test_the_correct_model_has_no_sync_loop():
    """The same journey through NextForce itself: the flow's Web reaches
    HubSpot once and stays."""
    scenario = load_scenario(LOOP_SCENARIO).model_copy(update={"model": None})
    result = run_scenario(load_model(NEXTFORCE), scenario)
    assert findings(result, "sync_loop") == []


def test_the_trace_tells_of_a_sync_before_the_automation_its_insert_ran():
    """The connector creates the lead; the insert then runs the lead's
    before-save flow. The trace (and the report's timeline) keeps that order."""
    result = _run(
        NEXTFORCE, ROOT / "scenarios" / "mql-contact-syncs-to-salesforce-as-lead.yaml"
    )
    entries = result.simulation.trace.entries

    sync = next(
        i for i, e in enumerate(entries) if e.message.startswith("created Lead")
    )
    rating = next(
        i
        for i, e in enumerate(entries)
        if e.cause.name == "Lead | Before Save | Rating"
    )
    assert entries[sync].time == entries[rating].time
    assert sync < rating
