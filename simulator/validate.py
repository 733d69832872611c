"""`revsim validate`: import every definition file and say what is simulated."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.definition import NotSimulated
from simulator.errors import RevsimError
from simulator.model import (
    AutomationModel,
    add_file,
    check_formulas,
    definition_files,
)
from simulator.salesforce.flow import SUBFLOW_KIND, missing_subflows

# What a Salesforce figure sets aside: Apex and other invocable actions, which
# revsim never runs and a scenario stubs.
INVOCABLE_ACTIONS = "actionCalls"


@dataclass(slots=True)
class FileReport:
    path: Path
    status: str  # simulated | partial | fragment | error
    not_simulated: list[NotSimulated] = field(default_factory=list)
    error: str | None = None
    # record-triggered flow | process | workflow rules: the Salesforce
    # automation a save runs, counted in the Salesforce figure.
    salesforce_kind: str | None = None

    @property
    def simulated_but_actions(self) -> bool:
        """Fully simulated, Apex and other invocable actions aside."""
        return self.status in ("simulated", "partial") and all(
            item.kind == INVOCABLE_ACTIONS for item in self.not_simulated
        )


def validate_paths(paths: Iterable[Path]) -> Iterator[FileReport]:
    """One report per definition file; an unreadable file never stops the rest.

    A subflow counts as present when its flow is anywhere under ``paths``.
    """
    roots = list(paths)
    known = _flow_names(roots)
    for root in roots:
        files = [root] if root.is_file() else definition_files(root)
        for path in files:
            report = validate_file(path, known)
            if report is not None:
                yield report


def unread_salesforce(reports: Iterable[FileReport]) -> int:
    """Flow and workflow files that could not be read: whether a save runs
    them is unknown, so the figure cannot count them either way."""
    from simulator.salesforce.flow import FLOW_SUFFIXES
    from simulator.salesforce.workflow import WORKFLOW_SUFFIXES

    suffixes = (*FLOW_SUFFIXES, *WORKFLOW_SUFFIXES)
    return sum(r.status == "error" and r.path.name.endswith(suffixes) for r in reports)


def salesforce_figure(reports: Iterable[FileReport]) -> tuple[int, int]:
    """(fully simulated, all) of the Salesforce files a save runs: record-
    triggered flows, processes and workflow rule files, Apex and other
    invocable actions aside."""
    counted = [r for r in reports if r.salesforce_kind is not None]
    return sum(r.simulated_but_actions for r in counted), len(counted)


def _flow_names(roots: list[Path]) -> frozenset[str]:
    from simulator.salesforce.flow import FLOW_SUFFIXES

    names = set()
    for root in roots:
        files = [root] if root.is_file() else definition_files(root)
        for path in files:
            for suffix in FLOW_SUFFIXES:
                if path.name.endswith(suffix):
                    names.add(path.name[: -len(suffix)])
    return frozenset(names)


def validate_file(
    path: Path, known_flows: frozenset[str] = frozenset()
) -> FileReport | None:
    from simulator.hubspot.workflow import WorkflowFragment

    model = AutomationModel(root=path.parent)
    try:
        if not add_file(model, path):
            return None
        check_formulas(model)
    except WorkflowFragment as fragment:
        return FileReport(path, "fragment", error=fragment.message)
    except RevsimError as error:
        return FileReport(path, "error", error=error.render())
    except Exception as error:  # a bug of ours must not hide the other files
        return FileReport(path, "error", error=f"internal error: {error!r}")
    missing = [m for m in model.not_simulated if m.kind != SUBFLOW_KIND]
    missing += missing_subflows(model.flows, known_flows)
    return FileReport(
        path,
        "partial" if missing else "simulated",
        missing,
        salesforce_kind=_salesforce_kind(model),
    )


def _salesforce_kind(model: AutomationModel) -> str | None:
    if model.workflow_files:
        return "workflow rules"
    for flow in model.flows:
        if flow.is_process:
            return "process"
        if flow.is_record_triggered or (
            flow.trigger is not None and flow.trigger.timing == "before_delete"
        ):
            return "record-triggered flow"
    return None
