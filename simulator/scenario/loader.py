"""Read scenario files into Scenarios, or into errors that point at the line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from simulator.errors import ScenarioError
from simulator.scenario.document import ScenarioDocument
from simulator.scenario.model import Scenario
from simulator.scenario.problems import combine, validation_problems
from simulator.scenario.references import reference_problems
from simulator.yaml_lines import load_yaml

SUFFIXES = (".yaml", ".yml")
TOP_LEVEL = "a mapping with name:, records: and optionally journey: and expect:"
EXAMPLE_FIX = "start from the example in docs/formats.md, section Scenarios"


@dataclass(frozen=True, slots=True)
class ScenarioSet:
    """The scenarios that loaded, and one error for each file that did not."""

    scenarios: list[Scenario] = field(default_factory=list)
    errors: list[ScenarioError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def load_scenario(path: Path) -> Scenario:
    """Read one scenario file; raise one ScenarioError listing all its problems."""
    file = str(path)
    data, lines = load_yaml(path, ScenarioError)
    if not isinstance(data, dict):
        raise _not_a_mapping(data, file, lines.line(()) or 1)
    try:
        document = ScenarioDocument.model_validate(data)
    except ValidationError as error:
        raise combine(validation_problems(error, data, lines, file), file) from None

    scenario = document.to_scenario(file, lines)
    problems = reference_problems(scenario, lines)
    if problems:
        raise combine(problems, file)
    return scenario


def load_scenarios(paths: Sequence[Path]) -> ScenarioSet:
    """Load every file named, and every *.yaml and *.yml under folders named.

    A bad file does not stop the others: its error goes into ``errors`` and the
    rest load. Two scenarios may not share a name; the later one is an error.
    """
    loaded = ScenarioSet()
    names: dict[str, Scenario] = {}
    for path in _scenario_files(paths, loaded.errors):
        try:
            scenario = load_scenario(path)
        except ScenarioError as error:
            loaded.errors.append(error)
            continue
        if scenario.name in names:
            loaded.errors.append(_same_name(scenario, names[scenario.name]))
            continue
        names[scenario.name] = scenario
        loaded.scenarios.append(scenario)
    return loaded


def _scenario_files(
    paths: Sequence[Path], errors: list[ScenarioError]
) -> Iterator[Path]:
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        elif path.exists():
            found = [path]
        else:
            errors.append(ScenarioError("no such file or folder", file=path))
            found = []
        for file in found:
            if file.is_file() and file not in seen:
                seen.add(file)
                yield file


def _not_a_mapping(data: object, file: str, line: int) -> ScenarioError:
    if data is None:
        return ScenarioError(
            "the file is empty",
            file=file,
            line=line,
            expected=TOP_LEVEL,
            fix=EXAMPLE_FIX,
        )
    shape = "a list" if isinstance(data, list) else f"the value {data!r}"
    return ScenarioError(
        f"the file holds {shape}, not a mapping of keys",
        file=file,
        line=line,
        expected=TOP_LEVEL,
        fix=EXAMPLE_FIX,
    )


def _same_name(scenario: Scenario, first: Scenario) -> ScenarioError:
    return ScenarioError(
        f"the name {scenario.name!r} is taken by {first.file}:{first.line}",
        file=scenario.file,
        line=scenario.line,
        place="name",
        expected="a different name for each scenario",
        fix="rename one of them",
    )
