"""invariants.yaml: the model's own invariants, and the findings it expects.

```yaml
invariants:
  - name: a lead at 50 points becomes an MQL
    for: hubspot contact          # the records it is about: platform and object
    when: "AND(hubspotscore >= 50, ISPICKVAL(lifecyclestage, 'lead'))"
    then: "ISPICKVAL(lifecyclestage, 'marketingqualifiedlead')"
    within: 1m                    # default 0m: at the same moment
    first_time: true              # default false: each time `when` becomes true
expected_findings:
  - kind: validation_failed
    rule: Opportunity.Loss_Reason_Required
    caused_by: person             # person | automation | connector
    why: a rep must choose a loss reason; the rule is there to stop them
```
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.duration import parse_duration
from simulator.errors import DefinitionError, RevsimError
from simulator.formula import Formula, compile_formula
from simulator.yaml_lines import LineIndex, load_yaml, validation_error

INVARIANTS_FILE = "invariants.yaml"
SYSTEMS = ("hubspot", "salesforce")
CAUSES = ("person", "automation", "connector")


@dataclass(frozen=True, slots=True)
class UserInvariant:
    """Whenever ``when`` becomes true of a record, ``then`` holds within ``within``."""

    name: str
    system: str
    object: str
    when: Formula
    then: Formula
    within: timedelta
    first_time: bool
    file: str
    line: int

    @property
    def key(self) -> str:
        return f"user:{self.name}"


@dataclass(frozen=True, slots=True)
class ExpectedFinding:
    """A finding the model declares as its rules doing their job."""

    kind: str
    rule: str | None
    message: str | None
    caused_by: str | None
    why: str | None
    line: int


@dataclass(frozen=True, slots=True)
class InvariantFile:
    invariants: tuple[UserInvariant, ...] = ()
    expected: tuple[ExpectedFinding, ...] = ()
    file: str | None = None


class _Invariant(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(min_length=1)
    for_: str = Field(alias="for")
    when: str = "TRUE"
    then: str
    within: str = "0m"
    first_time: bool = False
    why: str | None = None


class _Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    rule: str | None = None
    message: str | None = None
    caused_by: Literal["person", "automation", "connector"] | None = None
    why: str | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    invariants: list[_Invariant] = []
    expected_findings: list[_Expected] = []


def load_invariants(model_dir: Path, path: Path | None = None) -> InvariantFile:
    """``path``, or else the model folder's invariants.yaml if it has one."""
    if path is None:
        path = model_dir / INVARIANTS_FILE
        if not path.is_file():
            return InvariantFile()
    elif not path.is_file():
        raise DefinitionError(
            "the invariants file does not exist",
            file=path,
            expected="a YAML file with invariants: and expected_findings:",
        )
    data, index = load_yaml(path, DefinitionError)
    if data is None:
        return InvariantFile(file=str(path))
    try:
        raw = _File.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, index, path, DefinitionError, _File) from None
    invariants = tuple(
        _invariant(path, index, position, item)
        for position, item in enumerate(raw.invariants)
    )
    names = [invariant.name for invariant in invariants]
    for position, name in enumerate(names):
        if name in names[:position]:
            raise _error(
                path,
                index,
                ("invariants", position, "name"),
                f"the invariant name {name!r} is used twice",
                expected="a name of its own for each invariant",
            )
    expected = tuple(
        ExpectedFinding(
            item.kind,
            item.rule,
            item.message,
            item.caused_by,
            item.why,
            index.line(("expected_findings", position)) or 1,
        )
        for position, item in enumerate(raw.expected_findings)
    )
    return InvariantFile(invariants, expected, str(path))


def _invariant(
    path: Path, index: LineIndex, position: int, item: _Invariant
) -> UserInvariant:
    where = ("invariants", position)
    system, _, object_name = item.for_.strip().partition(" ")
    if system not in SYSTEMS or not object_name.strip():
        raise _error(
            path,
            index,
            (*where, "for"),
            f"for: {item.for_!r} names no platform and object",
            expected="hubspot contact, salesforce Lead, salesforce Opportunity, …",
        )
    try:
        within = parse_duration(item.within)
    except ValueError as exc:
        raise _error(path, index, (*where, "within"), str(exc)) from None
    return UserInvariant(
        name=item.name,
        system=system,
        object=object_name.strip(),
        when=_formula(path, index, (*where, "when"), item.when),
        then=_formula(path, index, (*where, "then"), item.then),
        within=within,
        first_time=item.first_time,
        file=str(path),
        line=index.line(where) or 1,
    )


def _formula(
    path: Path, index: LineIndex, where: tuple[str | int, ...], text: str
) -> Formula:
    line = index.line(where)
    try:
        return compile_formula(text, file=str(path), place=".".join(map(str, where)))
    except RevsimError as error:
        raise DefinitionError(
            error.message,
            file=path,
            line=line,
            place=".".join(map(str, where)),
            expected=error.expected,
            fix=error.fix,
        ) from None


def _error(
    path: Path,
    index: LineIndex,
    where: tuple[str | int, ...],
    message: str,
    expected: str | None = None,
) -> DefinitionError:
    return DefinitionError(
        message,
        file=path,
        line=index.line(where),
        place=".".join(map(str, where)),
        expected=expected,
    )
