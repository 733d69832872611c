"""An SFDX source tree file by file: which loader reads which suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from simulator.salesforce.flow import load_flow
from simulator.salesforce.flowtest import FlowTest, load_flowtest
from simulator.salesforce.lead_settings import (
    LeadConfigSettings,
    LeadConvertSettings,
    load_settings,
)
from simulator.salesforce.model import Flow, Picklist, ValidationRule, WorkflowFile
from simulator.salesforce.picklist import load_field, load_standard_value_set
from simulator.salesforce.validation_rule import load_validation_rule
from simulator.salesforce.workflow import load_workflow

SalesforceDefinition = (
    Flow
    | WorkflowFile
    | ValidationRule
    | Picklist
    | LeadConvertSettings
    | LeadConfigSettings
    | FlowTest
)

_LOADERS: Final[
    tuple[tuple[str, Callable[[Path], SalesforceDefinition | None]], ...]
] = (
    (".flow-meta.xml", load_flow),
    (".flow", load_flow),
    (".workflow-meta.xml", load_workflow),
    (".workflow", load_workflow),
    (".validationRule-meta.xml", load_validation_rule),
    (".field-meta.xml", load_field),
    (".standardValueSet-meta.xml", load_standard_value_set),
    (".flowtest-meta.xml", load_flowtest),
    (".flowtest", load_flowtest),
    (".settings-meta.xml", load_settings),
    (".settings", load_settings),
)

SALESFORCE_SUFFIXES: Final = tuple(suffix for suffix, _ in _LOADERS)


def load_salesforce_file(path: Path) -> SalesforceDefinition | None:
    """Import ``path`` by its suffix; None for a file that holds no definition
    revsim reads (a README, a field that is no picklist, another Settings)."""
    for suffix, loader in _LOADERS:
        if path.name.endswith(suffix):
            return loader(path)
    return None
