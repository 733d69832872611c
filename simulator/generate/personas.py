"""Synthetic populations: Faker identities that behave like one of a few personas."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import timedelta

from simulator.engine.records import Record
from simulator.engine.simulation import Simulation
from simulator.engine.trace import Cause
from simulator.generate.identity import fill_fields, make_faker


@dataclass(frozen=True, slots=True)
class Persona:
    """A kind of visitor: how common it is and what it tends to do."""

    name: str
    weight: float
    score: tuple[int, int]
    registers_for_webinar: float = 0.0
    attends: float = 0.0
    pricing_views: tuple[int, int] = (0, 0)
    requests_demo: float = 0.0


PERSONAS = (
    Persona(
        "webinar registrant", 0.40, (0, 40), registers_for_webinar=1.0, attends=0.6
    ),
    Persona("pricing browser", 0.30, (10, 45), pricing_views=(1, 3)),
    Persona("demo requester", 0.10, (20, 60), requests_demo=1.0, pricing_views=(0, 2)),
    Persona("tire kicker", 0.20, (0, 20)),
)


def populate(
    sim: Simulation,
    size: int,
    seed: int,
    spread: timedelta = timedelta(days=30),
) -> None:
    """Queue ``size`` contacts arriving over ``spread``, each acting out a persona.

    Every draw is made here, up front, from one seeded generator, so the same
    seed gives the same population whatever the engine does with it.
    """
    rng = random.Random(seed)
    faker = make_faker(seed)
    weights = [persona.weight for persona in PERSONAS]
    for number in range(size):
        persona = rng.choices(PERSONAS, weights=weights)[0]
        arrival = sim.start + timedelta(seconds=rng.uniform(0, spread.total_seconds()))
        fields = fill_fields(
            "hubspot",
            "contact",
            {
                "lifecyclestage": "subscriber",
                "hubspotscore": rng.randint(*persona.score),
            },
            faker,
        )
        plan = _plan(persona, rng)
        sim.schedule(
            arrival,
            f"persona {number} arrives",
            functools.partial(_arrive, sim, fields, plan),
        )


Step = tuple[timedelta, str, dict[str, object]]


def _plan(persona: Persona, rng: random.Random) -> list[Step]:
    """What this visitor will do, as offsets from their arrival."""
    steps: list[Step] = []
    if rng.random() < persona.registers_for_webinar:
        steps.append(
            (timedelta(minutes=2), "form_submission", {"form": "webinar-registration"})
        )
        if rng.random() < persona.attends:
            steps.append((timedelta(days=1), "edit", {"webinar_attended": True}))
    for view in range(rng.randint(*persona.pricing_views)):
        steps.append(
            (
                timedelta(hours=4 + 24 * view),
                "page_view",
                {"url": "https://nextforce.example/pricing"},
            )
        )
    if rng.random() < persona.requests_demo:
        steps.append((timedelta(days=2), "form_submission", {"form": "demo-request"}))
    return steps


def _arrive(sim: Simulation, fields: dict[str, object], plan: list[Step]) -> None:
    cause = Cause("journey", "population")
    contact = sim.hubspot.create("contact", fields, cause)
    for offset, kind, detail in plan:
        sim.schedule(
            sim.now + offset, kind, functools.partial(_act, sim, contact, kind, detail)
        )


def _act(
    sim: Simulation, contact: Record, kind: str, detail: dict[str, object]
) -> None:
    cause = Cause("person", f"population: {kind}")
    if kind == "edit":
        sim.hubspot.update(contact, detail, cause)
    elif kind == "form_submission":
        form = str(detail["form"])
        properties = {"hs_form_id": sim.model.forms.get(form, form)}
        sim.hubspot.event(contact, kind, properties, cause)
        sim.connector.hubspot_form_submitted(contact, cause)
    else:
        sim.hubspot.event(contact, kind, {"hs_url": detail["url"]}, cause)
