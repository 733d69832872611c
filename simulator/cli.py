"""The `revsim` command: run, validate and schema."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import click

from simulator.errors import ExitCode, RevsimError

F = TypeVar("F", bound=Callable[..., object])


def _guarded(command: F) -> F:
    """Print a RevsimError as the user's problem, never as a traceback."""
    import functools

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except RevsimError as error:
            click.echo(f"error: {error.render()}", err=True)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="revsim")
def main() -> None:
    """Test HubSpot workflows, Salesforce flows and their sync before they go live."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--model",
    "model_dir",
    type=click.Path(path_type=Path),
    help="The model folder (default: model in [tool.revsim]).",
)
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path),
    help="Where to write the report (default: reports in [tool.revsim]).",
)
@_guarded
def run(
    paths: Sequence[Path], model_dir: Path | None, reports_dir: Path | None
) -> None:
    """Run the scenarios in PATHS (default: scenarios in [tool.revsim])."""
    from simulator.coverage import measure
    from simulator.model import load_model
    from simulator.report import write_reports
    from simulator.runner import run_suite
    from simulator.scenario.loader import load_scenarios
    from simulator.settings import load_settings

    settings = load_settings()
    model = load_model(model_dir or settings.model)
    loaded = load_scenarios(list(paths) or [settings.scenarios])
    problems = loaded.errors
    for problem in problems:
        click.echo(f"error: {problem.render()}", err=True)
    suite = run_suite(model, loaded.scenarios, settings.engine)
    for result in suite.results:
        mark = (
            click.style("PASS", fg="green")
            if result.passed
            else click.style("FAIL", fg="red")
        )
        click.echo(f"{mark} {result.scenario.file}  {result.scenario.name}")
        for failure in result.failures:
            click.echo(_indent(failure.render()))
        if result.stopped:
            click.echo(_indent(result.stopped))
    records = [r for result in suite.results for r in result.simulation.records]
    coverage = measure(model, suite.hits(), records)
    written = write_reports(
        suite, coverage, reports_dir or settings.reports, generated_at=datetime.now(UTC)
    )
    _summary(suite.passed, suite.failed + len(problems), coverage.figures())
    click.echo(f"report: {written[0]}")
    if suite.failed or problems:
        sys.exit(ExitCode.SCENARIOS_FAILED)


def _summary(passed: int, failed: int, figures: dict[str, tuple[int, int]]) -> None:
    click.echo(f"\n{passed} passed, {failed} failed")
    parts = [f"{name} {reached}/{total}" for name, (reached, total) in figures.items()]
    click.echo("coverage: " + ", ".join(parts))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


@main.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@_guarded
def validate(paths: Sequence[Path]) -> None:
    """Import every definition file under PATHS and say what is not simulated."""
    from simulator.validate import validate_paths

    counts = {"simulated": 0, "partial": 0, "fragment": 0, "error": 0}
    for report in validate_paths(paths):
        counts[report.status] += 1
        click.echo(f"{report.status.upper():9} {report.path}")
        for item in report.not_simulated:
            click.echo(
                f"          not simulated: {item.element} ({item.kind}): {item.reason}"
            )
        if report.error:
            click.echo(_indent(report.error))
    total = sum(counts.values())
    share = 100 * counts["simulated"] / total if total else 0.0
    click.echo(
        f"\n{total} files: {counts['simulated']} fully simulated ({share:.0f}%), "
        f"{counts['partial']} partly, {counts['fragment']} fragments, "
        f"{counts['error']} unreadable"
    )
    if counts["error"]:
        sys.exit(ExitCode.INPUT_ERROR)


@main.command()
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors."""
    import json

    from simulator.scenario.schema import scenario_json_schema

    click.echo(json.dumps(scenario_json_schema(), indent=2))


if __name__ == "__main__":
    main()
