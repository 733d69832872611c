"""Which YAML files the plugin collects, and how a file that does not load shows."""

from __future__ import annotations

import pytest
from plugin_suite import PRICING, SCORE_50, plugin_args, revsim_project, write

NOT_A_SCENARIO = """
    # A project's own YAML: the plugin must leave it alone.
    name: deploy
    steps: [build, test]
    """
LOOKS_LIKE_ONE = """
    name: a scenario kept outside the scenarios folder
    records:
      - alias: ada
        hubspot: contact
        fields: {lifecyclestage: lead}
    expect:
      - record: ada
        field: lifecyclestage
        equals: lead
    """


def collected(pytester: pytest.Pytester, *args: str) -> list[str]:
    result = pytester.runpytest(*plugin_args(), "--collect-only", "-q", *args)
    return [line for line in result.outlines if "::" in line]


def test_each_scenario_file_is_a_file_with_one_item_named_by_its_scenario(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester, PRICING, SCORE_50)

    assert collected(pytester, "scenarios") == [
        f"scenarios/{PRICING}::a pricing page visit pushes a lead over the MQL "
        "threshold",
        f"scenarios/{SCORE_50}::a score of exactly 50 qualifies on both sides",
    ]


def test_without_arguments_only_the_configured_scenarios_folder_is_collected(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester, SCORE_50)
    write(pytester.path / "ci" / "deploy.yaml", NOT_A_SCENARIO)
    write(pytester.path / "elsewhere" / "kept.yaml", LOOKS_LIKE_ONE)

    assert collected(pytester) == [
        f"scenarios/{SCORE_50}::a score of exactly 50 qualifies on both sides"
    ]


def test_a_folder_named_on_the_command_line_gives_only_its_scenario_files(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester)
    write(pytester.path / "elsewhere" / "deploy.yaml", NOT_A_SCENARIO)
    write(pytester.path / "elsewhere" / "kept.yaml", LOOKS_LIKE_ONE)
    write(pytester.path / "elsewhere" / "nested" / "deeper.yaml", LOOKS_LIKE_ONE)

    assert collected(pytester, "elsewhere") == [
        "elsewhere/kept.yaml::a scenario kept outside the scenarios folder"
    ]


def test_a_yaml_file_named_on_the_command_line_is_read_as_a_scenario(
    pytester: pytest.Pytester,
) -> None:
    revsim_project(pytester)
    write(pytester.path / "ci" / "deploy.yaml", NOT_A_SCENARIO)

    result = pytester.runpytest(*plugin_args(), "ci/deploy.yaml")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting ci/deploy.yaml*",
            "ci/deploy.yaml: 2 problems in this scenario:",
            "  ci/deploy.yaml:2: a scenario needs the key 'records'",
        ],
        consecutive=True,
    )


def test_a_scenario_that_does_not_load_is_a_collection_error_without_traceback(
    pytester: pytest.Pytester,
) -> None:
    folder = revsim_project(pytester, SCORE_50)
    write(
        folder / "bad.yaml",
        """
        name: an edit of a record that does not exist
        records:
          - alias: ada
            hubspot: contact
        journey:
          - at: 1h
            edit: {record: bob, fields: {firstname: Bob}}
        """,
    )

    result = pytester.runpytest(*plugin_args(), "scenarios")

    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting scenarios/bad.yaml*",
            "scenarios/bad.yaml:7 (journey[0].edit.record): "
            "no record has the alias 'bob'",
            "  expected: one of the aliases under records: ada",
            "  fix: add a record with alias: bob, or use one of those",
        ],
        consecutive=True,
    )
    assert "Traceback" not in result.stdout.str()
    assert ".py:" not in result.stdout.str()


def test_the_revsim_options_are_in_pytest_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest(*plugin_args(), "--help")

    result.stdout.fnmatch_lines(
        ["revsim scenarios:", "*--revsim-model=DIR*", "*--revsim-report=DIR*"]
    )
