"""The errors a user can cause, and the exit codes the command line maps them to."""

from __future__ import annotations

import enum
from pathlib import Path


class ExitCode(enum.IntEnum):
    """What `revsim` returns to the shell."""

    OK = 0
    SCENARIOS_FAILED = 1
    USAGE_ERROR = 2
    INPUT_ERROR = 3
    COVERAGE_BELOW_THRESHOLD = 4
    INTERNAL_ERROR = 70


class RevsimError(Exception):
    """An error the user can fix: it names the file, the place, what was expected.

    The message is built from parts so that the command line and the report can
    show it the same way: ``file:line: what happened``, then ``expected: …`` and
    ``fix: …`` on their own lines when given.
    """

    exit_code = ExitCode.INPUT_ERROR

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        place: str | None = None,
        expected: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.place = place
        self.expected = expected
        self.fix = fix
        super().__init__(self.render())

    @property
    def location(self) -> str:
        """``file:line`` or ``file (place)``, whichever is known."""
        parts = self.file or ""
        if self.line is not None:
            parts += f":{self.line}"
        if self.place:
            parts += f" ({self.place})" if parts else self.place
        return parts

    def render(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        lines = [head]
        if self.expected:
            lines.append(f"  expected: {self.expected}")
        if self.fix:
            lines.append(f"  fix: {self.fix}")
        return "\n".join(lines)


class DefinitionError(RevsimError):
    """A Salesforce, HubSpot or connector definition file cannot be read."""


class FormulaError(RevsimError):
    """A Salesforce formula does not parse, or cannot be evaluated."""


class ScenarioError(RevsimError):
    """A scenario file is malformed or refers to something that does not exist."""


class SettingsError(RevsimError):
    """A setting in [tool.revsim] or on the command line is wrong."""

    exit_code = ExitCode.USAGE_ERROR
