"""Hypothesis strategies for journeys, derived from what a model's automation reads.

Each strategy shrinks toward the simplest journey: fewer steps, one contact,
no Salesforce records, fields left unset, the first value of each list (a
blank, the lowest boundary, the shortest wait). A falsified invariant so ends
as the smallest journey that still falsifies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from hypothesis import strategies as st

from simulator.fuzz.journey import WITH_DEAL, Journey, PlannedRecord, Step, Values
from simulator.fuzz.settings import DEFAULT_STEPS
from simulator.fuzz.vocabulary import FieldVocabulary, Vocabulary
from simulator.journey import STAGE_FIELDS

CONTACTS = ("ada", "bo")
LEAD, ACCOUNT, OPPORTUNITY, DEAL = "cy", "acme", "big-deal", "deal"
_UNSET = object()  # a field the record is created without
# Required on create and not filled in from Faker like names and close dates.
REQUIRED = {("salesforce", "Opportunity"): ("StageName",)}


def values_of(field: FieldVocabulary, blanks: bool = True) -> st.SearchStrategy[object]:
    """The values worth trying in one field; a blank first when ``blanks``."""
    values = [v for v in _weighted(field) if blanks or v is not None]
    return st.sampled_from(values or [None])


def _weighted(field: FieldVocabulary) -> list[object]:
    """The field's values, those a trigger compares with three times over."""
    return [*field.values, *field.favoured, *field.favoured]


def record_fields(
    vocabulary: Vocabulary, system: str, object_name: str
) -> st.SearchStrategy[Values]:
    """A record's values at creation: each field the automation reads, or unset.

    Each field is unset or set, half and half, in one draw that shrinks to
    unset, so shrinking unsets fields one by one. A field Salesforce requires
    and nothing fills in (an opportunity's StageName) is always set.
    """
    needed = REQUIRED.get((system, object_name), ())
    fields = vocabulary.of(system, object_name)
    choices: list[list[object]] = []
    for field in fields:
        values = [v for v in _weighted(field) if v is not None] or [None]
        unset: list[object] = [] if field.field in needed else [_UNSET] * len(values)
        choices.append([*unset, *values])
    names = [field.field for field in fields]
    return st.tuples(*(st.sampled_from(c) for c in choices)).map(
        lambda drawn: tuple(
            (name, value)
            for name, value in zip(names, drawn, strict=True)
            if value is not _UNSET
        )
    )


def planned_records(
    vocabulary: Vocabulary,
) -> st.SearchStrategy[tuple[PlannedRecord, ...]]:
    """One or two contacts, and a Salesforce lead and opportunity when read."""
    objects = vocabulary.objects()
    hubspot = vocabulary.contact_workflows or ("hubspot", "contact") in objects
    contacts = st.integers(0, 2) if hubspot else st.just(0)
    made = {
        (system, obj): record_fields(vocabulary, system, obj)
        for system, obj in (
            ("hubspot", "contact"),
            ("salesforce", "Lead"),
            ("salesforce", "Account"),
            ("salesforce", "Opportunity"),
            ("hubspot", "deal"),
        )
    }

    def fields(draw: st.DrawFn, system: str, obj: str) -> Values:
        return draw(made[(system, obj)])

    @st.composite
    def drawn(draw: st.DrawFn) -> tuple[PlannedRecord, ...]:
        records = [
            PlannedRecord(
                alias, "hubspot", "contact", fields(draw, "hubspot", "contact")
            )
            for alias in CONTACTS[: draw(contacts)]
        ]
        if ("salesforce", "Lead") in objects and draw(st.booleans()):
            lead = fields(draw, "salesforce", "Lead")
            records.append(PlannedRecord(LEAD, "salesforce", "Lead", lead))
        if ("salesforce", "Opportunity") in objects and draw(st.booleans()):
            account = fields(draw, "salesforce", "Account")
            records.append(PlannedRecord(ACCOUNT, "salesforce", "Account", account))
            opportunity = (
                ("AccountId", ACCOUNT),
                *fields(draw, "salesforce", "Opportunity"),
            )
            records.append(
                PlannedRecord(OPPORTUNITY, "salesforce", "Opportunity", opportunity)
            )
        if ("hubspot", "deal") in objects and draw(st.booleans()):
            deal = fields(draw, "hubspot", "deal")
            records.append(PlannedRecord(DEAL, "hubspot", "deal", deal))
        if not records:
            records.append(PlannedRecord(CONTACTS[0], "hubspot", "contact"))
        return tuple(records)

    return drawn()


def gaps(vocabulary: Vocabulary) -> st.SearchStrategy[timedelta]:
    """A minute, the model's waits, and a minute either side of each."""
    return st.sampled_from(vocabulary.spans or [timedelta(minutes=1)])


def step_kinds(
    vocabulary: Vocabulary, records: Sequence[PlannedRecord]
) -> list[st.SearchStrategy[Step]]:
    """What a person or a rep may do next to one of ``records``, by kind: edits,
    engagements (forms, pages, emails), stage moves and lead conversions, time
    passing."""
    gap = gaps(vocabulary)
    edits = [
        edit
        for record in records
        for system, obj in _sides(vocabulary, record)
        if (edit := _edit(vocabulary, record.alias, system, obj, record.system, gap))
        is not None
    ]
    contacts = [r.alias for r in records if r.object == "contact"]
    engagements = (
        _engagements(vocabulary, st.sampled_from(contacts), gap) if contacts else []
    )
    moves = [
        st.builds(
            Step,
            gap=gap,
            kind=st.just("stage_move"),
            record=st.just(record.alias),
            detail=st.sampled_from(stages),
        )
        for record in records
        if (stages := _stages(vocabulary, record))
    ]
    conversions = [
        st.builds(
            Step,
            gap=gap,
            kind=st.just("convert"),
            record=st.just(record.alias),
            system=st.just(None if record.object == "Lead" else "salesforce"),
            detail=st.sampled_from([WITH_DEAL, "without"]),
        )
        for record in records
        if _converts(vocabulary, record)
    ]
    groups = (edits, engagements, moves, conversions)
    kinds = [st.one_of(group) for group in groups if group]
    kinds.append(st.builds(Step, gap=gap, kind=st.just("wait")))
    return kinds


def _converts(vocabulary: Vocabulary, record: PlannedRecord) -> bool:
    """A rep may convert a Salesforce lead, or the lead a contact syncs as."""
    return record.object == "Lead" or (
        record.object == "contact" and vocabulary.synced_as == "Lead"
    )


def _stages(vocabulary: Vocabulary, record: PlannedRecord) -> list[str]:
    """The stages a rep may move a record to, those triggers name three times."""
    stages = vocabulary.stages.get((record.system, record.object), [])
    field = STAGE_FIELDS.get((record.system, record.object), "")
    entry = vocabulary.fields.get((record.system, record.object, field))
    favoured = [str(v) for v in entry.favoured if v in stages] if entry else []
    return [*stages, *favoured, *favoured]


def _sides(vocabulary: Vocabulary, record: PlannedRecord) -> list[tuple[str, str]]:
    """The record itself and, for a person, its counterpart across the connector."""
    sides = [(record.system, record.object)]
    if record.object == "contact":
        sides.append(("salesforce", vocabulary.synced_as))
    elif record.object in ("Lead", "Contact"):
        sides.append(("hubspot", "contact"))
    return sides


def _edit(
    vocabulary: Vocabulary,
    alias: str,
    system: str,
    object_name: str,
    own_system: str,
    gap: st.SearchStrategy[timedelta],
) -> st.SearchStrategy[Step] | None:
    fields = vocabulary.of(system, object_name)
    if not fields:
        return None
    one_field = st.sampled_from(fields).flatmap(
        lambda f: values_of(f).map(lambda value: ((f.field, value),))
    )
    return st.builds(
        Step,
        gap=gap,
        kind=st.just("edit"),
        record=st.just(alias),
        system=st.just(None if system == own_system else system),
        fields=one_field,
    )


def _engagements(
    vocabulary: Vocabulary,
    aliases: st.SearchStrategy[str],
    gap: st.SearchStrategy[timedelta],
) -> list[st.SearchStrategy[Step]]:
    """Form submissions, page views and email clicks from the model's own lists."""
    made = []
    for kind, details in (
        ("form_submission", vocabulary.forms),
        ("page_view", vocabulary.pages),
        ("email_click", vocabulary.emails),
    ):
        if details:
            made.append(
                st.builds(
                    Step,
                    gap=gap,
                    kind=st.just(kind),
                    record=aliases,
                    detail=st.sampled_from(details),
                )
            )
    return made


def journeys(
    vocabulary: Vocabulary, max_steps: int = DEFAULT_STEPS
) -> st.SearchStrategy[Journey]:
    """Records, then up to ``max_steps`` steps over them, then the model's horizon.

    Each journey allows only some kinds of step, drawn first ("swarm
    testing"): a journey of stage moves alone reaches deeper into the
    opportunity flows than one where edits and form fills crowd them out.
    """
    # Building a strategy costs more than drawing from it: build the steps of
    # each set of records once.
    built: dict[tuple[tuple[str, str, str], ...], st.SearchStrategy[list[Step]]] = {}

    def steps_over(records: tuple[PlannedRecord, ...]) -> st.SearchStrategy[Journey]:
        shape = tuple((r.alias, r.system, r.object) for r in records)
        if shape not in built:
            kinds = step_kinds(vocabulary, records)
            allowed = st.sets(st.sampled_from(range(len(kinds))), min_size=1)
            built[shape] = allowed.flatmap(
                lambda chosen: st.lists(
                    st.sampled_from(sorted(chosen)).flatmap(lambda k: kinds[k]),
                    max_size=max_steps,
                )
            )
        # The scenario seed picks each record's arm of an A/B test; it shrinks
        # to 0, the seed a scenario has when it names none.
        return st.tuples(built[shape], st.integers(0, 99)).map(
            lambda drawn: Journey(
                records, tuple(drawn[0]), tail=vocabulary.horizon, seed=drawn[1]
            )
        )

    return planned_records(vocabulary).flatmap(steps_over)
