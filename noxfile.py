"""Sessions for the project's checks: tests, lint, typecheck, scenarios, fuzz, bench."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "scenarios"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The project's own tests."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff: style and the formatter's width."""
    session.install("ruff")
    session.run("ruff", "check", "simulator", "tests", "noxfile.py", "bench")
    session.run(
        "ruff", "format", "--check", "simulator", "tests", "noxfile.py", "bench"
    )


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy in strict mode over the package."""
    session.install("-e", ".[dev]")
    session.run("mypy")


@nox.session(python=PYTHON)
def scenarios(session: nox.Session) -> None:
    """The bundled example suite, as a user runs it."""
    session.install("-e", ".")
    session.run("revsim", "run", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Synthetic contacts through the example model: contacts/s, events/s, memory;
    then the fuzzer: journeys examined per second."""
    session.install("-e", ".[test]")
    session.run(
        "python", "bench/population.py", *(session.posargs or ["1000", "10000"])
    )
    session.run("python", "bench/fuzzing.py")


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """revsim fuzz on the example model, with its default budget."""
    session.install("-e", ".[test]")
    session.run("revsim", "fuzz", *session.posargs)
