"""Opportunity stages: what StageName sets on the record.

Each stage of the StageName picklist carries a default probability, a forecast
category, and whether it is closed and won (the OpportunityStage object). A
save that changes StageName writes them on the opportunity: IsClosed and IsWon
always, as they are read-only; Probability and ForecastCategoryName as the
stage's defaults. Knowledge article 000187810 says "The Probability value is
always updated by a change in the Stage value", even when a user set it by
hand before, and that "users with access to edit this field can override the
value": a probability written in the same save as the stage change is kept.
Whether a hand-set probability survives later stage changes is the setting
``stage_change_probability`` (docs/settings.md).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from simulator.salesforce.model import Picklist, PicklistValue

STAGE_FIELD = "StageName"
DERIVED_FIELDS = ("Probability", "ForecastCategoryName", "IsClosed", "IsWon")

# The OpportunityStage values of a new org's default sales process, with their
# probability, forecast category, closed and won flags (shared reference,
# salesforce.md (d); object reference, OpportunityStage).
STANDARD_STAGES: tuple[PicklistValue, ...] = tuple(
    PicklistValue(
        name=name,
        label=name,
        probability=probability,
        forecast_category=category,
        closed=closed,
        won=won,
    )
    for name, probability, category, closed, won in (
        ("Prospecting", 10, "Pipeline", False, False),
        ("Qualification", 10, "Pipeline", False, False),
        ("Needs Analysis", 20, "Pipeline", False, False),
        ("Value Proposition", 50, "Pipeline", False, False),
        ("Id. Decision Makers", 60, "Pipeline", False, False),
        ("Perception Analysis", 70, "Pipeline", False, False),
        ("Proposal/Price Quote", 75, "Pipeline", False, False),
        ("Negotiation/Review", 90, "Pipeline", False, False),
        ("Closed Won", 100, "Closed", True, True),
        ("Closed Lost", 0, "Omitted", True, False),
    )
)

# The forecast category as the Metadata API writes it (BestCase) and as the
# ForecastCategoryName field holds it (Best Case).
_CATEGORY_NAMES = {"BestCase": "Best Case", "MostLikely": "Most Likely"}


def stage_entry(picklist: Picklist | None, stage: object) -> PicklistValue | None:
    """What the model's StageName picklist, or the standard set, says of a stage."""
    entries = picklist.entries if picklist is not None and picklist.entries else ()
    for entry in (*entries, *STANDARD_STAGES):
        if entry.name == stage:
            return entry
    return None


def derive_stage_fields(
    values: MutableMapping[str, object],
    prior: Mapping[str, object] | None,
    written: Mapping[str, object],
    picklist: Picklist | None,
    *,
    keep_manual_probability: bool = False,
) -> list[str]:
    """Write what the stage implies into ``values``; the names of fields written.

    ``prior`` is the record before this save (None on insert), ``written`` the
    values this save was given. Nothing happens unless StageName is new or
    changed.
    """
    stage = values.get(STAGE_FIELD)
    if prior is not None and prior.get(STAGE_FIELD) == stage:
        return []
    entry = stage_entry(picklist, stage)
    if entry is None:
        return []

    derived: dict[str, object] = {
        "IsClosed": bool(entry.closed),
        "IsWon": bool(entry.won),
    }
    if entry.forecast_category is not None:
        category = entry.forecast_category
        derived["ForecastCategoryName"] = _CATEGORY_NAMES.get(category, category)
    if entry.probability is not None and not _keeps_probability(
        values, prior, written, picklist, keep_manual_probability
    ):
        derived["Probability"] = entry.probability

    changed = [name for name, value in derived.items() if values.get(name) != value]
    values.update(derived)
    return changed


def _keeps_probability(
    values: Mapping[str, object],
    prior: Mapping[str, object] | None,
    written: Mapping[str, object],
    picklist: Picklist | None,
    keep_manual: bool,
) -> bool:
    """A probability given with this save overrides the stage's default."""
    if written.get("Probability") is not None:
        return prior is None or written["Probability"] != prior.get("Probability")
    if not keep_manual or prior is None or values.get("Probability") is None:
        return False
    # With keep_manual, a probability other than the old stage's default was
    # set by hand, and it stays.
    old = stage_entry(picklist, prior.get(STAGE_FIELD))
    return old is None or values.get("Probability") != old.probability
