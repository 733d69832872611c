"""The values a dead condition was "tried" with are those journeys gave."""

from __future__ import annotations

from datetime import timedelta

from simulator.fuzz.journey import Journey, PlannedRecord, Step
from simulator.fuzz.reachability import Reachability
from simulator.fuzz.vocabulary import read_vocabulary
from simulator.model import AutomationModel

SCORE = ("hubspot", "contact", "hubspotscore")
STAGE = ("hubspot", "contact", "lifecyclestage")


def test_tried_values_are_the_drawn_ones_with_blank_for_a_field_left_out(
    nextforce: AutomationModel,
) -> None:
    reachability = Reachability(nextforce, read_vocabulary(nextforce))
    ada = PlannedRecord("ada", "hubspot", "contact", (("hubspotscore", 55),))
    edit = Step(timedelta(minutes=1), "edit", "ada", fields=(("hubspotscore", 49),))

    reachability._add_drawn(Journey((ada,), (edit,)))

    # In the vocabulary's order (the boundary 49 first), then the others.
    assert reachability.tried(SCORE) == [49, 55]
    assert reachability.tried(STAGE) == [None]


def test_nothing_is_tried_before_any_journey(nextforce: AutomationModel) -> None:
    reachability = Reachability(nextforce, read_vocabulary(nextforce))

    assert reachability.tried(SCORE) == []
