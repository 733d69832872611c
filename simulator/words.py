"""Counts in words, for what revsim prints: "1 journey", "3 workflows"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless the count is one."""
    if count != 1:
        consonant_y = noun.endswith("y") and noun[-2:-1] not in tuple("aeiou")
        noun = noun[:-1] + "ies" if consonant_y else noun + "s"
    return f"{count} {noun}"
