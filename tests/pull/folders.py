"""Model folders read back byte for byte, and what a pull leaves beside them."""

from __future__ import annotations

from pathlib import Path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def siblings(model: Path) -> list[str]:
    """What else lies beside the model folder: a pull leaves nothing there."""
    return sorted(path.name for path in model.parent.iterdir() if path != model)
