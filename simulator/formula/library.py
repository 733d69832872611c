"""Every function the compiler knows, by its upper-case name."""

from __future__ import annotations

import difflib

from simulator.formula import dates, functions
from simulator.formula.signature import Signature
from simulator.formula.special_forms import SPECIAL_FORMS

EAGER = {
    signature.name: signature for signature in functions.FUNCTIONS + dates.FUNCTIONS
}
SPECIAL = {signature.name: signature for signature in SPECIAL_FORMS}
FUNCTION_NAMES = tuple(sorted(EAGER.keys() | SPECIAL.keys()))


def lookup(name: str) -> Signature | None:
    """The function called `name`, in any case, or None."""
    key = name.upper()
    return SPECIAL.get(key) or EAGER.get(key)


def is_special(signature: Signature) -> bool:
    """Whether the compiler builds this function by hand (see special_forms)."""
    return signature.name in SPECIAL


def suggestion(name: str) -> str:
    """What to write instead of an unknown function `name`."""
    close = difflib.get_close_matches(name.upper(), FUNCTION_NAMES, n=3)
    if close:
        return f"did you mean {' or '.join(close)}?"
    return "use one of the functions revsim simulates: " + ", ".join(FUNCTION_NAMES)
