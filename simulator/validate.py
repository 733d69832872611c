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


@dataclass(slots=True)
class FileReport:
    path: Path
    status: str  # simulated | partial | fragment | error
    not_simulated: list[NotSimulated] = field(default_factory=list)
    error: str | None = None


def validate_paths(paths: Iterable[Path]) -> Iterator[FileReport]:
    """One report per definition file; an unreadable file never stops the rest."""
    for root in paths:
        files = [root] if root.is_file() else definition_files(root)
        for path in files:
            report = validate_file(path)
            if report is not None:
                yield report


def validate_file(path: Path) -> FileReport | None:
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
    missing = model.not_simulated
    return FileReport(path, "partial" if missing else "simulated", missing)
