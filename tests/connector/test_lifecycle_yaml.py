"""lifecycle.yaml reads as docs/formats.md describes it; mistakes name their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.errors import DefinitionError
from simulator.lifecycle import load_lifecycle

YamlFile = Callable[..., Path]

EXAMPLE = """
hubspot:
  contact:
    lifecyclestage:
      stages: [subscriber, lead, marketingqualifiedlead, salesqualifiedlead,
               opportunity, customer, evangelist, other]
      transitions:
        - [subscriber, lead]
        - [lead, marketingqualifiedlead]
        - [null, subscriber]
salesforce:
  Lead:
    Status:
      stages: [Open - Not Contacted, Working - Contacted, Closed - Converted,
               Closed - Not Converted]
      transitions:
        - [Open - Not Contacted, Working - Contacted]
"""


def failure(yaml_file: YamlFile, text: str) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        load_lifecycle(yaml_file(text, "lifecycle.yaml"))
    return caught.value


def test_the_documented_example_reads_into_stage_fields(yaml_file: YamlFile) -> None:
    lifecycle = load_lifecycle(yaml_file(EXAMPLE, "lifecycle.yaml"))
    contact, lead = lifecycle.fields
    assert (contact.system, contact.object, contact.field) == (
        "hubspot",
        "contact",
        "lifecyclestage",
    )
    assert contact.stages[:2] == ("subscriber", "lead")
    assert (None, "subscriber") in contact.transitions  # from no value
    assert lead.transitions == {("Open - Not Contacted", "Working - Contacted")}


def test_a_transition_to_a_stage_not_listed_names_its_line(yaml_file: YamlFile) -> None:
    error = failure(
        yaml_file, EXAMPLE.replace("[lead, marketingqualifiedlead]", "[lead, mql]")
    )
    assert error.line == 8
    assert error.place == "hubspot.contact.lifecyclestage.transitions[1][1]"
    assert "'mql', which is not a stage" in error.message
    assert error.expected and error.expected.startswith("one of: subscriber, lead")


def test_a_transition_from_a_stage_not_listed_names_its_line(
    yaml_file: YamlFile,
) -> None:
    error = failure(
        yaml_file,
        EXAMPLE.replace("- [Open - Not Contacted, Working", "- [Open, Working"),
    )
    assert (
        error.line == 16 and error.place == "salesforce.Lead.Status.transitions[0][0]"
    )


def test_an_unknown_key_names_its_line_and_suggests_the_right_one(
    yaml_file: YamlFile,
) -> None:
    error = failure(
        yaml_file,
        EXAMPLE.replace(
            "      transitions:\n        - [sub", "      transition:\n        - [sub"
        ),
    )
    assert error.line == 6 and error.fix == "did you mean 'transitions'?"
    assert error.expected == "one of: stages, transitions"


def test_a_system_other_than_hubspot_or_salesforce_is_refused(
    yaml_file: YamlFile,
) -> None:
    error = failure(yaml_file, "pipedrive:\n  deal:\n    stage:\n      stages: [a]\n")
    assert error.line == 1 and error.expected == "one of: hubspot, salesforce"


def test_a_stage_listed_twice_is_an_error(yaml_file: YamlFile) -> None:
    error = failure(
        yaml_file, "hubspot:\n  deal:\n    dealstage:\n      stages: [a, b, a]\n"
    )
    assert error.line == 4 and "listed twice" in error.message


def test_a_transition_needs_two_ends(yaml_file: YamlFile) -> None:
    error = failure(
        yaml_file,
        "hubspot:\n  deal:\n    dealstage:\n      stages: [a, b]\n"
        "      transitions:\n        - [a, b, a]\n",
    )
    assert error.line == 6
