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
