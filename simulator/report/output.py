"""Writing the report's files so that a failed run never leaves half a report."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

# mkstemp makes files only their owner can read; a report is meant to be shared.
_FILE_MODE = 0o644


def write_files(directory: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each file under a temporary name, then rename them all into place.

    Files already in ``directory`` that the report does not write are left alone.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(target, content), target))
        for temporary, target in staged:
            temporary.replace(target)
    except BaseException:
        _discard(temporary for temporary, _ in staged)
        raise
    return [target for _, target in staged]


def _stage(target: Path, content: bytes) -> Path:
    """``content`` in a new file beside ``target``, hidden by its leading dot."""
    handle, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        temporary.chmod(_FILE_MODE)
    except BaseException:
        _discard([temporary])
        raise
    return temporary


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
