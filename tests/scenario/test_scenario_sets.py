"""Loading a folder of scenarios keeps the good ones and one error per bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario import load_scenarios

VALID = "name: {name}\nrecords:\n  - alias: ada\n    hubspot: contact\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "b.yaml").write_text(VALID.format(name="b"))
    (tmp_path / "a.yml").write_text(VALID.format(name="a"))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "c.yaml").write_text(VALID.format(name="c"))
    (tmp_path / "notes.txt").write_text("not a scenario")
    return tmp_path


def test_a_folder_expands_to_its_yaml_files_in_path_order(folder: Path) -> None:
    loaded = load_scenarios([folder])

    assert loaded.ok
    assert [s.name for s in loaded.scenarios] == ["a", "b", "c"]


def test_a_bad_file_is_an_error_and_the_others_still_load(folder: Path) -> None:
    (folder / "broken.yaml").write_text("name: broken\nrecords: []\n")

    loaded = load_scenarios([folder])

    assert not loaded.ok
    assert [s.name for s in loaded.scenarios] == ["a", "b", "c"]
    assert [e.render().splitlines()[0] for e in loaded.errors] == [
        f"{folder / 'broken.yaml'}:2 (records): the list is empty"
    ]


def test_a_path_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    loaded = load_scenarios([tmp_path / "missing"])

    assert loaded.scenarios == []
    assert [str(e) for e in loaded.errors] == [
        f"{tmp_path / 'missing'}: no such file or folder"
    ]


def test_a_file_named_twice_loads_once(folder: Path) -> None:
    loaded = load_scenarios([folder / "a.yml", folder, folder / "a.yml"])

    assert [s.name for s in loaded.scenarios] == ["a", "b", "c"]


def test_two_scenarios_may_not_share_a_name(folder: Path) -> None:
    (folder / "d.yaml").write_text("\n" + VALID.format(name="a"))

    loaded = load_scenarios([folder])

    assert [s.name for s in loaded.scenarios] == ["a", "b", "c"]
    assert [str(e) for e in loaded.errors] == [
        f"{folder / 'd.yaml'}:2 (name): the name 'a' is taken by {folder / 'a.yml'}:1"
        "\n  expected: a different name for each scenario"
        "\n  fix: rename one of them"
    ]


def test_an_empty_folder_loads_nothing_and_is_fine(tmp_path: Path) -> None:
    loaded = load_scenarios([tmp_path])

    assert (loaded.scenarios, loaded.errors, loaded.ok) == ([], [], True)
