"""The progress line: on a terminal, after a second, on one line it rewrites."""

from __future__ import annotations

import io

import pytest

from simulator.progress import Progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def capable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")


def test_nothing_is_shown_in_the_first_second() -> None:
    stream, clock = Terminal(), Clock()
    with Progress(37, stream, clock=clock) as progress:
        clock.now += 0.9
        progress.update(1)

    assert stream.getvalue() == ""


def test_after_a_second_one_line_is_rewritten_then_cleared() -> None:
    stream, clock = Terminal(), Clock()
    with Progress(37, stream, clock=clock) as progress:
        clock.now += 1.5
        progress.update(12)
        progress.update(13)

    assert stream.getvalue() == (
        "\r\x1b[Krunning 12/37 scenarios…\r\x1b[Krunning 13/37 scenarios…\r\x1b[K"
    )


def test_clearing_makes_room_for_other_output_then_the_line_comes_back() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(2, stream, clock=clock)
    clock.now += 2
    progress.update(1)
    progress.clear()
    progress.clear()

    assert stream.getvalue() == "\r\x1b[Krunning 1/2 scenarios…\r\x1b[K"


def test_a_stream_that_is_not_a_terminal_gets_nothing() -> None:
    stream, clock = io.StringIO(), Clock()
    with Progress(37, stream, clock=clock) as progress:
        clock.now += 60
        progress.update(30)

    assert stream.getvalue() == ""


def test_a_dumb_terminal_gets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    stream, clock = Terminal(), Clock()
    with Progress(37, stream, clock=clock) as progress:
        clock.now += 60
        progress.update(30)

    assert stream.getvalue() == ""
