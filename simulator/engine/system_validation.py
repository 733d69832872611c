"""System validation: the checks the platform makes before custom validation rules.

Order of execution, steps 2 and 5: a save made through the API, by Apex or
by automation is checked for required fields and for values outside a
restricted picklist. A failed check refuses the save as a validation rule
does, with the error the API returns (REQUIRED_FIELD_MISSING,
INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). After workflow field updates the
record is checked again (step 11b).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from simulator.engine.faults import SaveRefused
from simulator.model import AutomationModel

# Fields the object reference lists as required on create, without a default
# (create: not nillable, not defaulted on create). Lead Company is required
# unless person accounts are on; revsim models an org without them.
STANDARD_REQUIRED: Final[Mapping[str, tuple[str, ...]]] = {
    "Lead": ("LastName", "Company"),
    "Contact": ("LastName",),
    "Account": ("Name",),
    "Opportunity": ("Name", "StageName", "CloseDate"),
}


def check_system_validation(
    model: AutomationModel, object_name: str, values: Mapping[str, object]
) -> None:
    """Raise SaveRefused for a missing required field or a restricted value."""
    missing = [
        name
        for name in required_fields(model, object_name)
        if values.get(name) in (None, "")
    ]
    if missing:
        raise SaveRefused(
            f"REQUIRED_FIELD_MISSING saving {object_name}: "
            f"Required fields are missing: [{', '.join(missing)}]"
        )
    for (owner, field), picklist in model.picklists.items():
        if owner != object_name or not picklist.restricted or not picklist.values:
            continue
        bad = _outside(values.get(field), picklist.values, picklist.multi_select)
        if bad is not None:
            raise SaveRefused(
                f"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST saving {object_name}: "
                f"bad value for restricted picklist field {field}: {bad}"
            )


def required_fields(model: AutomationModel, object_name: str) -> list[str]:
    custom = sorted(f for obj, f in model.required_fields if obj == object_name)
    return [*STANDARD_REQUIRED.get(object_name, ()), *custom]


def _outside(value: object, allowed: tuple[str, ...], multi: bool) -> str | None:
    """The first item of ``value`` the picklist does not list; None if all are."""
    if value in (None, ""):
        return None
    items = str(value).split(";") if multi else [str(value)]
    return next((item for item in items if item not in allowed), None)
