"""Commands end in a message the user can act on, never in a traceback of theirs."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

import click

from simulator.errors import ExitCode, RevsimError

F = TypeVar("F", bound=Callable[..., object])


def guarded(command: F) -> F:
    """Print a RevsimError as the user's problem, never as a traceback."""
    import functools

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except RevsimError as error:
            click.echo(f"error: {error.render()}", err=True)
            sys.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception:
            # A bug of ours, not the user's: keep the traceback for the report.
            traceback.print_exc()
            click.echo(
                "internal error: this is a bug in revsim, not in your files; "
                "please report it with the traceback above",
                err=True,
            )
            sys.exit(ExitCode.INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]
