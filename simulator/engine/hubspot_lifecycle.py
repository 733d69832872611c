"""HubSpot lifecycle stages and deal stages: forward only, deals move contacts on.

- Automation and the connector move ``lifecyclestage`` forward only; a
  person may move it anywhere, and a workflow that clears it first may set
  an earlier stage (``lifecycle_backward_moves``, docs/settings.md).
- A contact or company associated with a deal becomes an opportunity, and
  one whose deal is won becomes a customer (``deal_makes_opportunity``,
  ``deal_won_makes_customer``): HubSpot community accepted answer
  https://community.hubspot.com/t5/CRM/Automatic-lifecycle-stage-assignments/m-p/16052
  and https://knowledge.hubspot.com/crm-setup/manage-how-lifecycle-stages-sync-between-objects.
- A deal's stage carries its pipeline's probability into
  ``hs_deal_stage_probability``; a stage its pipeline lacks is a finding
  (https://developers.hubspot.com/docs/api/crm/pipelines).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.engine.records import Record
from simulator.engine.trace import Cause
from simulator.hubspot.portal import DEFAULT_PIPELINE

if TYPE_CHECKING:
    from simulator.engine.hubspot import HubSpotRuntime

LANE = "hubspot"
STAGE = "lifecyclestage"
PROBABILITY = "hs_deal_stage_probability"
_PEOPLE = ("contact", "company")


class LifecycleRules:
    """The lifecycle and deal-stage rules of one run."""

    def __init__(self, runtime: HubSpotRuntime) -> None:
        self.runtime = runtime
        self.sim = runtime.sim
        self.portal = runtime.sim.model.hubspot_portal

    def rank(self, record: Record, stage: object) -> int:
        stages = self.portal.lifecycle_stages(record.object)
        text = str(stage)
        return stages.index(text) if text in stages else len(stages)

    def refuses(self, record: Record, name: str, value: object, cause: Cause) -> bool:
        """Lifecycle stage moves forward only when automation sets it."""
        if name != STAGE or self.sim.settings.lifecycle_backward_moves == "allow":
            return False
        current = record.fields.get(name)
        target = None if value == "" else value
        if current in (None, "") or target is None:
            return False
        if self.rank(record, target) >= self.rank(record, current):
            return False
        self.sim.log(
            LANE,
            "refused",
            record,
            f"lifecyclestage stays {current!r}: automation may not move it back "
            f"to {target!r} without clearing it first",
            cause,
        )
        return True

    # Deals

    def associated(self, first: Record, second: Record, cause: Cause) -> None:
        """A new association; a deal makes its contacts and companies opportunities."""
        pair = {first.object: first, second.object: second}
        deal = pair.get("deal")
        other = second if deal is first else first
        if deal is None or other.object not in _PEOPLE or deal is other:
            return
        stage = self.portal.stage(
            deal.fields.get("pipeline"), deal.fields.get("dealstage")
        )
        opportunity = self.sim.settings.deal_makes_opportunity
        if stage is not None and stage.won:
            self._promote(other, "customer", deal, cause)
        elif opportunity and (stage is None or not stage.closed):
            self._promote(other, "opportunity", deal, cause)

    def deal_changed(self, deal: Record, changed: set[str], cause: Cause) -> None:
        """A deal's stage or pipeline changed: probability, validity, customers."""
        if deal.object != "deal" or not changed & {"dealstage", "pipeline"}:
            return
        stage_id = deal.fields.get("dealstage")
        if stage_id in (None, ""):
            return
        pipeline = deal.fields.get("pipeline") or DEFAULT_PIPELINE
        stage = self.portal.stage(pipeline, stage_id)
        if stage is None:
            self._unknown_stage(deal, pipeline, stage_id, cause)
            return
        system = Cause("system", "deal stage probability", parent=cause)
        self.runtime.update(deal, {PROBABILITY: stage.probability}, system, True)
        if stage.won:
            for other in self._people_of(deal):
                self._promote(other, "customer", deal, cause)

    def _unknown_stage(
        self, deal: Record, pipeline: object, stage_id: object, cause: Cause
    ) -> None:
        chosen = self.portal.pipelines.get(str(pipeline))
        known = ", ".join(s.id for s in chosen.stages) if chosen else "none"
        where = f"pipeline {pipeline!r}" if chosen else f"no pipeline {pipeline!r}"
        self.sim.finding(
            "unknown_deal_stage",
            deal,
            f"{deal.label()}: dealstage {stage_id!r} is not a stage of {where} "
            f"(stages: {known})",
            cause,
        )

    def _people_of(self, deal: Record) -> list[Record]:
        found = []
        for key in sorted(deal.associations):
            record = self.sim.records.get(key)
            if record.object in _PEOPLE:
                found.append(record)
        return found

    def _promote(self, record: Record, stage: str, deal: Record, cause: Cause) -> None:
        if stage == "customer" and not self.sim.settings.deal_won_makes_customer:
            return
        current = record.fields.get(STAGE)
        if current not in (None, "") and self.rank(record, current) >= self.rank(
            record, stage
        ):
            return  # forward only: an automatic update never moves it back
        why = "associated with an open deal" if stage == "opportunity" else "deal won"
        automatic = Cause("system", f"lifecycle: {why} ({deal.label()})", parent=cause)
        self.runtime.update(record, {STAGE: stage}, automatic, True)
