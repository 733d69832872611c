"""The models the fuzzing tests run: NextForce and its planted faults."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEXTFORCE = ROOT / "fixtures" / "nextforce"
MUTANTS = ROOT / "fixtures" / "mutants"

MQL = "user:a lead who reaches 50 points becomes an MQL"
HOT = "user:a lead with 80 points or more is rated Hot"
COLD = "user:a lead under 50 points, or with no score, is rated Cold"
STALE = "user:a lead is never flagged stale before it is three days old"

# Each mutant, the invariant that catches it (fixtures/mutants/README.md) and
# the files in which it differs from NextForce.
SF = "salesforce/force-app/main/default"
RATING = f"{SF}/flows/Lead_Before_Save_Rating.flow-meta.xml"
CAUGHT_BY: dict[str, tuple[str, tuple[str, ...]]] = {
    "mql-threshold-off-by-one": (MQL, ("hubspot/workflows/lead-scoring-to-mql.json",)),
    "mql-trigger-never-fires": (MQL, ("hubspot/workflows/lead-scoring-to-mql.json",)),
    "rating-hot-off-by-one": (
        HOT,
        (f"{SF}/flows/Lead_Before_Save_Rating.flow-meta.xml",),
    ),
    "rating-bands-out-of-order": (
        HOT,
        (f"{SF}/flows/Lead_Before_Save_Rating.flow-meta.xml",),
    ),
    "rating-decision-no-default": (
        COLD,
        (f"{SF}/flows/Lead_Before_Save_Rating.flow-meta.xml",),
    ),
    "recycle-without-stage-filter": (
        "lifecycle",
        ("hubspot/workflows/closed-lost-recycle.json",),
    ),
    "lead-status-fight": ("conflict", ("hubspot/workflows/mql-lead-status.json",)),
    "lead-phone-required": (
        "finding",
        (
            f"{SF}/objects/Lead/validationRules/Phone_Required.validationRule-meta.xml",
            "invariants.yaml",
        ),
    ),
    "account-rule-blocks-closed-won": (
        "finding",
        (
            f"{SF}/objects/Account/validationRules/"
            "Billing_Country_For_Customers.validationRule-meta.xml",
            "invariants.yaml",
        ),
    ),
    "lead-touch-count-recursion": (
        "loop",
        (f"{SF}/flows/Lead_After_Save_Touch_Count.flow-meta.xml",),
    ),
    "owner-tug-of-war": (
        "loop",
        (
            "hubspot/workflows/assign-mqls-to-sdr.json",
            f"{SF}/flows/Lead_After_Save_Assign_AE.flow-meta.xml",
        ),
    ),
    "apex-enrichment-not-stubbed": (
        "stub",
        (f"{SF}/flows/Lead_After_Save_Enrich.flow-meta.xml",),
    ),
    "stale-after-three-hours": (STALE, (f"{SF}/workflows/Lead.workflow-meta.xml",)),
}
