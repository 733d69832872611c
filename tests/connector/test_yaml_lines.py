"""YAML files keep the line of every node, so every error can name its line."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from simulator.errors import DefinitionError
from simulator.yaml_lines import format_place, parse_yaml, validation_error

TEXT = """\
name: demo
records:
  - alias: ada
    fields:
      score: 10
  - alias: bob
counts:
  1: one
"""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")
    alias: str
    fields: dict[str, int] = {}


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    records: list[_Record]
    counts: dict[int, str] = {}


def test_every_node_has_its_line_and_a_path_falls_back_to_its_parent() -> None:
    _, index = parse_yaml(TEXT, "demo.yaml")
    assert index.line(("records", 1, "alias")) == 6
    assert index.line(("records", 0, "fields", "score")) == 5
    # A block mapping starts at its first key; its own key is a line above.
    assert index.line(("records", 0, "fields", "missing")) == 5
    assert index.key_line(("records", 0, "fields")) == 4
    assert index.line(("counts", 1)) == 8  # the key as the data holds it: int 1


def test_a_key_written_twice_is_an_error_naming_the_second() -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml", DefinitionError)
    assert caught.value.line == 3


def test_an_unknown_nested_key_lists_the_keys_of_the_model_where_it_stands() -> None:
    data, index = parse_yaml(TEXT.replace("    fields:", "    field:"), "demo.yaml")
    with pytest.raises(ValidationError) as caught:
        _Doc.model_validate(data)
    error = validation_error(caught.value, index, "demo.yaml", DefinitionError, _Doc)
    assert (error.line, error.place) == (4, "records[0].field")
    assert error.expected == "one of: alias, fields"
    assert error.fix == "did you mean 'fields'?"


def test_a_wrong_value_names_its_own_line_and_echoes_it() -> None:
    data, index = parse_yaml(TEXT.replace("score: 10", "score: ten"), "demo.yaml")
    with pytest.raises(ValidationError) as caught:
        _Doc.model_validate(data)
    error = validation_error(caught.value, index, "demo.yaml", DefinitionError, _Doc)
    assert (error.line, error.place) == (5, "records[0].fields.score")
    assert error.message.endswith("found 'ten'")


def test_places_read_like_json_paths() -> None:
    assert format_place(("mappings", 1, "rule")) == "mappings[1].rule"
    assert format_place(()) == ""
