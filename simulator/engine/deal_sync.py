"""Deals ↔ opportunities: the synced pipeline, stage by stage, and their account.

With "Sync deals" on, each opportunity syncs to a deal of the synced pipeline
and a deal of that pipeline creates an opportunity; the stage is matched
through the pipeline's stage mapping. A deal moved to a pipeline that does not
sync stops syncing, both ways. Deleting is not simulated.
(knowledge.hubspot.com/salesforce/sync-salesforce-opportunities-to-hubspot)
"""

from __future__ import annotations

from simulator.connector.model import DealSync, FieldMapping
from simulator.engine.records import Record

# A deal with no pipeline is in HubSpot's default one.
DEFAULT_PIPELINE = "default"


def in_synced_pipeline(deals: DealSync | None, deal: Record) -> bool:
    if deals is None:
        return False
    pipeline = deal.fields.get("pipeline") or DEFAULT_PIPELINE
    return str(pipeline) == deals.pipeline


def unmapped_stage(mapping: FieldMapping, value: object, source: str) -> str:
    """The sync error for a stage the stage mapping does not list."""
    if source == "hubspot":
        return (
            f"deal stage {value!r} has no Salesforce stage in the stage mapping "
            "(connector.yaml deals.stages)"
        )
    return (
        f"Salesforce stage {value!r} has no HubSpot deal stage in the stage "
        "mapping (connector.yaml deals.stages)"
    )


def new_deal_fields(deals: DealSync) -> dict[str, object]:
    """An opportunity creates its deal in the synced pipeline."""
    return {"pipeline": deals.pipeline}
