"""Salesforce flow tests (``*.flowtest-meta.xml``) as revsim scenarios.

A FlowTest names the record-triggered flow it tests (``flowApiName``); its
Start test point gives the triggering record's field values as JSON
(``InputTriggeringRecordInitial``, and for an update test
``InputTriggeringRecordUpdated``); its Finish test point holds assertions,
conditions on ``$Record`` fields, flow resources or elements. revsim turns
one into a scenario: the record is created with the initial values (and
edited to the updated ones a minute later), the whole model runs as a save
would run it, and each assertion becomes a check. So a team's flow tests run
in CI without an org.

What differs from a test run in the org: every automation of the model runs,
not only the tested flow; related records the test expects to exist in the
org are not there unless the scenario creates them; only an active flow
runs. Assertions with EqualTo, IsNull and WasVisited are checked; another
operator is an error that names the assertion.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from simulator.errors import ScenarioError
from simulator.salesforce.flow_values import FlowSource, flow_value
from simulator.salesforce.metadata import (
    children,
    file_stem,
    line_of,
    read_metadata,
    required_text,
    text,
)
from simulator.salesforce.model import Flow, Literal, Reference

if TYPE_CHECKING:
    from simulator.model import AutomationModel
    from simulator.scenario.loader import ScenarioSet
    from simulator.scenario.model import Expectation, Scenario

FLOWTEST_SUFFIXES: Final = (".flowtest-meta.xml", ".flowtest")
# The person fields Faker would fill: a flow test gives what it gives.
_IDENTITY: Final = ("FirstName", "LastName", "Email", "Company", "Phone", "Name")
ALIAS: Final = "record"


@dataclass(frozen=True, slots=True)
class Assertion:
    """One condition of the Finish test point."""

    left: str
    operator: str
    right: object
    message: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class FlowTest:
    file: str
    name: str
    label: str
    flow: str
    initial: dict[str, object] = field(default_factory=dict)
    updated: dict[str, object] | None = None
    assertions: tuple[Assertion, ...] = ()


def load_flowtest(path: Path) -> FlowTest:
    """Import one flow test; DefinitionError names the file and the element."""
    root = read_metadata(path, "FlowTest")
    suffix = next((s for s in FLOWTEST_SUFFIXES if path.name.endswith(s)), "")
    source = FlowSource(path, file_stem(path, suffix))
    initial: dict[str, object] = {}
    updated: dict[str, object] | None = None
    assertions: list[Assertion] = []
    for number, point in enumerate(children(root, "testPoints"), start=1):
        place = f"testPoints[{number}]"
        for parameter in children(point, "parameters"):
            kind = text(parameter, "type")
            values = _record_values(path, parameter, place)
            if kind == "InputTriggeringRecordInitial":
                initial = values
            elif kind == "InputTriggeringRecordUpdated":
                updated = values
        for group in children(point, "assertions"):
            message = text(group, "errorMessage")
            for condition in children(group, "conditions"):
                assertions.append(_assertion(source, condition, message, place))
    return FlowTest(
        file=str(path),
        name=source.api_name,
        label=text(root, "label") or source.api_name,
        flow=required_text(root, "flowApiName", file=path, place="FlowTest"),
        initial=initial,
        updated=updated,
        assertions=tuple(assertions),
    )


def _record_values(path: Path, parameter: ET.Element, place: str) -> dict[str, object]:
    value = parameter.find("value")
    written = text(value, "sobjectValue") if value is not None else None
    if written is None:
        return {}
    try:
        data = json.loads(written)
    except json.JSONDecodeError as error:
        raise ScenarioError(
            f"the record values are not JSON: {error.msg}",
            file=path,
            line=line_of(parameter),
            place=f"{place}/parameters/value/sobjectValue",
            expected='a JSON object of field values, {"LastName": "Lee", …}',
        ) from None
    if not isinstance(data, dict):
        return {}
    # An empty text field is written as "": it is blank.
    return {
        str(k): v
        for k, v in data.items()
        if v != "" and isinstance(v, str | int | float | bool)
    }


def _assertion(
    source: FlowSource, condition: ET.Element, message: str | None, place: str
) -> Assertion:
    where = f"{place}/assertions/conditions"
    right = flow_value(source, condition.find("rightValue"), f"{where}/rightValue")
    value: object = None
    if isinstance(right, Literal):
        value = right.value
    elif isinstance(right, Reference):
        value = right.path
    return Assertion(
        left=source.required(condition, "leftValueReference", where),
        operator=source.required(condition, "operator", where),
        right=value,
        message=message,
        line=line_of(condition),
    )


def flowtest_scenario(test: FlowTest, flows: Iterable[Flow]) -> Scenario:
    """The scenario that runs ``test``."""
    from simulator.scenario.model import Expectation, JourneyEvent, RecordSpec, Scenario

    flow = next((f for f in flows if f.api_name == test.flow), None)
    if flow is None or flow.trigger is None or not flow.is_record_triggered:
        raise ScenarioError(
            f"the flow test names the flow {test.flow!r}, which is not a "
            "record-triggered flow of the model",
            file=test.file,
            place="flowApiName",
            expected="the API name of a record-triggered flow in the model folder",
            fix="retrieve the flow with its test, or remove the test",
        )
    fields: dict[str, object] = dict.fromkeys(_IDENTITY)
    fields.update(test.initial)
    journey = []
    if test.updated:
        journey.append(
            JourneyEvent.model_validate(
                {"at": "1m", "kind": "edit", "record": ALIAS, "fields": test.updated}
            )
        )
    expect = [
        Expectation.model_validate(
            {"record": ALIAS, "entered": flow.api_name, "line": 1}
        ),
        *(_expectation(test, flow, assertion) for assertion in test.assertions),
    ]
    record = RecordSpec.model_validate(
        {
            "alias": ALIAS,
            "system": "salesforce",
            "object": flow.trigger.object,
            "fields": fields,
        }
    )
    return Scenario.model_validate(
        {
            "name": f"flow test {test.flow}: {test.label}",
            "description": f"Salesforce flow test {test.name}, run offline",
            "until": "1d",
            "records": [record],
            "journey": journey,
            "expect": expect,
            "file": test.file,
            "line": 1,
        }
    )


def _expectation(test: FlowTest, flow: Flow, assertion: Assertion) -> Expectation:
    from simulator.scenario.model import Expectation

    line = assertion.line or 1
    left, operator, right = assertion.left, assertion.operator, assertion.right
    if operator == "IsNull":
        operator, right = "EqualTo", None if right is not False else _NOT_NULL
    check: dict[str, object] = {"record": ALIAS, "line": line}
    if operator == "WasVisited" and right is not False:
        check.update(flow=flow.api_name, visited=left)
        return Expectation.model_validate(check)
    if operator != "EqualTo" or right is _NOT_NULL:
        raise ScenarioError(
            f"the assertion on {left} uses {assertion.operator}, which revsim "
            "does not check offline",
            file=test.file,
            line=line,
            place="testPoints/assertions/conditions",
            expected="EqualTo, IsNull true, or WasVisited true",
            fix="rewrite the assertion, or check it in a scenario of your own",
        )
    head, _, rest = left.partition(".")
    if head == "$Record" and rest and "." not in rest:
        check.update(field=rest, equals=right)
    else:
        check.update(flow=flow.api_name, resource=left, holds=right)
    return Expectation.model_validate(check)


_NOT_NULL: Final = object()


def flowtest_scenarios(
    tests: Iterable[FlowTest], flows: Iterable[Flow]
) -> tuple[list[Scenario], list[ScenarioError]]:
    """The scenarios of the model's flow tests, and an error for each that
    cannot run (its flow is missing, an assertion cannot be checked)."""
    flows = list(flows)
    scenarios: list[Scenario] = []
    errors: list[ScenarioError] = []
    for test in tests:
        try:
            scenarios.append(flowtest_scenario(test, flows))
        except ScenarioError as error:
            errors.append(error)
    return scenarios, errors


def with_flow_tests(loaded: ScenarioSet, model: AutomationModel) -> ScenarioSet:
    """``loaded`` and the scenarios of the model folder's flow tests, after it."""
    from simulator.scenario.loader import ScenarioSet

    if not model.flow_tests:
        return loaded
    scenarios, errors = flowtest_scenarios(model.flow_tests, model.flows)
    return ScenarioSet([*loaded.scenarios, *scenarios], [*loaded.errors, *errors])
