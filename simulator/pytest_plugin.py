"""The pytest plugin: a scenario file is a test file, its scenario a test item.

Which YAML files are scenarios (docs/ci.md says the same for users):

1. every ``*.yaml`` and ``*.yml`` under the configured scenarios folder
   (``scenarios`` in [tool.revsim]), as ``revsim run`` reads them;
2. a YAML file named on the command line;
3. a YAML file directly inside a folder named on the command line, when it
   looks like a scenario: a top-level mapping with ``name`` and ``records``.

Anything else is left to other plugins, so a project's other YAML files are
never run as scenarios.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from simulator.errors import RevsimError, ScenarioError

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

    from simulator.model import AutomationModel
    from simulator.runner import ScenarioResult
    from simulator.scenario.model import Scenario
    from simulator.settings import ProjectSettings

SUFFIXES = (".yaml", ".yml")
WORKER_OUTPUT = "revsim_report"


@dataclass(slots=True)
class RevsimState:
    """What one pytest process knows: settings, the model, the results so far."""

    settings: ProjectSettings
    scenarios: Path
    model_dir: Path
    report_dir: Path | None
    named_files: set[Path]
    named_folders: set[Path]
    results: list[ScenarioResult] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    _model: AutomationModel | None = None
    _model_error: RevsimError | None = None

    def model(self) -> AutomationModel:
        """The model, read once per process; its error is raised each time."""
        from simulator.model import load_model

        if self._model is None and self._model_error is None:
            try:
                self._model = load_model(self.model_dir)
            except RevsimError as error:
                self._model_error = error
        if self._model_error is not None:
            raise self._model_error
        assert self._model is not None
        return self._model

    def collects(self, path: Path) -> bool:
        """Whether ``path`` is a scenario file by the rules of this module."""
        if path.is_relative_to(self.scenarios) or path in self.named_files:
            return True
        return path.parent in self.named_folders and looks_like_scenario(path)


STATE = pytest.StashKey[RevsimState]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("revsim", "revsim scenarios")
    group.addoption(
        "--revsim-model",
        metavar="DIR",
        help="the model folder to run scenarios against "
        "(default: model in [tool.revsim])",
    )
    group.addoption(
        "--revsim-report",
        metavar="DIR",
        help="write revsim's report of the scenarios run into DIR; "
        "with pytest-xdist each worker writes DIR/<worker id>",
    )


def pytest_configure(config: pytest.Config) -> None:
    from simulator.settings import load_settings

    try:
        settings = load_settings(config.rootpath)
    except RevsimError as error:
        raise pytest.UsageError(f"revsim: {error.render()}") from None
    model = config.getoption("revsim_model")
    report = config.getoption("revsim_report")
    files, folders = _named_paths(config)
    config.stash[STATE] = RevsimState(
        settings,
        settings.scenarios.resolve(),
        Path(model).resolve() if model else settings.model.resolve(),
        Path(report).resolve() if report else None,
        files,
        folders,
    )


def _named_paths(config: pytest.Config) -> tuple[set[Path], set[Path]]:
    """Files and folders the user named; testpaths and the bare cwd do not count."""
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return set(), set()
    base = config.invocation_params.dir
    paths = {(base / arg.split("::")[0]).resolve() for arg in config.args}
    return {p for p in paths if p.is_file()}, {p for p in paths if p.is_dir()}


def looks_like_scenario(path: Path) -> bool:
    """A top-level mapping with name and records; anything unreadable is not."""
    try:
        text = path.read_text(encoding="utf-8")
        # Most YAML files that are not scenarios never say "records".
        data = yaml.safe_load(text) if "records" in text else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "name" in data and "records" in data


def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> ScenarioFile | None:
    if file_path.suffix not in SUFFIXES:
        return None
    if not parent.config.stash[STATE].collects(file_path.resolve()):
        return None
    return ScenarioFile.from_parent(parent, path=file_path)


class ScenarioFile(pytest.File):
    """A scenario file: one item, or a collection error naming file and line."""

    def collect(self) -> Iterator[ScenarioItem]:
        from simulator.scenario.loader import load_scenario

        try:
            scenario = load_scenario(_shown_path(self.path))
        except ScenarioError as error:
            raise self.CollectError(error.render()) from None
        yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario)


class ScenarioFailed(Exception):
    """The scenario ran and an expectation did not hold, or the run stopped."""

    def __init__(self, result: ScenarioResult) -> None:
        super().__init__(result.scenario.name)
        self.result = result


class ScenarioItem(pytest.Item):
    """One scenario, run against the model and checked."""

    def __init__(self, *, scenario: Scenario, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario

    def runtest(self) -> None:
        from simulator.runner import run_scenario

        state = self.config.stash[STATE]
        result = run_scenario(state.model(), self.scenario, state.settings.engine)
        state.results.append(result)
        if not result.passed:
            raise ScenarioFailed(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: TracebackStyle | None = None,
    ) -> str | TerminalRepr:
        # The user's problem is in YAML, not in Python: no traceback for it.
        if isinstance(excinfo.value, ScenarioFailed):
            return self._failures(excinfo.value.result)
        if isinstance(excinfo.value, RevsimError):
            return f"the model did not load:\n{excinfo.value.render()}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, max(self.scenario.line - 1, 0), self.name

    def _failures(self, result: ScenarioResult) -> str:
        parts = [failure.render() for failure in result.failures]
        if result.stopped:
            parts.append(result.stopped)
        model = self.config.getoption("revsim_model")
        again = f"revsim run {self.scenario.file}"
        parts.append("run it alone: " + again + (f" --model {model}" if model else ""))
        return "\n".join(parts)


def _shown_path(path: Path) -> Path:
    """Relative to the current folder where it can be, as revsim run shows it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash[STATE]
    if state.report_dir is None or not state.results:
        return
    directory = state.report_dir
    worker = getattr(session.config, "workerinput", None)
    if worker is not None:
        # Workers share nothing; each writes the report of its own share.
        directory = directory / str(worker["workerid"])
    written = _write_report(state, directory)
    state.reports.append(written)
    if worker is not None:
        session.config.workeroutput[WORKER_OUTPUT] = written  # type: ignore[attr-defined]


def _write_report(state: RevsimState, directory: Path) -> str:
    from simulator.coverage import measure
    from simulator.report import write_reports
    from simulator.runner import SuiteResult

    suite = SuiteResult(state.model(), list(state.results))
    coverage = measure(suite.model, suite.hits(), suite.records())
    written = write_reports(suite, coverage, directory, generated_at=datetime.now(UTC))
    return str(written[0])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist: a worker finished; remember where it wrote its report."""
    written = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT)
    if written:
        node.config.stash[STATE].reports.append(written)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    reports = sorted(config.stash[STATE].reports)
    if not reports:
        return
    terminalreporter.section("revsim")
    for report in reports:
        terminalreporter.write_line(f"report: {report}")
    if config.pluginmanager.hasplugin("dsession"):
        terminalreporter.write_line(
            "each pytest-xdist worker wrote the report of the scenarios it ran; "
            "they are not merged: `revsim run` writes one report of the suite"
        )
