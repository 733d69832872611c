"""The automation model: every definition in a model folder, imported and checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.connector.model import ConnectorSettings
from simulator.definition import NotSimulated
from simulator.errors import DefinitionError
from simulator.hubspot.model import Workflow
from simulator.hubspot.portal import Portal
from simulator.lifecycle import LifecycleMap
from simulator.salesforce.duplicate_rules import (
    DUPLICATE_RULE_SUFFIX,
    MATCHING_RULE_SUFFIX,
    DuplicateRule,
    MatchingRule,
)
from simulator.salesforce.flow import missing_subflows
from simulator.salesforce.flowtest import FlowTest
from simulator.salesforce.lead_settings import LeadConfigSettings, LeadConvertSettings
from simulator.salesforce.model import (
    Flow,
    Picklist,
    ValidationRule,
    WorkflowFile,
    WorkflowRule,
)

CONNECTOR_FILE = "connector.yaml"
LIFECYCLE_FILE = "lifecycle.yaml"
FORMS_FILE = "forms.json"


@dataclass(slots=True)
class AutomationModel:
    """Everything revsim simulates for one company."""

    root: Path
    flows: list[Flow] = field(default_factory=list)
    workflow_files: list[WorkflowFile] = field(default_factory=list)
    validation_rules: list[ValidationRule] = field(default_factory=list)
    picklists: dict[tuple[str, str], Picklist] = field(default_factory=dict)
    hubspot_workflows: list[Workflow] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # form name → form id
    # The HubSpot account: time zone, deal pipelines, property options.
    hubspot_portal: Portal = field(default_factory=Portal)
    field_types: dict[tuple[str, str], str] = field(default_factory=dict)
    required_fields: set[tuple[str, str]] = field(default_factory=set)
    lead_convert: LeadConvertSettings | None = None
    lead_config: LeadConfigSettings | None = None
    flow_tests: list[FlowTest] = field(default_factory=list)
    duplicate_rules: list[DuplicateRule] = field(default_factory=list)
    matching_rules: list[MatchingRule] = field(default_factory=list)
    connector: ConnectorSettings | None = None
    lifecycle: LifecycleMap | None = None

    @property
    def workflow_rules(self) -> list[WorkflowRule]:
        return [rule for file in self.workflow_files for rule in file.rules]

    @property
    def not_simulated(self) -> list[NotSimulated]:
        items: list[NotSimulated] = []
        for flow in self.flows:
            items.extend(flow.not_simulated)
        for workflow_file in self.workflow_files:
            items.extend(workflow_file.not_simulated)
        for workflow in self.hubspot_workflows:
            items.extend(workflow.not_simulated)
        items.extend(missing_subflows(self.flows))
        items.extend(_standard_matching_rules(self))
        return items


def _standard_matching_rules(model: AutomationModel) -> list[NotSimulated]:
    """Duplicate rules whose matching rule is not in the tree (a standard one)."""
    known = {(rule.object, rule.name) for rule in model.matching_rules}
    return [
        NotSimulated(
            rule.file,
            f"{rule.object}.{rule.name}",
            match.matching_rule,
            "matching rule",
            "the matching rule is not in the source tree (standard matching "
            "rules are not retrieved); this duplicate rule blocks nothing",
        )
        for rule in model.duplicate_rules
        for match in rule.matches
        if rule.active and (match.target, match.matching_rule) not in known
    ]


def definition_files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` in a stable order, skipping hidden folders."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if path.is_file() and not hidden:
            yield path


def load_model(root: Path) -> AutomationModel:
    """Import every definition under ``root``; the first bad file raises."""
    if not root.is_dir():
        raise DefinitionError(
            "the model folder does not exist",
            file=root,
            expected="a folder holding hubspot/, salesforce/ and connector.yaml",
            fix="pass --model DIR or set model in [tool.revsim] of pyproject.toml",
        )
    model = AutomationModel(root=root)
    for path in definition_files(root):
        add_file(model, path)
    check_formulas(model)
    model.flows.sort(key=lambda flow: flow.api_name)
    model.hubspot_workflows.sort(key=lambda workflow: (workflow.name, workflow.id))
    return model


def add_file(model: AutomationModel, path: Path) -> bool:
    """Import one file into ``model``; False when it is not a definition file."""
    from simulator.connector.settings import load_connector
    from simulator.hubspot.portal import add_portal_file
    from simulator.hubspot.workflow import is_hubspot_workflow_file, load_workflow
    from simulator.lifecycle import load_lifecycle
    from simulator.salesforce.sfdx import load_salesforce_file

    if path.name.endswith((DUPLICATE_RULE_SUFFIX, MATCHING_RULE_SUFFIX)):
        _add_duplicate_rules(model, path)
    elif path.name == CONNECTOR_FILE:
        model.connector = load_connector(path)
    elif path.name == LIFECYCLE_FILE:
        model.lifecycle = load_lifecycle(path)
    elif path.name == FORMS_FILE:
        model.forms.update(load_forms(path))
    elif path.suffix == ".json":
        if add_portal_file(model.hubspot_portal, path):
            return True
        if not is_hubspot_workflow_file(path):
            return False
        model.hubspot_workflows.append(load_workflow(path))
    else:
        if path.name.endswith(".field-meta.xml"):
            _add_field_type(model, path)
        return _add_salesforce(model, load_salesforce_file(path))
    return True


def _add_duplicate_rules(model: AutomationModel, path: Path) -> None:
    from simulator.salesforce.duplicate_rules import (
        load_duplicate_rule,
        load_matching_rules,
    )

    if path.name.endswith(DUPLICATE_RULE_SUFFIX):
        model.duplicate_rules.append(load_duplicate_rule(path))
    else:
        model.matching_rules.extend(load_matching_rules(path))


def _add_field_type(model: AutomationModel, path: Path) -> None:
    from simulator.salesforce.fields import load_field_type, load_required

    typed = load_field_type(path)
    if typed is not None:
        object_name, field_name, field_type = typed
        model.field_types[(object_name, field_name)] = field_type
    required = load_required(path)
    if required is not None:
        model.required_fields.add(required)


def _add_salesforce(model: AutomationModel, definition: object) -> bool:
    if isinstance(definition, Flow):
        model.flows.append(definition)
    elif isinstance(definition, WorkflowFile):
        model.workflow_files.append(definition)
    elif isinstance(definition, ValidationRule):
        model.validation_rules.append(definition)
    elif isinstance(definition, Picklist):
        model.picklists[(definition.object, definition.field)] = definition
    elif isinstance(definition, LeadConvertSettings):
        model.lead_convert = definition
    elif isinstance(definition, LeadConfigSettings):
        model.lead_config = definition
    elif isinstance(definition, FlowTest):
        model.flow_tests.append(definition)
    else:
        return False
    return True


def load_forms(path: Path) -> dict[str, str]:
    """Form names and ids, as HubSpot's marketing forms API lists them."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        forms = body["results"] if isinstance(body, dict) else body
        return {str(form["name"]): str(form["id"]) for form in forms}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DefinitionError(
            f"cannot read the forms: {exc}",
            file=path,
            expected='{"results": [{"id": "…", "name": "…"}, …]} '
            "as GET /marketing/v3/forms returns it",
        ) from None


def formulas(model: AutomationModel) -> Iterator[tuple[str, str, str]]:
    """Every formula in the model: (text, file, place)."""
    for flow in model.flows:
        if flow.trigger is not None and flow.trigger.filter_formula:
            yield flow.trigger.filter_formula, flow.file, "start.filterFormula"
        # A process's formulas are run with $Record for its record variables,
        # so an error quotes them that way; the place says so.
        rewritten = " (as run: {!myVariable_current.X} is {!$Record.X})"
        note = rewritten if flow.is_process else ""
        for resource in flow.resources.values():
            if resource.kind == "formula" and resource.expression:
                place = f"formulas[{resource.name}]{note}"
                yield resource.expression, flow.file, place
    for rule in model.validation_rules:
        yield rule.formula, rule.file, "errorConditionFormula"
    for workflow_file in model.workflow_files:
        for wf_rule in workflow_file.rules:
            if wf_rule.formula:
                yield wf_rule.formula, wf_rule.file, f"rules[{wf_rule.name}].formula"
        for update in workflow_file.field_updates.values():
            if update.formula:
                yield update.formula, workflow_file.file, f"fieldUpdates[{update.name}]"


def check_formulas(model: AutomationModel) -> None:
    """Compile every formula now, so a bad one is an error before any run."""
    from simulator.formula import compile_formula

    for text, file, place in formulas(model):
        compile_formula(text, file=file, place=place)
