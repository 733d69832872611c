"""The built-in invariants, each on a journey that keeps it and one that breaks it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fuzz_paths import MUTANTS, NEXTFORCE

from simulator.engine.settings import EngineSettings
from simulator.fuzz.invariant_file import InvariantFile, load_invariants
from simulator.fuzz.invariants import Violation, caused_by, check_run
from simulator.fuzz.journey import Journey, PlannedRecord, Step, to_scenario
from simulator.fuzz.observe import Run, Runner
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import load_model

MINUTE = timedelta(minutes=1)
TAIL = timedelta(days=40)


def run(folder: Path, journey: Journey) -> Run:
    model = load_model(folder)
    runner = Runner(model, EngineSettings(), read_vocabulary(model).conditions)
    return runner.run(to_scenario(journey))


def violations(
    folder: Path, journey: Journey, invariants: InvariantFile | None = None
) -> list[Violation]:
    own = load_invariants(folder) if invariants is None else invariants
    return check_run(run(folder, journey), own)


def contact(**fields: object) -> PlannedRecord:
    return PlannedRecord("ada", "hubspot", "contact", tuple(fields.items()))


def edit(**fields: object) -> Step:
    return Step(MINUTE, "edit", "ada", fields=tuple(fields.items()))


def keys(found: list[Violation]) -> set[str]:
    return {violation.key for violation in found}


def test_a_recycle_through_a_blank_that_lifecycle_yaml_lists_keeps_the_stage_rule():
    journey = Journey(
        (contact(lifecyclestage="salesqualifiedlead"),),
        (edit(hs_lead_status="BAD_TIMING"),),
        TAIL,
    )

    assert "lifecycle" not in keys(violations(NEXTFORCE, journey))


def test_a_rep_converting_a_closed_lead_is_the_reps_move_not_automation():
    """Conversion sets the converted status whatever the status was before;
    the platform does it for the rep, so it is not automation moving back."""
    lead = PlannedRecord(
        "cy", "salesforce", "Lead", (("Status", "Closed - Not Converted"),)
    )
    journey = Journey((lead,), (Step(MINUTE, "convert", "cy"),), TAIL)

    found = run(NEXTFORCE, journey)

    assert found.sim.records.by_alias("cy", "salesforce").fields["IsConverted"]
    assert "lifecycle" not in keys(check_run(found, load_invariants(NEXTFORCE)))


def test_a_recycle_of_a_customer_moves_the_stage_backward():
    journey = Journey(
        (contact(lifecyclestage="customer"),),
        (edit(hs_lead_status="BAD_TIMING"),),
        TAIL,
    )

    found = violations(MUTANTS / "recycle-without-stage-filter", journey)

    [backward] = [v for v in found if v.key == "lifecycle"]
    assert "moved back to 'lead' through a blank" in backward.message
    assert backward.check is not None
    assert backward.check.entry == {
        "record": "ada",
        "field": "lifecyclestage",
        "sequence": ["customer"],
    }


def test_a_person_may_move_a_stage_backward():
    journey = Journey(
        (contact(lifecyclestage="customer"),), (edit(lifecyclestage="lead"),), TAIL
    )

    assert "lifecycle" not in keys(violations(NEXTFORCE, journey))


def test_two_workflows_writing_one_field_at_one_moment_is_a_conflict():
    journey = Journey((contact(lifecyclestage="lead", hubspotscore=50),), (), TAIL)

    found = violations(MUTANTS / "lead-status-fight", journey)

    [conflict] = [v for v in found if v.key == "conflict"]
    assert "'Lead scoring to MQL', action 2 (set property) wrote 'OPEN'" in (
        conflict.message
    )
    assert conflict.check is not None
    assert conflict.check.entry["equals"] == "OPEN"  # the first writer's value


def test_a_workflow_that_sets_the_next_stage_is_a_chain_not_a_conflict():
    # The recycle sets lead; the MQL workflow, enrolled by that very write,
    # moves the contact on at the same moment.
    journey = Journey(
        (contact(lifecyclestage="salesqualifiedlead", hubspotscore=60),),
        (edit(hs_lead_status="BAD_TIMING"),),
        TAIL,
    )

    assert "conflict" not in keys(violations(NEXTFORCE, journey))


def test_a_persons_save_refused_by_a_declared_rule_is_expected():
    opportunity = PlannedRecord(
        "big-deal", "salesforce", "Opportunity", (("StageName", "Needs Analysis"),)
    )
    journey = Journey((opportunity,), (), TAIL)

    assert "finding" not in keys(violations(NEXTFORCE, journey))
    [refused] = violations(NEXTFORCE, journey, InvariantFile())
    assert refused.key == "finding"
    assert "Amount_Required_Past_Qualification" in refused.message


def test_a_rule_on_another_object_refusing_a_flows_save_is_automation_failing():
    account = PlannedRecord("acme", "salesforce", "Account")
    opportunity = PlannedRecord(
        "big-deal",
        "salesforce",
        "Opportunity",
        (("AccountId", "acme"), ("StageName", "Negotiation/Review"), ("Amount", 1000)),
    )
    move = Step(MINUTE, "stage_move", "big-deal", detail="Closed Won")
    mutant = MUTANTS / "account-rule-blocks-closed-won"

    finished = run(mutant, Journey((account, opportunity), (move,), TAIL))

    [refusal] = [
        f for f in finished.sim.trace.findings if f.kind == "validation_failed"
    ]
    assert refusal.cause.kind == "person"
    assert caused_by(finished, refusal) == "automation"
    [found] = [v for v in check_run(finished, load_invariants(mutant))]
    assert found.check is not None
    assert found.check.entry == {
        "record": "big-deal",
        "field": "StageName",
        "at": MINUTE,
        "equals": "Closed Won",
    }


def test_an_element_revsim_cannot_run_is_a_stub_to_declare():
    lead = PlannedRecord("cy", "salesforce", "Lead")

    [stub] = violations(MUTANTS / "apex-enrichment-not-stubbed", Journey((lead,)))

    assert stub.key == "stub"
    assert stub.check is not None
    assert stub.check.entry == {"record": "cy", "action": "stub", "count": 0}


def test_a_flow_that_saves_its_own_record_for_ever_is_a_loop():
    lead = PlannedRecord("cy", "salesforce", "Lead")

    found = violations(MUTANTS / "lead-touch-count-recursion", Journey((lead,)))

    assert keys(found) == {"loop"}
    assert "maximum trigger depth exceeded" in found[0].message


@pytest.mark.parametrize("error", [ValueError("boom"), KeyError("Id")])
def test_a_run_that_raises_breaks_the_run_completes_invariant(error: Exception):
    finished = run(NEXTFORCE, Journey((contact(),)))
    finished.crashed = error

    [crash] = check_run(finished, InvariantFile())

    assert crash.key == "error"
    assert type(error).__name__ in crash.message
