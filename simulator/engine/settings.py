"""Behaviours where the platforms' documentation leaves a choice, named, with defaults.

Each default is the documented behaviour; docs/settings.md says where it comes
from and what the other choice means.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EngineSettings:
    # HubSpot refuses automatic lifecycle stage moves to an earlier stage unless
    # the property is cleared first; newer portals may allow them.
    lifecycle_backward_moves: str = "refuse"  # refuse | allow
    # A Salesforce-created lead or contact creates a HubSpot contact.
    create_hubspot_contacts: bool = True
    # Nested saves deeper than this stop with "maximum trigger depth exceeded".
    max_save_depth: int = 16
    # A run that handles more events than this is stopped as a probable loop.
    max_events: int = 20_000
    # Steps one HubSpot enrolment or one flow interview may take at one moment
    # before revsim reports a GOTO or loop cycle.
    max_steps: int = 2_000
    # HubSpot: a contact or company associated with an open deal becomes an
    # opportunity; one whose deal is won (a closed stage at 100%) a customer.
    deal_makes_opportunity: bool = True
    deal_won_makes_customer: bool = True
    # Where a HubSpot action outside its workflow's execution windows goes:
    # the earliest open time, or the same time of day on the next open day.
    window_reschedule: str = "earliest"  # earliest | same_time
    # How often HubSpot filters on dates relative to now are checked again.
    date_filter_recheck_minutes: int = 60
    # Whether a Probability set by hand survives a later change of StageName.
    # KB 000187810: a stage change always writes the stage's probability.
    stage_change_probability: str = "stage_default"  # stage_default | keep_manual
    # Round trips one field of one record may make through the connector
    # (HubSpot → Salesforce → HubSpot) on one chain of causes before revsim
    # stops the chain as a sync loop.
    max_sync_round_trips: int = 5
    # When the connector tries a record with a sync error again: on its next
    # sync trigger only, or also every 20 minutes (ten times, then nightly).
    sync_error_retry: str = "on_change"  # on_change | every_20_minutes
    # Keep every change and decision in the trace; populations and benches
    # turn it off and keep only actions, enrolments and findings.
    trace_changes: bool = True


HUBSPOT_LIFECYCLE_STAGES = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)
