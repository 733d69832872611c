"""`revsim fuzz`: draw journeys from the model and check its invariants."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from simulator.errors import ExitCode, RevsimError
from simulator.fuzz.settings import DEFAULT_EXAMPLES, seconds

DATABASE = Path(".revsim") / "examples"


def _seconds(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> float | None:
    try:
        return seconds(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx, param) from None


@click.command(short_help="Draw journeys, check the invariants, shrink failures.")
@click.option(
    "--examples",
    type=click.IntRange(min=1),
    default=DEFAULT_EXAMPLES,
    show_default=True,
    help="How many journeys to draw before shrinking what failed.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="The seed journeys are drawn from: one seed, one result.",
)
@click.option(
    "--max-time",
    "max_time",
    metavar="TIME",
    callback=_seconds,
    help="Stop drawing new journeys after TIME (90, 30s, 5m); "
    "shrinking a failure still finishes.",
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(path_type=Path),
    help="The model folder (default: model in [tool.revsim]).",
)
@click.option(
    "--invariants",
    "invariants_file",
    type=click.Path(path_type=Path),
    help="The invariants file (default: invariants.yaml in the model folder).",
)
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path),
    help="Where to write failing journeys (default: fuzz/ in the reports folder).",
)
@click.option(
    "--database/--no-database",
    default=True,
    show_default=True,
    help=f"Replay journeys that failed before, kept in {DATABASE}.",
)
def fuzz(
    examples: int,
    seed: int,
    max_time: float | None,
    model_dir: Path | None,
    invariants_file: Path | None,
    reports_dir: Path | None,
    database: bool,
) -> None:
    """Draw journeys from the model and check them against its invariants.

    The built-in invariants hold for every model; the model's own are in
    invariants.yaml in the model folder. Each invariant that fails is shrunk
    to the smallest journey that still breaks it and written as a scenario
    that `revsim run` fails on. Exits with 1 when an invariant failed.
    """
    from simulator.fuzz.fuzzer import fuzz_model
    from simulator.settings import find_pyproject, load_settings

    try:
        settings = load_settings()
        pyproject = find_pyproject(Path.cwd().resolve())
        root = pyproject.parent if pyproject else Path.cwd()
        result = fuzz_model(
            model_dir or settings.model,
            examples=examples,
            seed=seed,
            max_time=max_time,
            reports=reports_dir or settings.reports / "fuzz",
            database=root / DATABASE if database else None,
            engine=settings.engine,
            invariants=invariants_file,
        )
    except RevsimError as error:
        click.echo(f"error: {error.render()}", err=True)
        sys.exit(error.exit_code)
    click.echo(result.render())
    sys.exit(ExitCode.OK if result.ok else ExitCode.SCENARIOS_FAILED)
