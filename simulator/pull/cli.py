"""`revsim pull hubspot` and `revsim pull salesforce`."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.errors import RevsimError
from simulator.guard import guarded

if TYPE_CHECKING:
    from simulator.pull.summary import PullResult

# The top-level modules of the pull extra and what they bring with them.
_CLIENTS = frozenset({"hubspot", "simple_salesforce", "requests", "urllib3", "zeep"})
_MODEL_HELP = "The model folder to pull into (default: model in [tool.revsim])."


@click.group(short_help="Fetch definitions from a live portal or org.")
def pull() -> None:
    """Fetch definitions from a live portal or org into the model folder.

    The folder is replaced only once the pull is complete; a pull that fails
    leaves it as it was.
    """


@pull.command()
@click.option("--model", "model_dir", type=click.Path(path_type=Path), help=_MODEL_HELP)
@guarded
def hubspot(model_dir: Path | None) -> None:
    """Workflows (v4 flows), properties and deal pipelines; token from
    HUBSPOT_ACCESS_TOKEN."""

    def run(model: Path) -> PullResult:
        from simulator.pull.hubspot import pull_hubspot
        from simulator.pull.retry import RetryPolicy

        return pull_hubspot(model, os.environ, RetryPolicy())

    _report(run, model_dir)


@pull.command()
@click.option("--model", "model_dir", type=click.Path(path_type=Path), help=_MODEL_HELP)
@click.option(
    "--object",
    "objects",
    multiple=True,
    metavar="NAME",
    help="Also pull the fields of this object (repeatable); "
    "Account, Contact, Lead and Opportunity always are.",
)
@guarded
def salesforce(model_dir: Path | None, objects: Sequence[str]) -> None:
    """Record-triggered flows, workflow rules, validation rules and picklists;
    credentials from SF_* variables (see docs/pull.md)."""

    def run(model: Path) -> PullResult:
        from simulator.pull.retry import RetryPolicy
        from simulator.pull.salesforce import pull_salesforce

        return pull_salesforce(model, os.environ, RetryPolicy(), objects)

    _report(run, model_dir)


def _report(run: Callable[[Path], PullResult], model_dir: Path | None) -> None:
    """Run a pull and print its summary; a RevsimError is the user's to fix."""
    from simulator.pull.summary import render
    from simulator.settings import load_settings

    try:
        result = run(model_dir or load_settings().model)
    except ModuleNotFoundError as missing:
        if (missing.name or "").split(".")[0] not in _CLIENTS:
            raise
        raise RevsimError(
            f"revsim pull needs {missing.name}, which is not installed",
            expected="revsim installed with its pull extra (the platforms' clients)",
            fix="pip install -e '.[pull]' in a clone of revsim, "
            "or pip install 'revsim[pull]'",
        ) from None
    for line in render(result):
        click.echo(line)
