"""What a scenario refers to must exist, and exist in time: aliases, creation, until.

These checks need the file alone and run when it loads; model_names.py checks
what needs the model too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from simulator.duration import format_duration
from simulator.errors import ScenarioError
from simulator.scenario.model import PLATFORM, RecordSpec, SalesforceObject, Scenario
from simulator.scenario.problems import did_you_mean, place_of
from simulator.yaml_lines import LineIndex, PathKey

MARKETING_EVENTS = ("form_submission", "page_view", "email_open", "email_click")
STAGED_OBJECTS = ("deal", "Opportunity")


class ReferenceChecker:
    """Walks one scenario and collects each broken reference with its line."""

    def __init__(self, scenario: Scenario, lines: LineIndex) -> None:
        self.scenario = scenario
        self.lines = lines
        self.records: dict[str, RecordSpec] = {}
        for spec in scenario.records:
            self.records.setdefault(spec.alias, spec)
        for spec in converted_records(scenario):
            self.records.setdefault(spec.alias, spec)

    def problem(
        self, path: PathKey, message: str, expected: str, fix: str
    ) -> ScenarioError:
        return ScenarioError(
            message,
            file=self.scenario.file,
            line=self.lines.key_line(path),
            place=place_of(path),
            expected=expected,
            fix=fix,
        )

    def record(self, path: PathKey, alias: str) -> RecordSpec | ScenarioError:
        """The record an alias names, or the error that it names none."""
        if alias in self.records:
            return self.records[alias]
        known = list(self.records)
        guess = did_you_mean(alias, known)
        return self.problem(
            path,
            f"no record has the alias {alias!r}",
            "one of the aliases under records: " + ", ".join(known),
            f"did you mean {guess!r}?"
            if guess
            else f"add a record with alias: {alias}, or use one of those",
        )

    def in_time(
        self, path: PathKey, at: timedelta, spec: RecordSpec | None
    ) -> Iterator[ScenarioError]:
        """``at`` falls between the record's creation and the end of the run."""
        until = self.scenario.until
        if at > until:
            yield self.problem(
                path,
                f"at {format_duration(at)} is after the run ends (until: "
                f"{format_duration(until)})",
                f"an offset of at most {format_duration(until)}",
                "move it earlier, or raise until:",
            )
        if spec is not None and at < spec.at:
            yield self.problem(
                path,
                f"at {format_duration(at)} comes before {spec.alias!r} is created "
                f"(at {format_duration(spec.at)})",
                f"at {format_duration(spec.at)} or later",
                f"move it later, or create {spec.alias!r} earlier",
            )


def reference_problems(scenario: Scenario, lines: LineIndex) -> list[ScenarioError]:
    """Every alias, time and target in ``scenario`` that does not hold together."""
    checker = ReferenceChecker(scenario, lines)
    problems = list(_aliases(checker))
    problems += _events(checker)
    problems += _expectations(checker)
    return sorted(problems, key=lambda problem: problem.line or 0)


def _aliases(checker: ReferenceChecker) -> Iterator[ScenarioError]:
    first_line: dict[str, int] = {}
    for index, spec in enumerate(checker.scenario.records):
        yield from checker.in_time(("records", index, "at"), spec.at, None)
        yield from _associations(checker, index, spec)
        if spec.alias not in first_line:
            first_line[spec.alias] = spec.line
            continue
        yield checker.problem(
            ("records", index, "alias"),
            f"the alias {spec.alias!r} is taken by the record on line "
            f"{first_line[spec.alias]}",
            "a different alias for each record",
            "rename one of them",
        )


def _associations(
    checker: ReferenceChecker, index: int, spec: RecordSpec
) -> Iterator[ScenarioError]:
    """A record is associated, when it is created, with HubSpot records that exist."""
    for position, alias in enumerate(spec.associations):
        path: PathKey = ("records", index, "associations", position)
        other = checker.record(path, alias)
        if isinstance(other, ScenarioError):
            yield other
        elif spec.system != "hubspot" or other.system != "hubspot":
            yield checker.problem(
                path,
                f"{spec.alias!r} and {alias!r} are not both HubSpot records",
                "aliases of HubSpot records (contacts, companies, deals)",
                "associate Salesforce records through their lookup fields",
            )
        elif (other.at, checker.scenario.records.index(other)) > (spec.at, index):
            yield checker.problem(
                path,
                f"{alias!r} is created after {spec.alias!r} "
                f"(at {format_duration(other.at)}, or later in the file)",
                "a record created earlier, or listed earlier at the same time",
                f"list the association under {alias!r} instead",
            )


def _events(checker: ReferenceChecker) -> Iterator[ScenarioError]:
    for index, event in enumerate(checker.scenario.journey):
        at_path: PathKey = ("journey", index, "at")
        if event.record is None:
            yield from checker.in_time(at_path, event.at, None)
            continue
        spec = checker.record(("journey", index, event.kind, "record"), event.record)
        if isinstance(spec, ScenarioError):
            yield spec
            continue
        yield from checker.in_time(at_path, event.at, spec)
        side = event.system or spec.system
        path: PathKey = ("journey", index, event.kind)
        if event.kind in MARKETING_EVENTS:
            yield from _marketing_target(checker, path, spec, side)
        elif event.kind == "enrol" and side != "hubspot":
            yield checker.problem(
                path,
                f"an enrol puts a HubSpot record in a workflow, but {spec.alias!r} "
                f"is a Salesforce {spec.object}",
                "a HubSpot record, or a Salesforce record with system: hubspot",
                "add system: hubspot to use its HubSpot counterpart",
            )
        elif event.kind == "stage_move" and side == spec.system:
            yield from _staged_target(checker, path, spec)
        elif event.kind == "convert":
            yield from _convert_target(checker, path, spec, side, event.account)


def converted_records(scenario: Scenario) -> Iterator[RecordSpec]:
    """The records a convert creates: ``<lead>-account`` (unless it attaches
    to an existing account), ``<lead>-contact`` and ``<lead>-opportunity``
    (unless opportunity: false), from the moment of the conversion."""
    for event in scenario.journey:
        if event.kind != "convert" or event.record is None:
            continue
        made: list[tuple[str, SalesforceObject]] = [("contact", "Contact")]
        if event.account is None:
            made.insert(0, ("account", "Account"))
        if event.opportunity is not False:
            made.append(("opportunity", "Opportunity"))
        for suffix, object_name in made:
            yield RecordSpec(
                alias=f"{event.record}-{suffix}",
                system="salesforce",
                object=object_name,
                at=event.at,
                line=event.line,
            )


def _convert_target(
    checker: ReferenceChecker,
    path: PathKey,
    spec: RecordSpec,
    side: str,
    account: str | None,
) -> Iterator[ScenarioError]:
    """A convert converts a Salesforce lead, onto an existing account if named."""
    if side != "salesforce" or (spec.system == "salesforce" and spec.object != "Lead"):
        where = "" if spec.system == "salesforce" else "HubSpot "
        yield checker.problem(
            path,
            f"a convert converts a Salesforce lead, but {spec.alias!r} is a "
            f"{where}{spec.object}",
            "the alias of a Salesforce Lead, or of a contact with system: salesforce",
            "convert the lead, or add system: salesforce for a synced contact",
        )
    if account is None:
        return
    target = checker.record((*path, "account"), account)
    if isinstance(target, ScenarioError):
        yield target
    elif (target.system, target.object) != ("salesforce", "Account"):
        yield checker.problem(
            (*path, "account"),
            f"account: {account!r} is a {PLATFORM[target.system]} {target.object}",
            "the alias of a Salesforce Account",
            "name an account under records:, or leave account: out",
        )


def _marketing_target(
    checker: ReferenceChecker, path: PathKey, spec: RecordSpec, side: str
) -> Iterator[ScenarioError]:
    """Form submissions, page views and email clicks happen to HubSpot contacts."""
    kind = str(path[-1])
    if side == "salesforce":
        yield checker.problem(
            path,
            f"a {kind} happens in HubSpot, but {spec.alias!r} is a Salesforce "
            f"{spec.object}",
            "a HubSpot contact, or a Salesforce record with system: hubspot",
            "add system: hubspot to use its HubSpot counterpart",
        )
    elif spec.system == "hubspot" and spec.object != "contact":
        yield checker.problem(
            path,
            f"a {kind} happens to a contact, but {spec.alias!r} is a HubSpot "
            f"{spec.object}",
            "the alias of a HubSpot contact",
            "use a contact's alias",
        )


def _staged_target(
    checker: ReferenceChecker, path: PathKey, spec: RecordSpec
) -> Iterator[ScenarioError]:
    if spec.object in STAGED_OBJECTS:
        return
    yield checker.problem(
        path,
        f"a stage_move moves a deal or an opportunity, but {spec.alias!r} is a "
        f"{PLATFORM[spec.system]} {spec.object}",
        "the alias of a HubSpot deal or a Salesforce Opportunity",
        "to change another record's stage, edit its stage field with edit:",
    )


def _expectations(checker: ReferenceChecker) -> Iterator[ScenarioError]:
    for index, check in enumerate(checker.scenario.expect):
        spec = checker.record(("expect", index, "record"), check.record)
        if isinstance(spec, ScenarioError):
            yield spec
        elif check.at is not None:
            yield from checker.in_time(("expect", index, "at"), check.at, spec)
