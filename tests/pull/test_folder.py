"""The model folder is replaced whole, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from folders import siblings, snapshot

from simulator.pull.errors import PullError
from simulator.pull.folder import owned_paths, staged

OWNED = ("hubspot/workflows", "hubspot/pipelines.json", "salesforce/*/fields")


@pytest.fixture
def model(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    for relative in (
        "hubspot/workflows/old.json",
        "hubspot/forms.json",
        "hubspot/pipelines.json",
        "salesforce/Lead/fields/Old__c.field-meta.xml",
        "connector.yaml",
    ):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative)
    return root


def test_owned_folders_and_files_are_replaced_and_the_rest_is_kept(
    model: Path,
) -> None:
    with staged(model, OWNED) as staging:
        (staging / "hubspot" / "workflows").mkdir()
        (staging / "hubspot" / "workflows" / "new.json").write_text("{}")

    assert sorted(snapshot(model)) == [
        "connector.yaml",
        "hubspot/forms.json",
        "hubspot/workflows/new.json",
    ]
    assert siblings(model) == []


def test_an_error_while_writing_removes_the_copy_and_keeps_the_folder(
    model: Path,
) -> None:
    before = snapshot(model)
    with pytest.raises(RuntimeError), staged(model, OWNED) as staging:
        (staging / "half-written.json").write_text("{")
        raise RuntimeError("the pull broke off")

    assert snapshot(model) == before
    assert siblings(model) == []


def test_a_first_pull_creates_the_folder(tmp_path: Path) -> None:
    model = tmp_path / "new" / "model"
    with staged(model, OWNED) as staging:
        (staging / "connector.yaml").write_text("")

    assert snapshot(model) == {"connector.yaml": b""}


def test_a_model_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.write_text("not a folder")

    with (
        pytest.raises(PullError, match="the model folder is a file"),
        staged(model, OWNED),
    ):
        pass


def test_patterns_name_folders_at_any_object_and_single_files(model: Path) -> None:
    found = owned_paths(model, OWNED)
    assert [path.relative_to(model).as_posix() for path in found] == [
        "hubspot/pipelines.json",
        "hubspot/workflows",
        "salesforce/Lead/fields",
    ]
