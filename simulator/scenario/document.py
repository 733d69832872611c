"""A scenario file key for key as the user writes it; the JSON Schema comes from it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from simulator.scenario.model import (
    CHECK_TAKES,
    DEFAULT_START,
    EVENT_KINDS,
    Alias,
    CustomObject,
    Duration,
    EventKind,
    Expectation,
    ExpectationFields,
    Fields,
    HubSpotObject,
    JourneyEvent,
    RecordSpec,
    SalesforceObject,
    SalesforceObjectName,
    Scenario,
    Stub,
    System,
    Text,
    UtcDatetime,
    rule_error,
)
from simulator.yaml_lines import LineIndex


class Entry(BaseModel):
    """A mapping in the file: unknown keys are errors, and it has a name for them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    noun: ClassVar[str] = "a mapping"


class RecordEntry(Entry):
    """A record the scenario creates: `hubspot: contact` or `salesforce: Lead`."""

    model_config = ConfigDict(
        title="Record",
        json_schema_extra={
            "oneOf": [{"required": ["hubspot"]}, {"required": ["salesforce"]}]
        },
    )
    noun: ClassVar[str] = "a record"

    alias: Alias = Field(description="The name the journey and the checks use.")
    hubspot: HubSpotObject | None = Field(
        None, description="Create a HubSpot record of this object."
    )
    salesforce: SalesforceObjectName | None = Field(
        None,
        description="Create a Salesforce record of this object, or of a custom "
        "object (its API name, ending in __c).",
    )
    at: Duration = Field(
        "0m",
        validate_default=True,
        description="When the record is created, as an offset from start.",
    )
    fields: Fields = Field(
        default_factory=dict,
        description="The values the record is created with; Faker fills "
        "name, email, company and phone when they are left out.",
    )
    associations: list[Alias] = Field(
        default_factory=list,
        description="HubSpot records (by alias) this HubSpot record is "
        "associated with when it is created, such as a deal's contacts.",
    )

    @model_validator(mode="after")
    def _one_platform(self) -> Self:
        if (self.hubspot is None) != (self.salesforce is None):
            return self
        expected = (
            "exactly one of hubspot: contact|company|deal or "
            "salesforce: Lead|Contact|Account|Opportunity|Task|Case|<Custom>__c"
        )
        if self.hubspot is None:
            raise rule_error(
                "a record has neither hubspot: nor salesforce:",
                expected,
                "add the platform and object, such as hubspot: contact",
            )
        raise rule_error(
            "a record has both hubspot: and salesforce:",
            expected,
            "keep one; the connector creates the counterpart on the other side",
        )

    @property
    def platform(
        self,
    ) -> tuple[System, HubSpotObject | SalesforceObject | CustomObject]:
        """Which side the record is created on, and as what object."""
        if self.hubspot is not None:
            return "hubspot", self.hubspot
        assert self.salesforce is not None  # _one_platform guarantees one of them
        return "salesforce", self.salesforce


class Payload(Entry):
    """What every event but a wait names: the record, and optionally its side."""

    record: Alias = Field(description="The alias of the record it happens to.")
    system: System | None = Field(
        None,
        description="Let it happen to the record's counterpart on this platform.",
    )


class FormSubmissionEntry(Payload):
    model_config = ConfigDict(title="Form submission")
    noun: ClassVar[str] = "a form_submission"
    form: Text = Field(description="The form's name or id.")


class PageViewEntry(Payload):
    model_config = ConfigDict(title="Page view")
    noun: ClassVar[str] = "a page_view"
    url: Text = Field(description="The address of the page viewed.")


class EmailOpenEntry(Payload):
    model_config = ConfigDict(title="Email open")
    noun: ClassVar[str] = "an email_open"
    email: Text = Field(description="The marketing email's name or content id.")


class EmailClickEntry(Payload):
    model_config = ConfigDict(title="Email click")
    noun: ClassVar[str] = "an email_click"
    email: Text = Field(description="The marketing email's name or content id.")


class EnrolEntry(Payload):
    model_config = ConfigDict(title="Enrol")
    noun: ClassVar[str] = "an enrol"
    workflow: Text = Field(
        description="The HubSpot workflow, by name or id, a person enrols it in."
    )


class TurnOnEntry(Entry):
    model_config = ConfigDict(title="Turn on")
    noun: ClassVar[str] = "a turn_on"
    workflow: Text = Field(description="The HubSpot workflow, by name or id.")
    enrol_existing: bool = Field(
        False,
        description="Enrol the records that already meet the triggers; "
        "by default only records that change to meet them enrol.",
    )


class TurnOffEntry(Entry):
    model_config = ConfigDict(title="Turn off")
    noun: ClassVar[str] = "a turn_off"
    workflow: Text = Field(description="The HubSpot workflow, by name or id.")


class EditEntry(Payload):
    model_config = ConfigDict(title="Edit")
    noun: ClassVar[str] = "an edit"
    fields: Fields = Field(
        min_length=1, description="The fields a person changes, with their new values."
    )


class StageMoveEntry(Payload):
    model_config = ConfigDict(title="Stage move")
    noun: ClassVar[str] = "a stage_move"
    stage: Text = Field(description="The deal or opportunity stage it moves to.")


class ConvertEntry(Payload):
    model_config = ConfigDict(title="Convert")
    noun: ClassVar[str] = "a convert"
    opportunity: bool = Field(
        True,
        description="Create an opportunity with the account and the contact "
        '("Don\'t create an opportunity" when false).',
    )
    status: Text | None = Field(
        None,
        description="The converted lead status; default the LeadStatus value "
        "marked converted (Closed - Converted).",
    )
    account: Alias | None = Field(
        None,
        description="An existing Salesforce Account (by alias) to attach the "
        "contact to instead of creating one.",
    )


class WaitEntry(Entry):
    model_config = ConfigDict(title="Wait")
    noun: ClassVar[str] = "a wait"


class EventEntry(Entry):
    """One step of the journey: `at:` and exactly one kind of event."""

    model_config = ConfigDict(
        title="Journey event",
        json_schema_extra={"oneOf": [{"required": [kind]} for kind in EVENT_KINDS]},
    )
    noun: ClassVar[str] = "a journey event"

    at: Duration = Field(description="When it happens, as an offset from start.")
    form_submission: FormSubmissionEntry | None = Field(
        None, description="The person submits a HubSpot form."
    )
    page_view: PageViewEntry | None = Field(
        None, description="The person views a tracked page."
    )
    email_open: EmailOpenEntry | None = Field(
        None, description="The person opens a marketing email."
    )
    email_click: EmailClickEntry | None = Field(
        None, description="The person clicks a link in a marketing email."
    )
    edit: EditEntry | None = Field(None, description="A person edits the record.")
    stage_move: StageMoveEntry | None = Field(
        None, description="A rep moves a deal or opportunity to a stage."
    )
    enrol: EnrolEntry | None = Field(
        None, description="A person enrols the record in a HubSpot workflow."
    )
    turn_on: TurnOnEntry | None = Field(
        None, description="Someone turns a HubSpot workflow on."
    )
    turn_off: TurnOffEntry | None = Field(
        None, description="Someone turns a HubSpot workflow off."
    )
    convert: ConvertEntry | None = Field(
        None,
        description="A rep converts a Salesforce lead: an account, a contact and "
        "an opportunity are created, aliased <lead>-account, <lead>-contact and "
        "<lead>-opportunity.",
    )
    wait: WaitEntry | None = Field(
        None, description="Time passes; nothing happens. Write `wait: {}`."
    )

    @property
    def kind(self) -> EventKind:
        return next(kind for kind in EVENT_KINDS if kind in self.model_fields_set)

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        kinds = [kind for kind in EVENT_KINDS if kind in self.model_fields_set]
        if len(kinds) == 1:
            return self
        expected = "at: and one of " + ", ".join(EVENT_KINDS)
        if not kinds:
            raise rule_error(
                "an event has no kind", expected, "add one, such as wait: {}"
            )
        raise rule_error(
            f"an event has both {kinds[0]} and {kinds[1]}",
            expected,
            "split it into two items under journey:, each with its own at:",
        )

    def payload(self) -> dict[str, Any]:
        """The event's own keys (record, system, form, …), as the model takes them."""
        entry = getattr(self, self.kind)
        return dict(entry) if entry is not None else {}


class ExpectationEntry(ExpectationFields):
    """A check after the run: equals, sequence, action or entered."""

    model_config = ConfigDict(
        title="Check",
        json_schema_extra={
            "oneOf": [{"required": [kind]} for kind in CHECK_TAKES],
            "dependentRequired": {
                "equals": ["field"],
                "sequence": ["field"],
                "resource": ["flow", "holds"],
                "holds": ["resource"],
                "visited": ["flow"],
            },
        },
    )
    noun: ClassVar[str] = "a check"


class StubEntry(Entry):
    """The outcome of an action revsim does not simulate (a webhook, custom code)."""

    model_config = ConfigDict(title="Stub")
    noun: ClassVar[str] = "a stub"

    action: Text = Field(
        description="The stub's name as the trace and revsim validate give it, "
        "such as 'webhook 7' or 'custom code 3'."
    )
    workflow: Text | None = Field(
        None, description="Only in this workflow (by name or id)."
    )
    set: Fields = Field(
        default_factory=dict,
        description="Properties the action writes on the record.",
    )
    outputs: Fields = Field(
        default_factory=dict,
        description="The action's outputs, for later branches and values.",
    )


class ScenarioDocument(Entry):
    """A scenario file: a journey of one or a few people through the model."""

    model_config = ConfigDict(title="revsim scenario")
    noun: ClassVar[str] = "a scenario"

    name: Text = Field(description="What the scenario shows, in a sentence.")
    description: str | None = Field(None, description="Optional free text.")
    seed: StrictInt = Field(0, description="Faker fills unset fields from this seed.")
    start: UtcDatetime = Field(
        DEFAULT_START,
        description="When virtual time starts, with a time zone "
        "(default a Monday, 2026-01-05T09:00:00Z).",
    )
    until: Duration = Field(
        "90d", validate_default=True, description="How long virtual time may run."
    )
    records: list[RecordEntry] = Field(
        min_length=1, description="The records the scenario creates."
    )
    journey: list[EventEntry] = Field(
        default_factory=list, description="What happens, and when."
    )
    expect: list[ExpectationEntry] = Field(
        default_factory=list, description="What should come of it."
    )
    stubs: list[StubEntry] = Field(
        default_factory=list,
        description="Outcomes of actions revsim does not simulate.",
    )
    model: Text | None = Field(
        None,
        description="A model folder of its own, relative to this file, for a "
        "scenario about a variant of the suite's model (a planted fault, say); "
        "default: the suite's model. Its runs count in the pass and fail "
        "figures, not in the suite model's coverage.",
    )

    def to_scenario(self, file: str, lines: LineIndex) -> Scenario:
        """The engine's model of this file, each part with the line it starts on."""

        def line(*path: str | int) -> int:
            return lines.line(path) or 1

        records = [
            RecordSpec(
                alias=entry.alias,
                system=entry.platform[0],
                object=entry.platform[1],
                at=entry.at,
                fields=entry.fields,
                associations=entry.associations,
                line=line("records", index),
            )
            for index, entry in enumerate(self.records)
        ]
        journey = [
            JourneyEvent(
                at=entry.at,
                kind=entry.kind,
                **entry.payload(),
                line=line("journey", index),
            )
            for index, entry in enumerate(self.journey)
        ]
        # Only the keys the user wrote: a written `equals: null` means "blank".
        expect = [
            Expectation(
                **{key: getattr(entry, key) for key in entry.model_fields_set},
                line=line("expect", index),
            )
            for index, entry in enumerate(self.expect)
        ]
        stubs = [
            Stub(**dict(entry), line=line("stubs", index))
            for index, entry in enumerate(self.stubs)
        ]
        return Scenario(
            name=self.name,
            description=self.description,
            seed=self.seed,
            start=self.start,
            until=self.until,
            records=records,
            journey=journey,
            expect=expect,
            stubs=stubs,
            model=_beside(file, self.model),
            file=file,
            line=lines.key_line(("name",)) or 1,
        )


def _beside(file: str, folder: str | None) -> str | None:
    """``folder`` as written in ``file``: relative to the file's own folder."""
    if folder is None:
        return None
    return os.path.normpath(Path(file).parent / folder)
