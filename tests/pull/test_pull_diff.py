"""What changed since the last pull is told by definition name."""

from __future__ import annotations

from pathlib import Path

from pulled import replay_hubspot

from simulator.pull.diff import compare, definitions
from simulator.pull.summary import render

SFDX = Path("salesforce/force-app/main/default")


def test_a_second_pull_lists_added_removed_and_changed_names(tmp_path: Path) -> None:
    model = tmp_path / "model"
    replay_hubspot("hubspot_pull.yaml", model)

    result = replay_hubspot("hubspot_pull_later.yaml", model)

    assert result.changes.added == [
        ("property", "deals.renewal_risk"),
        ("workflow", "Expansion signal"),
    ]
    assert result.changes.removed == [("workflow", "Closed-lost recycle")]
    assert result.changes.changed == [
        ("property", "contacts.hs_lead_status"),
        ("workflow", "Lead scoring to MQL"),
    ]


def test_pulling_the_same_portal_twice_changes_nothing(tmp_path: Path) -> None:
    model = tmp_path / "model"
    replay_hubspot("hubspot_pull.yaml", model)

    result = replay_hubspot("hubspot_pull.yaml", model)

    assert not result.changes
    assert render(result)[-1] == "no definition changed since the last pull"


def test_the_summary_prints_each_change_by_kind_and_name(tmp_path: Path) -> None:
    model = tmp_path / "model"
    replay_hubspot("hubspot_pull.yaml", model)

    lines = render(replay_hubspot("hubspot_pull_later.yaml", model))

    assert lines[0] == "pulled from HubSpot: 3 workflows, 9 properties, 1 deal pipeline"
    assert "  removed  workflow: Closed-lost recycle" in lines
    assert "  changed  workflow: Lead scoring to MQL" in lines
    assert lines[-1] == "2 added, 1 removed, 2 changed"


def _write(root: Path, relative: str, text: str) -> None:
    path = root / SFDX / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _workflow(*rules: str) -> str:
    parts = "".join(f"<rules><fullName>{rule}</fullName></rules>" for rule in rules)
    return (
        f'<Workflow xmlns="http://soap.sforce.com/2006/04/metadata">{parts}</Workflow>'
    )


def test_each_rule_of_a_workflow_file_is_a_definition_of_its_own(
    tmp_path: Path,
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    _write(old, "workflows/Lead.workflow-meta.xml", _workflow("Stale", "Hot"))
    _write(new, "workflows/Lead.workflow-meta.xml", _workflow("Stale", "Cold"))

    changes = compare(definitions(old, [old / SFDX]), definitions(new, [new / SFDX]))

    assert changes.added == [("workflow rule", "Lead.Cold")]
    assert changes.removed == [("workflow rule", "Lead.Hot")]
    assert changes.changed == []


def test_indentation_alone_is_no_change(tmp_path: Path) -> None:
    rule = "<ValidationRule><active>true</active></ValidationRule>"
    spaced = "<ValidationRule>\n    <active>true</active>\n</ValidationRule>\n"
    old, new = tmp_path / "old", tmp_path / "new"
    _write(old, "objects/Lead/validationRules/Has_Email.validationRule-meta.xml", rule)
    _write(
        new, "objects/Lead/validationRules/Has_Email.validationRule-meta.xml", spaced
    )

    before, after = definitions(old, [old / SFDX]), definitions(new, [new / SFDX])

    assert list(after) == [("validation rule", "Lead.Has_Email")]
    assert not compare(before, after)


def test_a_file_that_does_not_parse_counts_as_itself(tmp_path: Path) -> None:
    _write(tmp_path, "flows/Broken.flow-meta.xml", "<Flow>")

    found = definitions(tmp_path, [tmp_path / SFDX])

    assert list(found) == [("file", f"{SFDX.as_posix()}/flows/Broken.flow-meta.xml")]


def test_a_pipelines_file_is_one_definition_per_pipeline(tmp_path: Path) -> None:
    pipelines = tmp_path / "hubspot" / "pipelines.json"
    pipelines.parent.mkdir()
    pipelines.write_text(
        '{"results": [{"label": "Sales Pipeline", "stages": []},'
        ' {"label": "Partners", "stages": []}]}'
    )

    found = definitions(tmp_path, [pipelines])

    assert list(found) == [
        ("pipeline", "deals.Sales Pipeline"),
        ("pipeline", "deals.Partners"),
    ]
