"""The model folder, replaced only once a pull has been written in full beside it."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from simulator.pull.diff import Changes, compare, definitions
from simulator.pull.errors import PullError


def write_pulled(
    model: Path, owned: Sequence[str], write: Callable[[Path], None]
) -> Changes:
    """Write a pull into a copy of ``model``, compare, then swap the copy in.

    ``owned`` are the folders and files (glob patterns) the pull replaces;
    everything else in the model folder is carried over as it is.
    """
    with staged(model, owned) as staging:
        write(staging)
        before = definitions(model, owned_paths(model, owned))
        changes = compare(before, definitions(staging, owned_paths(staging, owned)))
    return changes


@contextmanager
def staged(model: Path, owned: Sequence[str]) -> Iterator[Path]:
    """A sibling copy of ``model`` without its ``owned`` folders and files.

    It takes the place of ``model`` when the block ends; on any error it is
    removed and ``model`` stays byte for byte as it was.
    """
    if model.exists() and not model.is_dir():
        raise PullError("the model folder is a file", file=model, expected="a folder")
    model.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{model.name}.pull-", dir=model.parent))
    try:
        if model.is_dir():
            shutil.copytree(model, staging, symlinks=True, dirs_exist_ok=True)
        for path in owned_paths(staging, owned):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, model)


def owned_paths(root: Path, owned: Sequence[str]) -> list[Path]:
    """The folders and files under ``root`` that the patterns in ``owned`` name."""
    return sorted({path for pattern in owned for path in root.glob(pattern)})


def _swap(staging: Path, model: Path) -> None:
    """Old aside, new in, old removed; a failed rename puts the old one back."""
    aside = model.with_name(f".{model.name}.old-{uuid.uuid4().hex[:8]}")
    had_model = model.exists()
    if had_model:
        os.replace(model, aside)
    try:
        os.replace(staging, model)
    except OSError as error:
        if had_model:
            os.replace(aside, model)
        shutil.rmtree(staging, ignore_errors=True)
        raise PullError(
            f"cannot move the pulled folder into place: {error.strerror}",
            file=model,
            fix="close programs that hold files in the model folder open, "
            "then pull again",
        ) from None
    if had_model:
        shutil.rmtree(aside, ignore_errors=True)
