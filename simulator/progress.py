"""A progress line for people watching a terminal while a long suite runs."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

# Short suites finish before a person would wonder: say nothing for them.
DELAY = 1.0


class Progress:
    """One updating line, "running 12/37 scenarios…", shown only on a terminal.

    Nothing is written when the stream is not a terminal (a pipe, a CI log,
    click's test runner), or before ``delay`` seconds have passed.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO,
        *,
        noun: str = "scenarios",
        delay: float = DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream
        self.noun = noun
        self.delay = delay
        self.clock = clock
        self.enabled = _is_terminal(stream)
        self.started = clock()
        self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.clear()

    def update(self, current: int) -> None:
        """Say that item ``current`` (from 1) of ``total`` is running."""
        if not self.enabled or self.clock() - self.started < self.delay:
            return
        self.stream.write(f"\r\x1b[Krunning {current}/{self.total} {self.noun}…")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Take the line away, so that other output starts on a clean line."""
        if not self.shown:
            return
        self.stream.write("\r\x1b[K")
        self.stream.flush()
        self.shown = False


def _is_terminal(stream: TextIO) -> bool:
    # A dumb terminal cannot erase the line; the updates would pile up.
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
