"""A model folder written file by file, a scenario run through it, and its trace."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any

from simulator.engine.records import Record
from simulator.engine.settings import EngineSettings
from simulator.engine.trace import Finding, TraceEntry
from simulator.journey import find_record
from simulator.model import load_model
from simulator.runner import ScenarioResult, run_scenario
from simulator.scenario import load_scenario

SFDX = Path("salesforce/force-app/main/default")


class ModelFolder:
    """A model folder laid out as docs/formats.md shows, filled by the test."""

    def __init__(self, root: Path) -> None:
        self.root = root / "model"
        self.scenario_file = root / "scenario.yaml"
        self.root.mkdir()

    def _write(self, relative: Path | str, content: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path

    def hubspot_workflow(self, flow: dict[str, Any]) -> Path:
        name = str(flow["name"]).lower().replace(" ", "-")
        return self._write(f"hubspot/workflows/{name}.json", json.dumps(flow))

    def hubspot_file(self, name: str, data: object) -> Path:
        """account.json, pipelines.json or properties/<object>.json, as JSON."""
        return self._write(f"hubspot/{name}", json.dumps(data))

    def forms(self, **ids: str) -> Path:
        """forms.json as GET /marketing/v3/forms lists them: name → id."""
        results = [{"id": form_id, "name": name} for name, form_id in ids.items()]
        return self._write("hubspot/forms.json", json.dumps({"results": results}))

    def flow(self, api_name: str, xml: str) -> Path:
        return self._write(SFDX / "flows" / f"{api_name}.flow-meta.xml", xml)

    def validation_rule(self, obj: str, name: str, xml: str) -> Path:
        folder = SFDX / "objects" / obj / "validationRules"
        return self._write(folder / f"{name}.validationRule-meta.xml", xml)

    def field(self, obj: str, name: str, xml: str) -> Path:
        folder = SFDX / "objects" / obj / "fields"
        return self._write(folder / f"{name}.field-meta.xml", xml)

    def standard_value_set(self, name: str, xml: str) -> Path:
        folder = SFDX / "standardValueSets"
        return self._write(folder / f"{name}.standardValueSet-meta.xml", xml)

    def settings(self, name: str, xml: str) -> Path:
        return self._write(SFDX / "settings" / f"{name}.settings-meta.xml", xml)

    def workflow(self, obj: str, xml: str) -> Path:
        return self._write(SFDX / "workflows" / f"{obj}.workflow-meta.xml", xml)

    def connector(self, text: str) -> Path:
        return self._write("connector.yaml", dedent(text).lstrip("\n"))

    def run(
        self, scenario: str, settings: EngineSettings | None = None
    ) -> ScenarioResult:
        """Load the model and the scenario as the CLI does, and run it."""
        self.scenario_file.write_text(dedent(scenario).lstrip("\n"), encoding="utf-8")
        model = load_model(self.root)
        return run_scenario(model, load_scenario(self.scenario_file), settings)


def assert_expectations_hold(result: ScenarioResult) -> None:
    """Every check under the scenario's expect: held, and the run was not stopped."""
    rendered = "\n".join(failure.render() for failure in result.failures)
    assert not result.failures, f"expectations failed:\n{rendered}"
    assert result.stopped is None, result.stopped


def record(result: ScenarioResult, alias: str, system: str | None = None) -> Record:
    found = find_record(result.simulation, alias, system)
    assert found is not None, f"no record {alias!r} on {system or 'its platform'}"
    return found


def entries(
    result: ScenarioResult, kind: str, alias: str | None = None
) -> Iterator[TraceEntry]:
    """Trace entries of one kind, for one record's alias when given."""
    key = record(result, alias).key if alias is not None else None
    for entry in result.simulation.trace.entries:
        if entry.kind == kind and (key is None or entry.record == key):
            yield entry


def changes(result: ScenarioResult, alias: str, field: str) -> list[TraceEntry]:
    """The traced changes of one field of one record, in order."""
    return [e for e in entries(result, "changed", alias) if e.field == field]


def findings(result: ScenarioResult, kind: str) -> list[Finding]:
    return [f for f in result.simulation.trace.findings if f.kind == kind]
