"""User invariants are formulas read over the run's history, record by record."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from textwrap import dedent

from fuzz_paths import NEXTFORCE

from simulator.engine.settings import EngineSettings
from simulator.fuzz.invariant_file import load_invariants
from simulator.fuzz.invariants import Violation, check_run
from simulator.fuzz.journey import Journey, PlannedRecord, Step, to_scenario
from simulator.fuzz.observe import Runner
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import load_model

MINUTE = timedelta(minutes=1)
ACCOUNT = PlannedRecord("acme", "salesforce", "Account")


def check(tmp_path: Path, invariants: str, journey: Journey) -> list[Violation]:
    (tmp_path / "invariants.yaml").write_text(dedent(invariants), encoding="utf-8")
    model = load_model(NEXTFORCE)
    runner = Runner(model, EngineSettings(), read_vocabulary(model).conditions)
    return check_run(runner.run(to_scenario(journey)), load_invariants(tmp_path))


WON = """
invariants:
  - name: a won opportunity's account is a customer
    for: salesforce Opportunity
    when: ISPICKVAL(StageName, "Closed Won")
    then: ISPICKVAL(Account.Type, "Customer")
"""


def opportunity(stage: str) -> PlannedRecord:
    return PlannedRecord(
        "big-deal",
        "salesforce",
        "Opportunity",
        (("AccountId", "acme"), ("StageName", stage), ("Amount", 1000)),
    )


def test_a_formula_follows_a_lookup_as_it_stood_at_the_moment(tmp_path: Path) -> None:
    moved = Step(MINUTE, "stage_move", "big-deal", detail="Closed Won")
    journey = Journey((ACCOUNT, opportunity("Negotiation/Review")), (moved,))

    assert check(tmp_path, WON, journey) == []


def test_an_opportunity_created_won_leaves_its_account_a_prospect(
    tmp_path: Path,
) -> None:
    # The closed-won flow starts on update only: NextForce's own gap.
    journey = Journey((ACCOUNT, opportunity("Closed Won")))

    [violation] = check(tmp_path, WON, journey)

    assert violation.key == "user:a won opportunity's account is a customer"
    assert "Account.Type = null" in violation.message
    assert violation.check is not None
    assert violation.check.entry == {
        "record": "acme",
        "field": "Type",
        "at": timedelta(0),
        "equals": "Customer",
    }


def test_a_formula_reads_the_counterpart_across_the_connector(tmp_path: Path) -> None:
    invariants = """
    invariants:
      - name: a synced lead's contact is in HubSpot with its score
        for: salesforce Lead
        when: NOT(ISBLANK(HubSpot_Score__c))
        then: HubSpot.hubspotscore = HubSpot_Score__c
        within: 16m
    """
    lead = PlannedRecord("cy", "salesforce", "Lead", (("HubSpot_Score__c", 55),))

    assert check(tmp_path, invariants, Journey((lead,))) == []


def test_within_gives_the_automation_time_to_catch_up(tmp_path: Path) -> None:
    at_once = """
    invariants:
      - name: a lead's score reaches HubSpot at once
        for: salesforce Lead
        when: NOT(ISBLANK(HubSpot_Score__c))
        then: HubSpot.hubspotscore = HubSpot_Score__c
    """
    lead = PlannedRecord("cy", "salesforce", "Lead", (("HubSpot_Score__c", 55),))

    [late] = check(tmp_path, at_once, Journey((lead,)))

    assert "did not hold at that moment" in late.message
