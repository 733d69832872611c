"""`revsim validate` and the Salesforce figure: how much of what a save runs
(record-triggered flows, processes, workflow rules) revsim simulates.

Apex and other invocable actions are set aside: revsim never runs them, and
a scenario stubs them (docs/formats.md, "Stubs"). A subflow counts when its
flow is among the files validated.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_corpus import CORPUS, SALESFORCE_CORPUS

from simulator.cli import main
from simulator.validate import salesforce_figure, validate_paths

FIGURE = re.compile(
    r"^Salesforce record-triggered/process/workflow-rule files: (\d+)% fully "
    r"simulated \((\d+) of (\d+); Apex and invocable actions aside\)$",
    re.MULTILINE,
)
NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"'


def test_at_least_90_percent_of_the_corpus_salesforce_automation_is_simulated():
    """The summary line of `revsim validate ../shared/corpus` gives the figure;
    it reaches 90%. What is left: subflows whose flow is not in the corpus."""
    if not SALESFORCE_CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    result = CliRunner().invoke(main, ["validate", str(CORPUS)])
    found = FIGURE.search(result.output)
    assert found is not None, result.output[-1500:]
    percent, full, total = (int(group) for group in found.groups())
    assert percent >= 90 and full / total >= 0.9
    reports = [r for r in validate_paths([SALESFORCE_CORPUS]) if r.salesforce_kind]
    assert salesforce_figure(reports) == (full, total)
    short = {
        item.kind
        for r in reports
        if not r.simulated_but_actions
        for item in r.not_simulated
    }
    assert short <= {"subflow", "actionCalls"}


def _flow(name: str, body: str, start: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Flow {NS}>{body}'
        f"<label>{name}</label><processType>AutoLaunchedFlow</processType>"
        f"{start}<status>Active</status></Flow>"
    )


def test_a_subflow_counts_as_simulated_when_its_flow_is_validated_with_it(
    tmp_path: Path,
):
    caller = _flow(
        "Caller",
        "<subflows><name>Call</name><label>Call</label><locationX>0</locationX>"
        "<locationY>0</locationY><flowName>Helper</flowName></subflows>",
        "<start><connector><targetReference>Call</targetReference></connector>"
        "<object>Lead</object><recordTriggerType>Create</recordTriggerType>"
        "<triggerType>RecordAfterSave</triggerType></start>",
    )
    (tmp_path / "Caller.flow-meta.xml").write_text(caller, encoding="utf-8")
    [alone] = list(validate_paths([tmp_path / "Caller.flow-meta.xml"]))
    assert [i.kind for i in alone.not_simulated] == ["subflow"]
    assert salesforce_figure([alone]) == (0, 1)
    (tmp_path / "Helper.flow-meta.xml").write_text(
        _flow("Helper", "", "<start><locationX>0</locationX></start>"),
        encoding="utf-8",
    )
    reports = list(validate_paths([tmp_path]))
    caller_report = next(r for r in reports if r.path.name == "Caller.flow-meta.xml")
    assert caller_report.status == "simulated"
    assert salesforce_figure(reports) == (1, 1)


@pytest.mark.parametrize(
    ("formula", "message", "column"),
    [
        (
            "ISPICKVAL(StageName, 'Won') &amp;&amp; LENN(Name) &gt; 3",
            "unknown function LENN",
            32,
        ),
        ("ISBLANK(Amount, 1)", "ISBLANK takes 1 argument, got 2", 1),
        ("LEN(5) &gt; 3", "argument 1 of LEN needs Text, got Number 5", 5),
    ],
)
def test_validate_names_the_file_the_element_and_the_column_of_a_bad_formula(
    tmp_path: Path, formula: str, message: str, column: int
) -> None:
    rule = (
        tmp_path / "objects/Opportunity/validationRules/Check.validationRule-meta.xml"
    )
    rule.parent.mkdir(parents=True)
    rule.write_text(
        f"<ValidationRule {NS}><fullName>Check</fullName><active>true</active>"
        f"<errorConditionFormula>{formula}</errorConditionFormula>"
        "<errorMessage>No.</errorMessage></ValidationRule>",
        encoding="utf-8",
    )

    result = CliRunner().invoke(main, ["validate", str(tmp_path)])

    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert f"{rule} (errorConditionFormula): {message}" in result.output
    assert f"at line 1, column {column} of the formula" in result.output
