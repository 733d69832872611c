"""The lifecycle map: the stages of each stage field and the transitions expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from simulator.errors import DefinitionError
from simulator.yaml_lines import LineIndex, format_place, load_yaml, validation_error


@dataclass(frozen=True, slots=True)
class StageField:
    """A stage field and the transitions the business expects of it."""

    system: str  # hubspot | salesforce
    object: str
    field: str
    stages: tuple[str, ...]
    transitions: frozenset[tuple[str | None, str]]


@dataclass(frozen=True, slots=True)
class LifecycleMap:
    file: str
    fields: tuple[StageField, ...]


def _scalar_text(value: object) -> object:
    """A stage written as a number (`1`) is still a stage name."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


_Stage = Annotated[str, BeforeValidator(_scalar_text)]


class _StageFieldModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stages: list[_Stage]
    transitions: list[tuple[_Stage | None, _Stage]] = []


_Objects = dict[str, dict[str, _StageFieldModel]]


class _LifecycleModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hubspot: _Objects = {}
    salesforce: _Objects = {}


def load_lifecycle(path: Path) -> LifecycleMap:
    """Read lifecycle.yaml; errors name the line, like ``lifecycle.yaml:7``."""
    data, index = load_yaml(path, DefinitionError)
    if not isinstance(data, dict):
        raise DefinitionError(
            "expected the lifecycle map as keys and values",
            file=path,
            line=index.line(()),
            expected="hubspot: and salesforce:, each object → field → "
            "stages and transitions (see docs/formats.md)",
        )
    try:
        raw = _LifecycleModel.model_validate(data)
    except ValidationError as exc:
        raise validation_error(
            exc, index, path, DefinitionError, _LifecycleModel
        ) from None
    fields = [
        _stage_field(path, index, (system, obj, name), spec)
        for system, objects in (
            ("hubspot", raw.hubspot),
            ("salesforce", raw.salesforce),
        )
        for obj, by_name in objects.items()
        for name, spec in by_name.items()
    ]
    return LifecycleMap(str(path), tuple(fields))


def _stage_field(
    path: Path, index: LineIndex, where: tuple[str, str, str], spec: _StageFieldModel
) -> StageField:
    """One stage field, once every stage a transition names is known."""
    _check_stages(path, index, where, spec.stages)
    known = set(spec.stages)
    for position, transition in enumerate(spec.transitions):
        for end, stage in enumerate(transition):
            if stage is not None and stage not in known:
                raise DefinitionError(
                    f"the transition names {stage!r}, which is not a stage of "
                    f"{'.'.join(where)}",
                    file=path,
                    line=index.line((*where, "transitions", position, end)),
                    place=format_place((*where, "transitions", position, end)),
                    expected="one of: " + ", ".join(spec.stages),
                    fix="add it to `stages`, or correct its spelling",
                )
    system, obj, name = where
    return StageField(
        system, obj, name, tuple(spec.stages), frozenset(spec.transitions)
    )


def _check_stages(
    path: Path, index: LineIndex, where: tuple[str, str, str], stages: list[str]
) -> None:
    if not stages:
        raise DefinitionError(
            "a stage field needs its stages",
            file=path,
            line=index.line((*where, "stages")),
            place=format_place((*where, "stages")),
        )
    for position, stage in enumerate(stages):
        if stage in stages[:position]:
            raise DefinitionError(
                f"the stage {stage!r} is listed twice",
                file=path,
                line=index.line((*where, "stages", position)),
                place=format_place((*where, "stages", position)),
            )
