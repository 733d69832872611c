"""`revsim pull` through click's runner: the summary, and errors without traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pulled import HUBSPOT_ENV, SESSION_ENV
from recording import recorder

from simulator.cli import main
from simulator.errors import ExitCode


def _pull(
    args: list[str], cassette: str | None, env: dict[str, str]
) -> tuple[int, str]:
    runner = CliRunner()
    if cassette is None:
        result = runner.invoke(main, ["pull", *args], env=env)
    else:
        with recorder().use_cassette(cassette):
            result = runner.invoke(main, ["pull", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_pull_hubspot_prints_what_it_pulled_and_what_changed(tmp_path: Path) -> None:
    model = str(tmp_path / "model")
    code, output = _pull(
        ["hubspot", "--model", model], "hubspot_pull.yaml", HUBSPOT_ENV
    )

    assert code == ExitCode.OK
    lines = output.splitlines()
    assert lines[0] == "pulled from HubSpot: 3 workflows, 8 properties, 1 deal pipeline"
    assert lines[1] == f"written to {model}"
    assert "  added    workflow: Lead scoring to MQL" in lines
    assert lines[-1] == "12 added, 0 removed, 0 changed"


def test_pull_salesforce_prints_what_it_pulled(tmp_path: Path) -> None:
    model = str(tmp_path / "model")
    code, output = _pull(
        ["salesforce", "--model", model], "salesforce_pull.yaml", SESSION_ENV
    )

    assert code == ExitCode.OK
    assert output.startswith(
        "pulled from Salesforce: 4 record-triggered flows, 1 workflow rule, "
        "2 validation rules, 4 described objects\n"
    )


@pytest.mark.parametrize(
    ("args", "cassette", "env", "message"),
    [
        (
            ["hubspot"],
            "hubspot_401.yaml",
            HUBSPOT_ENV,
            "HubSpot refused the access token",
        ),
        (
            ["hubspot"],
            None,
            {"HUBSPOT_ACCESS_TOKEN": ""},
            "HUBSPOT_ACCESS_TOKEN is not set",
        ),
        (["salesforce"], "salesforce_401.yaml", SESSION_ENV, "refused the session"),
        (["salesforce"], None, {"SF_INSTANCE_URL": ""}, "no Salesforce credentials"),
    ],
)
def test_a_failed_pull_is_an_error_line_and_exit_code_3(
    tmp_path: Path,
    args: list[str],
    cassette: str | None,
    env: dict[str, str],
    message: str,
) -> None:
    code, output = _pull(
        [*args, "--model", str(tmp_path / "model")], cassette, env | _NO_SF_ENV
    )

    assert code == ExitCode.INPUT_ERROR
    assert output.startswith("error: ")
    assert message in output
    assert "Traceback" not in output
    assert not (tmp_path / "model").exists()


# The runner's environment is the test process's own plus these; blank out any
# Salesforce credentials a developer's shell might hold.
_NO_SF_ENV = {
    name: ""
    for name in ("SF_USERNAME", "SF_PASSWORD", "SF_SECURITY_TOKEN", "SF_DOMAIN")
}


def test_pull_lists_its_two_platforms() -> None:
    code, output = _pull(["--help"], None, {})

    assert code == ExitCode.OK
    assert "hubspot" in output
    assert "salesforce" in output


@pytest.mark.parametrize(
    ("platform", "client", "module"),
    [
        ("hubspot", "hubspot", "simulator.pull.hubspot"),
        ("salesforce", "requests", "simulator.pull.salesforce"),
    ],
)
def test_without_the_pull_extra_the_error_says_how_to_install_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    client: str,
    module: str,
) -> None:
    """`pip install -e .` leaves the platforms' clients out: a clear error, exit 3."""
    monkeypatch.setitem(sys.modules, client, None)  # import raises as if absent
    monkeypatch.delitem(sys.modules, module, raising=False)

    code, output = _pull([platform, "--model", str(tmp_path / "model")], None, {})

    assert code == ExitCode.INPUT_ERROR
    assert output.startswith(f"error: revsim pull needs {client}, which is not")
    assert "fix: pip install -e '.[pull]'" in output
    assert "Traceback" not in output
