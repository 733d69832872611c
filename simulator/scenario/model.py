"""A scenario as the engine runs it: records, a journey of events, and the checks."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from simulator.duration import DURATION_HELP, format_duration, parse_duration

DEFAULT_START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
DEFAULT_UNTIL = timedelta(days=90)

System = Literal["hubspot", "salesforce"]
HubSpotObject = Literal["contact", "company", "deal"]
SalesforceObject = Literal["Lead", "Contact", "Account", "Opportunity", "Task", "Case"]
# A custom object of the org: its API name ends in __c.
CUSTOM_OBJECT_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*__c$"
CustomObject = Annotated[
    str, StringConstraints(strict=True, pattern=CUSTOM_OBJECT_PATTERN)
]


def _salesforce_object(value: str) -> str:
    """A standard object revsim creates, or a custom object's API name."""
    known = get_args(SalesforceObject)
    if value in known or re.fullmatch(CUSTOM_OBJECT_PATTERN, value):
        return value
    guess = next((k for k in known if k.lower() == value.lower()), None)
    raise rule_error(
        f"{value!r} is not one of the choices",
        "one of " + ", ".join(known) + ", or a custom object ending in __c",
        f"did you mean {guess!r}?" if guess else "write the object's API name",
    )


SalesforceObjectName = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_salesforce_object),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(get_args(SalesforceObject))},
                {"type": "string", "pattern": CUSTOM_OBJECT_PATTERN},
            ]
        }
    ),
]
EventKind = Literal[
    "form_submission",
    "page_view",
    "email_open",
    "email_click",
    "edit",
    "stage_move",
    "enrol",
    "turn_on",
    "turn_off",
    "convert",
    "wait",
]
ActionKind = Literal["email", "task", "notification", "alert", "stub"]
CheckKind = Literal["equals", "sequence", "action", "entered", "flow"]

OBJECTS: dict[str, tuple[str, ...]] = {
    "hubspot": get_args(HubSpotObject),
    "salesforce": get_args(SalesforceObject),
}
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
PLATFORM = {"hubspot": "HubSpot", "salesforce": "Salesforce"}

# The one attribute each kind of event needs; a wait needs nothing.
EVENT_NEEDS: dict[str, str | None] = {
    "form_submission": "form",
    "page_view": "url",
    "email_open": "email",
    "email_click": "email",
    "edit": "fields",
    "stage_move": "stage",
    "enrol": "workflow",
    "turn_on": "workflow",
    "turn_off": "workflow",
    "convert": None,
    "wait": None,
}
# What only a convert takes: whether to create an opportunity, the converted
# status, an existing account to attach to.
CONVERT_OPTIONS = ("opportunity", "status", "account")
# Events that happen to no record: time passing, a workflow turned on or off.
NO_RECORD = ("wait", "turn_on", "turn_off")

DURATION_PATTERN = r"^\s*\d+(\.\d+)?\s*[smhdw]\s*$"
ALIAS_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_-]*$"
ALIAS_HELP = "letters, digits, '-' and '_', such as ada or big-deal"
SCALAR_HELP = "a single value: text, a number, true or false, a date, or null"


def rule_error(message: str, expected: str, fix: str) -> PydanticCustomError:
    """A validation error that carries what was expected and how to fix it."""
    # The message goes through the context so braces in user input stay as written.
    return PydanticCustomError(
        "scenario_rule",
        "{message}",
        {"message": message, "expected": expected, "fix": fix},
    )


def _duration(value: object) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except ValueError:
            pass
        fix = "write the number and the unit together, such as 15m or 3d"
    else:
        fix = f"add a unit: {value}m for minutes, {value}d for days"
    raise rule_error(f"{value!r} is not a duration", DURATION_HELP, fix)


def _scalar(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool | date):
        return value
    shape = "a list" if isinstance(value, list) else "a mapping"
    raise rule_error(
        f"a field value is {shape}, not a single value",
        SCALAR_HELP,
        "give one value; a multiple-choice property takes its options "
        "joined by ';' in one string",
    )


def _alias(value: str) -> str:
    if re.fullmatch(ALIAS_PATTERN, value):
        return value
    raise rule_error(
        f"{value!r} cannot be an alias", ALIAS_HELP, "use a short name without spaces"
    )


Duration = Annotated[
    timedelta,
    BeforeValidator(_duration),
    PlainSerializer(format_duration, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "pattern": DURATION_PATTERN, "examples": ["15m", "3d"]}
    ),
]
Scalar = Annotated[
    str | bool | int | float | datetime | date | None,
    PlainValidator(_scalar),
    WithJsonSchema({"type": ["string", "number", "integer", "boolean", "null"]}),
]
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
Alias = Annotated[
    Text,
    AfterValidator(_alias),
    WithJsonSchema({"type": "string", "pattern": ALIAS_PATTERN}),
]
Count = Annotated[StrictInt, Field(ge=0)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(lambda t: t.astimezone(UTC))]
Fields = dict[Text, Scalar]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecordSpec(_Model):
    """A record that exists in the run: created by the scenario at ``at``."""

    alias: Alias
    system: System
    object: HubSpotObject | SalesforceObject | CustomObject
    at: Duration = timedelta(0)
    fields: Fields = Field(default_factory=dict)
    associations: list[Alias] = Field(default_factory=list)
    line: int = 0

    @model_validator(mode="after")
    def _object_of_system(self) -> Self:
        known = OBJECTS[self.system]
        custom = self.system == "salesforce" and re.fullmatch(
            CUSTOM_OBJECT_PATTERN, self.object
        )
        if self.object not in known and not custom:
            raise rule_error(
                f"{self.object!r} is not a {PLATFORM[self.system]} object",
                "one of " + ", ".join(known),
                "write the object as listed, in that case",
            )
        return self


class JourneyEvent(_Model):
    """Something that happens to a record at ``at``, or time passing (``wait``)."""

    at: Duration
    kind: EventKind
    record: Alias | None = None
    system: System | None = None
    form: Text | None = None
    url: Text | None = None
    email: Text | None = None
    stage: Text | None = None
    workflow: Text | None = None
    enrol_existing: bool = False
    fields: Fields = Field(default_factory=dict)
    opportunity: bool | None = None
    status: Text | None = None
    account: Alias | None = None
    line: int = 0

    @model_validator(mode="after")
    def _attributes_of_kind(self) -> Self:
        if self.kind in NO_RECORD and (self.record or self.system):
            raise rule_error(
                f"a {self.kind} happens to no record",
                "wait: {}" if self.kind == "wait" else f"{self.kind}: {{workflow: …}}",
                "remove record and system, or use another kind of event",
            )
        if self.kind not in NO_RECORD and self.record is None:
            raise rule_error(
                f"a {self.kind} needs a record",
                "record: the alias of a record under records:",
                "add record:",
            )
        if self.enrol_existing and self.kind != "turn_on":
            raise rule_error(
                f"enrol_existing does not go with a {self.kind}",
                "turn_on: {workflow: …, enrol_existing: true}",
                "remove enrol_existing",
            )
        if self.kind != "convert":
            for option in CONVERT_OPTIONS:
                if getattr(self, option) is not None:
                    raise rule_error(
                        f"{option} does not go with a {self.kind}",
                        "convert: {record: …, " + option + ": …}",
                        f"remove {option}",
                    )
        needed = EVENT_NEEDS[self.kind]
        for attribute in ("form", "url", "email", "stage", "workflow", "fields"):
            given = bool(getattr(self, attribute))
            if given != (attribute == needed):
                raise _event_attribute_error(self.kind, attribute, needed, given)
        return self


def _event_attribute_error(
    kind: str, attribute: str, needed: str | None, given: bool
) -> PydanticCustomError:
    if given:
        return rule_error(
            f"{attribute} does not go with a {kind}",
            f"a {kind} with record" + (f" and {needed}" if needed else ""),
            f"remove {attribute}",
        )
    return rule_error(
        f"a {kind} needs {attribute}",
        f"{attribute}: "
        + ("a mapping of field to value" if needed == "fields" else "text"),
        f"add {attribute}:",
    )


# Which optional keys each kind of check takes, and which of them it needs.
CHECK_TAKES: dict[CheckKind, tuple[str, ...]] = {
    "equals": ("field", "at"),
    "sequence": ("field",),
    "action": ("name", "count", "at_least"),
    "entered": ("count",),
    "flow": ("resource", "holds", "visited"),
}
CHECK_OPTIONS = ("field", "at", "name", "count", "at_least", "resource", "visited")


class ExpectationFields(_Model):
    """The keys of a check, shared by the file's shape and the engine's model."""

    record: Alias = Field(description="The alias of the record to check.")
    system: System | None = Field(
        None,
        description="Check the record's counterpart on this platform "
        "(created by the connector) instead of the record itself.",
    )
    field: Text | None = Field(
        None, description="The field (property) to read, with equals or sequence."
    )
    equals: Scalar = Field(
        None,
        description="The value the field holds at the end of the run, or at `at`; "
        "null for blank.",
    )
    at: Duration | None = Field(
        None,
        description="When to read the field for equals, as an offset from start; "
        "default: the end of the run.",
    )
    sequence: list[Scalar] | None = Field(
        None, description="Every value the field took, in order."
    )
    action: ActionKind | None = Field(
        None, description="A kind of action that ran for the record."
    )
    name: Text | None = Field(
        None, description="With action: the action's name or content id."
    )
    count: Count | None = Field(
        None,
        description="With action or entered: exactly this many times "
        "(0 = never). Without it, entered means at least once.",
    )
    at_least: Count | None = Field(
        None, description="With action: at least this many times (default 1)."
    )
    entered: Text | None = Field(
        None, description="A HubSpot workflow or Salesforce flow, by name."
    )
    flow: Text | None = Field(
        None,
        description="A Salesforce flow, by API name or label: check its last "
        "interview for the record, with resource + holds or with visited "
        "(the assertions of a Salesforce flow test).",
    )
    resource: Text | None = Field(
        None,
        description="With flow: a variable, formula, outcome or $Record field "
        "path, as the interview left it.",
    )
    holds: Scalar = Field(
        None, description="With flow and resource: the value it holds; null for blank."
    )
    visited: Text | None = Field(
        None, description="With flow: an element the interview ran (WasVisited)."
    )

    @model_validator(mode="before")
    @classmethod
    def _at_least_once(cls, data: Any) -> Any:
        # An action check with no count means "it ran": at least once.
        if not isinstance(data, dict) or data.get("action") is None:
            return data
        if data.get("count") is None and data.get("at_least") is None:
            return {**data, "at_least": 1}
        return data

    @property
    def check(self) -> CheckKind:
        """What is checked: equals, sequence, action or entered."""
        return self._checks()[0]

    def _checks(self) -> list[CheckKind]:
        # equals may be null (blank), so it counts when it was written at all.
        given: list[CheckKind] = ["equals"] if "equals" in self.model_fields_set else []
        others: tuple[CheckKind, ...] = ("sequence", "action", "entered", "flow")
        return given + [key for key in others if getattr(self, key) is not None]

    @model_validator(mode="after")
    def _one_check(self) -> Self:
        checks = self._checks()
        if len(checks) != 1:
            raise _check_count_error(checks)
        kind = checks[0]
        if kind in ("equals", "sequence") and self.field is None:
            raise rule_error(
                f"{kind} needs field: the field to read",
                "field: a field name, such as lifecyclestage",
                "add field:",
            )
        for option in CHECK_OPTIONS:
            if getattr(self, option) is not None and option not in CHECK_TAKES[kind]:
                raise rule_error(
                    f"{option} does not go with {kind}",
                    f"with {kind}: " + ", ".join(CHECK_TAKES[kind]),
                    f"remove {option}, or make it a check of its own",
                )
        if kind == "flow":
            self._flow_check()
        elif "holds" in self.model_fields_set:
            raise rule_error(
                f"holds does not go with {kind}",
                f"with {kind}: " + ", ".join(CHECK_TAKES[kind]),
                "remove holds, or use flow: with resource:",
            )
        if self.count is not None and self.at_least is not None:
            raise rule_error(
                "a check has both count and at_least",
                "count (exactly) or at_least",
                "keep one of them",
            )
        return self

    def _flow_check(self) -> None:
        """flow: needs resource: with holds:, or visited:, not both."""
        if (self.resource is None) == (self.visited is None):
            raise rule_error(
                "a flow check needs one of resource and visited",
                "flow: with resource: and holds:, or flow: with visited:",
                "add resource: and holds:, or visited:",
            )
        if (self.resource is None) == ("holds" in self.model_fields_set):
            raise rule_error(
                "resource and holds go together",
                "flow:, resource: and holds: (null for blank)",
                "add the one that is missing",
            )


def _check_count_error(checks: list[CheckKind]) -> PydanticCustomError:
    expected = "one of: field + equals, field + sequence, action, entered, flow"
    if not checks:
        return rule_error(
            "a check needs something to check", expected, "add equals:, for example"
        )
    return rule_error(
        f"a check has both {checks[0]} and {checks[1]}",
        expected,
        "split it into two items under expect:",
    )


class Expectation(ExpectationFields):
    """One check on a record after the run; ``describe`` says it in words."""

    line: int = 0

    def describe(self) -> str:
        """What this check asserts, in a sentence for failure output."""
        where = f" in {PLATFORM[self.system]}" if self.system else ""
        sentences = {
            "equals": self._equals,
            "sequence": self._sequence,
            "action": lambda: f"gets {self._actions()}",
            "entered": self._entries,
            "flow": self._interview,
        }
        subject = f"{self.record}.{self.field}" if self.field else self.record
        return f"{subject}{where} {sentences[self.check]()}"

    def _equals(self) -> str:
        when = "at the end" if self.at is None else f"at {format_duration(self.at)}"
        if self.equals is None:
            return f"{when} is blank"
        return f"{when} equals {show(self.equals)}"

    def _sequence(self) -> str:
        if not self.sequence:
            return "takes no value"
        values = ", ".join(show(value) for value in self.sequence)
        return f"takes the values {values} in that order"

    def _actions(self) -> str:
        number = self.count if self.count is not None else self.at_least or 0
        noun = f"{self.action} action" + ("" if number == 1 else "s")
        named = f" named {self.name!r}" if self.name else ""
        if self.count == 0:
            return f"no {self.action} action{named}"
        exactly = "exactly" if self.count is not None else "at least"
        return f"{exactly} {number} {noun}{named}"

    def _entries(self) -> str:
        flow = repr(self.entered)
        if self.count is None:
            return f"enters {flow} at least once"
        if self.count == 0:
            return f"never enters {flow}"
        times = "once" if self.count == 1 else f"{self.count} times"
        return f"enters {flow} exactly {times}"

    def _interview(self) -> str:
        if self.visited is not None:
            return f"runs {self.visited!r} in flow {self.flow!r}"
        return f"leaves {self.resource} = {show(self.holds)} in flow {self.flow!r}"


def show(value: object) -> str:
    """A value as the YAML would write it, quoted when it is text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


class Stub(_Model):
    """The outcome of an action revsim does not simulate, for this scenario.

    ``action`` is the name the trace gives the stub (``webhook 7``, ``custom
    code 3``); ``workflow`` narrows it to one workflow. ``set`` writes
    properties on the record, ``outputs`` gives the action's outputs.
    """

    action: Text
    workflow: Text | None = None
    set: Fields = Field(default_factory=dict)
    outputs: Fields = Field(default_factory=dict)
    line: int = 0


class Scenario(_Model):
    """One journey through the model and what should come of it."""

    name: Text
    description: str | None = None
    seed: StrictInt = 0
    start: UtcDatetime = DEFAULT_START
    until: Duration = DEFAULT_UNTIL
    records: list[RecordSpec] = Field(min_length=1)
    journey: list[JourneyEvent] = Field(default_factory=list)
    expect: list[Expectation] = Field(default_factory=list)
    stubs: list[Stub] = Field(default_factory=list)
    model: str | None = None  # a model folder of its own, else the suite's
    file: str = ""
    line: int = 0

    @property
    def end(self) -> datetime:
        """The last moment of virtual time the run reaches."""
        return self.start + self.until

    def record(self, alias: str) -> RecordSpec:
        """The record with this alias; KeyError when there is none."""
        for spec in self.records:
            if spec.alias == alias:
                return spec
        raise KeyError(alias)
