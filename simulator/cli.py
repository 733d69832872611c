"""The `revsim` command: run, validate, explain and schema."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.errors import ExitCode, RevsimError
from simulator.fuzz.command import fuzz
from simulator.guard import guarded
from simulator.pull.cli import pull
from simulator.settings import COVERAGE_FIGURES as FIGURES

if TYPE_CHECKING:
    from simulator.engine.settings import EngineSettings
    from simulator.explain import Change, Explanation
    from simulator.model import AutomationModel
    from simulator.runner import ScenarioResult, SuiteResult
    from simulator.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class Threshold:
    """A coverage figure that must reach ``percent``; None means every figure."""

    figure: str | None
    percent: float
    source: str  # how the user wrote it, to echo back when it is not met


def parse_threshold(text: str) -> Threshold:
    """``80`` for every figure, or ``branches=80``; ValueError says what is wrong."""
    figure, equals, number = text.strip().rpartition("=")
    figure = figure.strip()
    if equals and figure not in FIGURES:
        raise ValueError(_unknown_figure(figure))
    try:
        percent = float(number)
    except ValueError:
        percent = -1.0
    if not 0 <= percent <= 100:
        raise ValueError(
            f"{number.strip()!r} is not a percentage: "
            "write a number from 0 to 100, such as branches=80"
        )
    return Threshold(figure or None, percent, f"--fail-under {text.strip()}")


def _thresholds(
    ctx: click.Context, param: click.Parameter, values: Sequence[str]
) -> list[Threshold]:
    try:
        return [parse_threshold(value) for value in values]
    except ValueError as error:
        raise click.BadParameter(str(error), ctx, param) from None


def _unknown_figure(figure: str) -> str:
    from simulator.explain import did_you_mean

    hint = did_you_mean(figure, FIGURES)
    names = ", ".join(FIGURES[:-1]) + f" and {FIGURES[-1]}"
    return (
        f"{figure!r} is not a coverage figure" + (f"; {hint}" if hint else ".")
    ) + f"\nThe figures are {names}."


@click.group()
@click.version_option(package_name="revsim")
def main() -> None:
    """Test HubSpot workflows, Salesforce flows and their sync before they go live."""


@main.command(short_help="Run the scenarios and write the report.")
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
@click.option(
    "--fail-under",
    "thresholds",
    multiple=True,
    metavar="[FIGURE=]PERCENT",
    callback=_thresholds,
    help="Exit with 4 when coverage is below PERCENT: for one figure "
    f"({', '.join(FIGURES)}) as FIGURE=PERCENT, or for all of them. Repeatable.",
)
@guarded
def run(
    paths: Sequence[Path],
    model_dir: Path | None,
    reports_dir: Path | None,
    thresholds: Sequence[Threshold],
) -> None:
    """Run the scenarios in PATHS (default: scenarios in [tool.revsim])."""
    from simulator.coverage import measure
    from simulator.model import load_model
    from simulator.report import write_model_error, write_reports
    from simulator.salesforce.flowtest import with_flow_tests
    from simulator.scenario.loader import load_scenarios
    from simulator.settings import load_settings

    settings = load_settings()
    reports = reports_dir or settings.reports
    try:
        model = load_model(model_dir or settings.model)
    except RevsimError as error:
        write_model_error(error, reports, generated_at=datetime.now(UTC))
        click.echo(f"error: {error.render()}", err=True)
        # Loading stops at the first bad file; validate reads them all.
        click.echo(
            f"revsim validate {model_dir or settings.model} lists every file "
            "of the model that cannot be read",
            err=True,
        )
        sys.exit(error.exit_code)
    loaded = load_scenarios(list(paths) or [settings.scenarios])
    if not paths:  # the model folder's Salesforce flow tests run with the suite
        loaded = with_flow_tests(loaded, model)
    for problem in loaded.errors:
        click.echo(f"error: {problem.render()}", err=True)
    suite = _run_scenarios(model, loaded.scenarios, settings.engine)
    suite.unreadable.extend(loaded.errors)

    coverage = measure(model, suite.hits(), suite.records())
    figures = coverage.figures()
    shortfalls = _shortfalls(figures, _wanted(settings.fail_under, thresholds))
    written = write_reports(
        suite,
        coverage,
        reports,
        generated_at=datetime.now(UTC),
        shortfalls=shortfalls,
    )
    _summary(suite.passed, suite.failed, len(suite.unreadable), figures)
    for shortfall in shortfalls:
        click.echo(shortfall)
    click.echo(f"report: {written[0]}")
    unread = bool(suite.unreadable)
    sys.exit(_run_exit_code(unread, bool(suite.failed), bool(shortfalls)))


def _run_scenarios(
    model: AutomationModel, scenarios: Sequence[Scenario], engine: EngineSettings
) -> SuiteResult:
    """Run each scenario and say how it went as soon as it has run."""
    from simulator.progress import Progress
    from simulator.runner import SuiteResult, run_scenario

    suite = SuiteResult(model)
    with Progress(len(scenarios), sys.stderr) as progress:
        for number, scenario in enumerate(scenarios, start=1):
            progress.update(number)
            try:
                result = run_scenario(model, scenario, engine)
            except RevsimError as error:  # its own model folder did not load
                progress.clear()
                click.echo(f"error: {scenario.file}: {error.render()}", err=True)
                suite.unreadable.append(error)
                continue
            suite.results.append(result)
            progress.clear()
            _show_result(result)
    return suite


def _show_result(result: ScenarioResult) -> None:
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


def _summary(
    passed: int, failed: int, unread: int, figures: dict[str, tuple[int, int]]
) -> None:
    unread_note = f", {unread} could not be read" if unread else ""
    click.echo(f"\n{passed} passed, {failed} failed{unread_note}")
    parts = [f"{name} {reached}/{total}" for name, (reached, total) in figures.items()]
    click.echo("coverage: " + ", ".join(parts))


def _shortfalls(
    figures: Mapping[str, tuple[int, int]], wanted: Mapping[str, Threshold]
) -> list[str]:
    """One sentence for each figure below the threshold the user set for it."""
    sentences = []
    for name, (reached, total) in figures.items():
        threshold = wanted.get(name)
        percent = _percent(reached, total)
        if threshold is not None and percent < threshold.percent:
            sentences.append(
                f"coverage of {name} is {percent:.1f}%, below {threshold.source}"
            )
    return sentences


def _wanted(
    configured: Mapping[str, float], given: Iterable[Threshold]
) -> dict[str, Threshold]:
    """The threshold of each figure: [tool.revsim] fail_under, then --fail-under."""
    wanted = {
        name: Threshold(
            name, percent, f"fail_under {name} = {percent:g} in [tool.revsim]"
        )
        for name, percent in configured.items()
    }
    # On the command line a figure's own threshold wins over one for all
    # figures, in any order; of two for the same figure, the last one wins.
    for threshold in sorted(given, key=lambda threshold: threshold.figure is not None):
        for name in [threshold.figure] if threshold.figure else FIGURES:
            wanted[name] = threshold
    return wanted


def _percent(reached: int, total: int) -> float:
    """Rounded as printed, so 79.96% does not read "80.0%, below 80"."""
    # A figure with nothing to reach (no lifecycle.yaml, say) is fully covered.
    return round(100 * reached / total, 1) if total else 100.0


def _run_exit_code(unreadable: bool, failed: bool, short: bool) -> ExitCode:
    """The most serious of what went wrong: unread input, failures, coverage."""
    if unreadable:
        return ExitCode.INPUT_ERROR
    if failed:
        return ExitCode.SCENARIOS_FAILED
    if short:
        return ExitCode.COVERAGE_BELOW_THRESHOLD
    return ExitCode.OK


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


@main.command(short_help="Import definition files; say what is not simulated.")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@guarded
def validate(paths: Sequence[Path]) -> None:
    """Import every definition file under PATHS and say what is not simulated."""
    from simulator.validate import salesforce_figure, unread_salesforce, validate_paths

    counts = {"simulated": 0, "partial": 0, "fragment": 0, "error": 0}
    reports = []
    for report in validate_paths(paths):
        reports.append(report)
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
    click.echo()
    full, saved = salesforce_figure(reports)
    unread = unread_salesforce(reports)
    if saved:
        not_counted = f"; {unread} unreadable not counted" if unread else ""
        click.echo(
            "Salesforce record-triggered/process/workflow-rule files: "
            f"{100 * full / saved:.0f}% fully simulated ({full} of {saved}; "
            f"Apex and invocable actions aside{not_counted})"
        )
    click.echo(
        f"{total} files: {counts['simulated']} fully simulated ({share:.0f}%), "
        f"{counts['partial']} partly, {counts['fragment']} fragments, "
        f"{counts['error']} unreadable"
    )
    if counts["error"]:
        sys.exit(ExitCode.INPUT_ERROR)
    if not total:
        raise RevsimError(
            "no definition file found under " + ", ".join(map(str, paths)),
            expected="Salesforce metadata (*.flow-meta.xml, *.workflow-meta.xml, "
            "*.validationRule-meta.xml, …), HubSpot workflow JSON, "
            "connector.yaml or lifecycle.yaml",
            fix="give the model folder, or a definition file in it",
        )


@main.command(short_help="Why a record's field holds its value at the end.")
@click.argument(
    "scenario_file",
    metavar="SCENARIO",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.argument("record")
@click.argument("field")
@click.option(
    "--system",
    type=click.Choice(["hubspot", "salesforce"]),
    help="Explain the record's counterpart on this platform; "
    "RECORD@salesforce says the same.",
)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(path_type=Path),
    help="The model folder (default: model in [tool.revsim]).",
)
@guarded
def explain(
    scenario_file: Path,
    record: str,
    field: str,
    system: str | None,
    model_dir: Path | None,
) -> None:
    """Run SCENARIO and say why RECORD's FIELD holds its value at the end.

    RECORD is an alias from the scenario's records:, or alias@salesforce
    (alias@hubspot) for its counterpart on the other platform.
    """
    from simulator.explain import explain_field, split_record
    from simulator.model import load_model
    from simulator.scenario.loader import load_scenario
    from simulator.settings import load_settings

    settings = load_settings()
    alias, system = split_record(record, system)
    scenario = load_scenario(scenario_file)
    model = load_model(model_dir or settings.model)
    _show_explanation(
        explain_field(model, scenario, alias, field, system, settings.engine)
    )


def _show_explanation(explanation: Explanation) -> None:
    from simulator.scenario.model import PLATFORM, show

    where = PLATFORM[explanation.system]
    click.echo(
        f"{explanation.alias}.{explanation.field} in {where} ends as "
        f"{show(explanation.value)}"
    )
    click.echo(f"  scenario: {explanation.scenario}")
    click.echo(f"  file:     {explanation.file}")
    for change in explanation.changes:
        click.echo("")
        click.echo(_describe_change(change))
    if not explanation.changes:
        click.echo("\nno change of it was traced")


def _describe_change(change: Change) -> str:
    from simulator.duration import format_offset
    from simulator.scenario.model import show

    if change.kind == "created":
        what = f"created as {show(change.new)}"
    elif change.kind == "refused":
        what = f"refused: {change.message}"
    else:
        what = f"{show(change.old)} → {show(change.new)}"
    when = format_offset(change.offset)
    pad = " " * (len(when) + 2)
    lines = [_wrap(f"{when}  {what}", "", pad)]
    for number, cause in enumerate(change.causes):
        arrow = "by" if number == 0 else "←"
        lines.append(_wrap(f"{arrow} {cause}", pad, pad + "  "))
    return "\n".join(lines)


def _wrap(text: str, indent: str, hang: str) -> str:
    # Refusals and the connector's list of synced fields run long; keep the width.
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=hang)


@main.command()
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors."""
    import json

    from simulator.scenario.schema import scenario_json_schema

    click.echo(json.dumps(scenario_json_schema(), indent=2))


main.add_command(pull)
main.add_command(fuzz)

if __name__ == "__main__":
    main()
