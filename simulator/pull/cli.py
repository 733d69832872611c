"""`revsim pull hubspot` and `revsim pull salesforce`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.errors import RevsimError

if TYPE_CHECKING:
    from simulator.pull.summary import PullResult

_MODEL_HELP = "The model folder to pull into (default: model in [tool.revsim])."


@click.group(short_help="Fetch definitions from a live portal or org.")
def pull() -> None:
    """Fetch definitions from a live portal or org into the model folder.

    The folder is replaced only once the pull is complete; a pull that fails
    leaves it as it was.
    """


@pull.command()
@click.option("--model", "model_dir", type=click.Path(path_type=Path), help=_MODEL_HELP)
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
    except RevsimError as error:
        click.echo(f"error: {error.render()}", err=True)
        sys.exit(error.exit_code)
    for line in render(result):
        click.echo(line)
