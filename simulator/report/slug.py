"""Page names: short, lower-case, safe on every file system, unique in a report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_MAX_LENGTH = 60


def slugify(text: str) -> str:
    """``Ada signs up (EU)`` → ``ada-signs-up-eu``; ``page`` when nothing is left."""
    # Accents are dropped rather than the letters, so "Überprüfung" stays readable;
    # any other character is a gap between words.
    letters = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in letters if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", "-", letters.lower())
    return words.strip("-")[:_MAX_LENGTH].strip("-") or "page"


def unique_slugs(texts: Iterable[str]) -> list[str]:
    """One slug per text, in order; a repeat gets -2, -3, … and overwrites nothing."""
    taken: set[str] = set()
    slugs = []
    for text in texts:
        base = slug = slugify(text)
        number = 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
