"""What a model's automation reads: the fields, values and moments that decide it.

The fuzzer draws journeys from this, not from random text: every property a
trigger, filter, decision, branch, goal or validation rule reads, with the
values that sit on each side of its comparisons (49, 50 and 51 for
``hubspotscore >= 50``), its picklist values, blanks; the forms, pages and
emails workflows listen to; the stages reps move deals through; and the
delays, scheduled paths and time triggers that decide how long to wait.
"""

from __future__ import annotations

import builtins
import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from simulator.model import AutomationModel
from simulator.salesforce.model import (
    Decision,
    Flow,
    Literal,
    Resource,
    WorkflowRule,
)

FieldRef = tuple[str, str, str]  # system, object, field

# The scenario start the fuzzer uses; dates are drawn around it.
START_DAY = date(2026, 1, 5)
SITE = "https://nextforce.example"

_NUMBER_OPERATORS = {
    "IS_GREATER_THAN",
    "IS_GREATER_THAN_OR_EQUAL_TO",
    "IS_LESS_THAN",
    "IS_LESS_THAN_OR_EQUAL_TO",
    "GreaterThan",
    "GreaterThanOrEqualTo",
    "LessThan",
    "LessThanOrEqualTo",
}
_BLANK_OPERATORS = {"IS_KNOWN", "IS_UNKNOWN", "IsNull", "IsBlank", "WasSet"}
# Field types of field-meta.xml that hold dates, numbers and checkboxes.
_DATE_TYPES = {"Date", "DateTime"}
_NUMBER_TYPES = {"Number", "Currency", "Percent"}
_STANDARD_OBJECTS = {"Account", "Contact", "Lead", "Opportunity", "Case", "User"}
# Standard fields whose type no field-meta.xml states.
_STANDARD_TYPES = {
    "Amount": "number",
    "AnnualRevenue": "number",
    "NumberOfEmployees": "number",
    "Probability": "number",
    "ExpectedRevenue": "number",
    "IsClosed": "boolean",
    "IsWon": "boolean",
}
# A value to try where the automation only asks "is it blank?".
_PLACEHOLDER: dict[str, object] = {"number": 1000, "text": "Other", "boolean": True}

# A literal compared with a field in a formula: ISPICKVAL(F, "x"), F = "x", F >= 5.
_PICKVAL = re.compile(r"ISPICKVAL\(\s*([\w$.]+)\s*,\s*[\"']([^\"']*)[\"']\s*\)", re.I)
_COMPARED = re.compile(
    r"([A-Za-z_$][\w$.]*)\}?\s*(=|==|!=|<>|<=|>=|<|>)\s*"
    r"(\"[^\"]*\"|'[^']*'|-?\d+(?:\.\d+)?)"
)


@dataclass(slots=True)
class FieldVocabulary:
    """One field the automation reads, and the values worth trying in it."""

    system: str
    object: str
    field: str
    kind: str = "text"  # text | number | boolean | choice | date
    # ``field`` is a name of this class: the dataclass helper goes by its module.
    values: list[builtins.object] = dataclasses.field(default_factory=list)
    readers: set[str] = dataclasses.field(default_factory=set)
    # Values a trigger compares with: drawn more often, since a journey that
    # never fires the trigger never reaches what comes after it.
    favoured: list[builtins.object] = dataclasses.field(default_factory=list)

    @property
    def ref(self) -> FieldRef:
        return (self.system, self.object, self.field)

    def add(self, *values: builtins.object, favour: bool = False) -> None:
        for value in values:
            if not any(_same(value, known) for known in self.values):
                self.values.append(value)
            if favour and not any(_same(value, known) for known in self.favoured):
                self.favoured.append(value)


@dataclass(frozen=True, slots=True)
class Condition:
    """A trigger or branch outcome as coverage counts it, and what it reads."""

    definition: str
    element: str
    reads: tuple[FieldRef, ...]
    on: tuple[str, str] = ("", "")  # the platform and object it is about


@dataclass(slots=True)
class Vocabulary:
    """Everything a journey through one model may be made of."""

    fields: dict[FieldRef, FieldVocabulary] = field(default_factory=dict)
    conditions: dict[tuple[str, str], Condition] = field(default_factory=dict)
    forms: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    stages: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    spans: list[timedelta] = field(default_factory=list)
    horizon: timedelta = timedelta(days=2)
    synced_as: str = "Lead"  # what a HubSpot contact becomes in Salesforce
    contact_workflows: bool = False

    def field(self, system: str, object_name: str, name: str) -> FieldVocabulary:
        key = (system, object_name, name)
        if key not in self.fields:
            self.fields[key] = FieldVocabulary(system, object_name, name)
        return self.fields[key]

    def of(self, system: str, object_name: str) -> list[FieldVocabulary]:
        """The fields of one object, in a stable order."""
        found = [
            vocabulary
            for (sys, obj, _), vocabulary in self.fields.items()
            if (sys, obj) == (system, object_name)
        ]
        return sorted(found, key=lambda vocabulary: vocabulary.field)

    def objects(self) -> set[tuple[str, str]]:
        return {(system, obj) for system, obj, _ in self.fields}


def read_vocabulary(model: AutomationModel) -> Vocabulary:
    """Walk every definition of the model and collect what it reads."""
    vocabulary = Vocabulary()
    if model.connector is not None:
        vocabulary.synced_as = model.connector.create_as
    _hubspot(model, vocabulary)
    _salesforce(model, vocabulary)
    _connector(model, vocabulary)
    _lifecycle(model, vocabulary)
    _picklists(model, vocabulary)
    _finish(model, vocabulary)
    return vocabulary


# HubSpot


def _hubspot(model: AutomationModel, vocabulary: Vocabulary) -> None:
    for workflow in model.hubspot_workflows:
        if not workflow.enabled:
            continue
        key = f"hubspot:{workflow.id}"
        obj = workflow.object
        vocabulary.contact_workflows |= obj == "contact"
        enrollment = workflow.enrollment
        reads: list[FieldRef] = []
        if enrollment is not None:
            for branch in (enrollment.filter, enrollment.refinement):
                reads += _branch(vocabulary, obj, branch, workflow.name, True)
            for branch in enrollment.re_enroll_triggers:
                reads += _branch(vocabulary, obj, branch, workflow.name, True)
            for trigger in enrollment.events:
                _event(vocabulary, model, trigger)
        _branch(vocabulary, obj, workflow.goal, workflow.name)
        _condition(vocabulary, key, "trigger", reads, ("hubspot", obj))
        for action in workflow.actions.values():
            _hubspot_action(vocabulary, key, obj, workflow.name, action)


def _hubspot_action(
    vocabulary: Vocabulary, key: str, obj: str, name: str, action: object
) -> None:
    minutes = getattr(action, "minutes", None)
    if isinstance(minutes, int) and minutes > 0:
        vocabulary.spans.append(timedelta(minutes=minutes))
    content = getattr(action, "content_id", None)
    if content:
        vocabulary.emails.append(str(content))
    action_id = getattr(action, "id", "")
    on = ("hubspot", obj)
    every: list[FieldRef] = []
    for option in getattr(action, "options", ()):
        if hasattr(option, "filter"):  # an if/then branch: a filter per option
            reads = _branch(vocabulary, obj, option.filter, name)
            _condition(vocabulary, key, f"{action_id}/{option.name}", reads, on)
        else:  # a value-equals branch on one property
            reads = _value_branch(vocabulary, obj, action, option, name)
            _condition(vocabulary, key, f"{action_id}/{option.value}", reads, on)
        every += reads
    if getattr(action, "options", ()):
        _condition(vocabulary, key, f"{action_id}/default", every, on)


def _value_branch(
    vocabulary: Vocabulary, obj: str, action: object, option: object, reader: str
) -> list[FieldRef]:
    prop = getattr(getattr(action, "input", None), "property", "")
    if not prop:
        return []
    entry = vocabulary.field("hubspot", obj, prop)
    entry.readers.add(reader)
    entry.add(getattr(option, "value", None))
    return [entry.ref]


def _branch(
    vocabulary: Vocabulary,
    obj: str,
    branch: object,
    reader: str,
    favour: bool = False,
) -> list[FieldRef]:
    """The property filters of a filter branch, nested branches included."""
    if branch is None:
        return []
    reads: list[FieldRef] = []
    for item in getattr(branch, "filters", ()):
        prop = getattr(item, "property", None)
        if not prop:
            continue
        entry = vocabulary.field("hubspot", obj, prop)
        entry.readers.add(reader)
        _hubspot_values(entry, item, favour)
        reads.append(entry.ref)
    for nested in getattr(branch, "branches", ()):
        reads += _branch(vocabulary, obj, nested, reader, favour)
    return reads


def _hubspot_values(entry: FieldVocabulary, item: object, favour: bool) -> None:
    operator = str(getattr(item, "operator", ""))
    kind = str(getattr(item, "operation_type", ""))
    values = tuple(getattr(item, "values", ()))
    if hasattr(item, "lower"):  # a date filter: moments around today
        entry.kind = "date"
        return
    if kind == "BOOL":
        entry.kind = "boolean"
        entry.add(True, False, favour=favour)
    elif kind in ("NUMBER", "NUMBER_RANGED") or operator in _NUMBER_OPERATORS:
        entry.kind = "number"
        for value in values:
            entry.add(*_around(value), favour=favour)
    elif kind == "ENUMERATION":
        entry.kind = "choice"
        entry.add(*values, favour=favour)
    else:
        entry.add(*(str(value) for value in values), favour=favour)
        entry.add(*(f"{value} (other)" for value in values[:1]))
    if operator in _BLANK_OPERATORS and not entry.values:
        entry.add("x")


def _event(vocabulary: Vocabulary, model: AutomationModel, trigger: object) -> None:
    """Forms, pages and emails an enrolment event listens to, and near misses."""
    event = getattr(trigger, "event", "")
    forms = {form_id: name for name, form_id in model.forms.items()}
    for item in getattr(trigger, "filters", ()):
        values = [str(value) for value in getattr(item, "values", ())]
        if event == "form_submission":
            vocabulary.forms += [forms.get(value, value) for value in values]
        elif event == "page_view":
            vocabulary.pages += [_page(value, item) for value in values]
        elif event in ("email_click", "email_open"):
            vocabulary.emails += values


def _page(value: str, item: object) -> str:
    """An address the page-view filter's value matches."""
    if value.startswith("http"):
        return value
    operator = getattr(item, "operator", "CONTAINS")
    if operator == "ENDS_WITH":
        return f"{SITE}/{value.lstrip('/')}"
    return f"{SITE}/{value.strip('/')}"


# Salesforce


def _salesforce(model: AutomationModel, vocabulary: Vocabulary) -> None:
    for flow in model.flows:
        if not (flow.is_active and flow.is_record_triggered):
            continue
        assert flow.trigger is not None
        _flow(vocabulary, flow)
    for rule in model.workflow_rules:
        if rule.active:
            _workflow_rule(vocabulary, rule)
    for validation in model.validation_rules:
        if validation.active:
            reader = f"validation rule {validation.name}"
            _formula(vocabulary, validation.object, validation.formula, reader)


def _flow(vocabulary: Vocabulary, flow: Flow) -> None:
    trigger = flow.trigger
    assert trigger is not None
    obj = trigger.object
    name = flow.label or flow.api_name
    key = f"flow:{flow.api_name}"
    resources = flow.resources
    reads = _conditions(vocabulary, obj, trigger.filters, name, resources, True)
    if trigger.filter_formula:
        reads += _formula(vocabulary, obj, trigger.filter_formula, name, favour=True)
    on = ("salesforce", obj)
    _condition(vocabulary, key, "start", reads, on)
    for path in trigger.scheduled_paths:
        vocabulary.spans.append(_offset(path.offset_number, path.offset_unit))
        if path.record_field:
            vocabulary.field("salesforce", obj, path.record_field).kind = "date"
        _condition(vocabulary, key, f"path:{path.name}", reads, on)
    for node in flow.nodes.values():
        if not isinstance(node, Decision):
            continue
        every: list[FieldRef] = []
        for rule in node.rules:
            rule_reads = _conditions(vocabulary, obj, rule.conditions, name, resources)
            _condition(vocabulary, key, f"{node.name}/{rule.name}", rule_reads, on)
            every += rule_reads
        _condition(vocabulary, key, f"{node.name}/default", every, on)


def _conditions(
    vocabulary: Vocabulary,
    obj: str,
    conditions: object,
    reader: str,
    resources: Mapping[str, Resource],
    favour: bool = False,
) -> list[FieldRef]:
    reads: list[FieldRef] = []
    for condition in getattr(conditions, "items", ()):
        resource = resources.get(condition.left.split(".", 1)[0])
        if resource is not None:
            # A formula resource reads the record through its expression (a
            # process's criteria are all formulas); a variable is the flow's own.
            if resource.kind == "formula" and resource.expression:
                reads += _formula(vocabulary, obj, resource.expression, reader, favour)
            continue
        place = _field_of(obj, condition.left)
        if place is None:
            continue
        entry = vocabulary.field("salesforce", *place)
        entry.readers.add(reader)
        right = condition.right
        value = right.value if isinstance(right, Literal) else None
        _flow_values(entry, condition.operator, value, favour)
        reads.append(entry.ref)
    return reads


def _flow_values(
    entry: FieldVocabulary, operator: str, value: object, favour: bool
) -> None:
    if operator in _BLANK_OPERATORS:
        return  # the blank is always tried; a value comes from other readers
    if isinstance(value, bool):
        entry.kind = "boolean"
        entry.add(True, False, favour=favour)
    elif isinstance(value, int | float):
        entry.kind = "number"
        entry.add(*_around(value), favour=favour)
    elif isinstance(value, str):
        entry.add(*_text_variants(operator, value), favour=favour)


def _text_variants(operator: str, value: str) -> list[str]:
    """The text itself, and the near misses a text comparison decides between."""
    if operator == "StartsWith":
        return [value, f"{value} 2026", value[: max(1, len(value) // 2)]]
    if operator in ("Contains", "EndsWith"):
        return [f"x {value}", value[: max(1, len(value) // 2)]]
    return [value]


def _workflow_rule(vocabulary: Vocabulary, rule: WorkflowRule) -> None:
    obj = rule.object
    name = rule.name
    key = f"workflow_rule:{obj}.{name}"
    reads: list[FieldRef] = []
    for item in rule.criteria:
        place = _field_of(obj, item.field.split(".", 1)[-1])
        if place is None:
            continue
        entry = vocabulary.field("salesforce", *place)
        entry.readers.add(name)
        if item.value is not None:
            entry.add(*_typed(item.value), favour=True)
        reads.append(entry.ref)
    if rule.formula:
        reads += _formula(vocabulary, obj, rule.formula, name, favour=True)
    on = ("salesforce", obj)
    _condition(vocabulary, key, "rule", reads, on)
    for position, trigger in enumerate(rule.time_triggers, start=1):
        unit = timedelta(hours=1) if trigger.unit.lower() == "hours" else timedelta(1)
        vocabulary.spans.append(trigger.length * unit)
        _condition(vocabulary, key, f"time trigger {position}", reads, on)


def _formula(
    vocabulary: Vocabulary, obj: str, text: str, reader: str, favour: bool = False
) -> list[FieldRef]:
    """The fields a formula reads, and the literals it compares them with."""
    from simulator.formula import compile_formula

    reads: list[FieldRef] = []
    for path in sorted(compile_formula(text).references):
        place = _field_of(obj, ".".join(path))
        if place is None:
            continue
        entry = vocabulary.field("salesforce", *place)
        entry.readers.add(reader)
        reads.append(entry.ref)
    for name, literal in _literals(text):
        place = _field_of(obj, name)
        if place is not None:
            vocabulary.field("salesforce", *place).add(*_typed(literal), favour=favour)
    return reads


def _literals(text: str) -> Iterator[tuple[str, str]]:
    for match in _PICKVAL.finditer(text):
        yield match.group(1), match.group(2)
    for match in _COMPARED.finditer(text):
        yield match.group(1), match.group(3).strip("\"'")


def _field_of(obj: str, reference: str) -> tuple[str, str] | None:
    """``$Record.Account.Type`` on an Opportunity is the Account's Type."""
    parts = reference.removeprefix("$Record.").split(".")
    if parts[0].startswith("$") or not parts[-1]:
        return None
    if len(parts) == 1:
        return obj, parts[0]
    if len(parts) == 2 and parts[0] in _STANDARD_OBJECTS:
        return parts[0], parts[1]
    return None


# The rest of the model


def _connector(model: AutomationModel, vocabulary: Vocabulary) -> None:
    """Mapped values, on both sides, of the fields the automation reads."""
    settings = model.connector
    if settings is None:
        return
    vocabulary.spans += [
        settings.polling_interval,
        settings.hubspot_to_salesforce_delay,
    ]
    for mapping in settings.mappings:
        if not mapping.values:
            continue
        hubspot = ("hubspot", "contact", mapping.hubspot)
        salesforce = ("salesforce", settings.create_as, mapping.salesforce)
        if hubspot in vocabulary.fields or salesforce in vocabulary.fields:
            vocabulary.field(*hubspot).add(*mapping.values)
            vocabulary.field(*salesforce).add(*mapping.values.values())


def _lifecycle(model: AutomationModel, vocabulary: Vocabulary) -> None:
    if model.lifecycle is None:
        return
    for stage in model.lifecycle.fields:
        entry = vocabulary.fields.get((stage.system, stage.object, stage.field))
        if entry is not None:
            entry.kind = "choice"
            entry.add(*stage.stages)
        if stage.object in ("Opportunity", "deal"):
            vocabulary.stages[(stage.system, stage.object)] = list(stage.stages)


def _picklists(model: AutomationModel, vocabulary: Vocabulary) -> None:
    for (obj, name), picklist in sorted(model.picklists.items()):
        if ("salesforce", obj, name) in vocabulary.fields or obj == "Opportunity":
            entry = vocabulary.field("salesforce", obj, name)
            entry.kind = "choice"
            entry.add(*picklist.values)
        if name == "StageName" and obj == "Opportunity":
            vocabulary.stages[("salesforce", obj)] = list(picklist.values)


def _finish(model: AutomationModel, vocabulary: Vocabulary) -> None:
    """Types from field-meta.xml, blanks for every field, times sorted."""
    for (obj, name), field_type in model.field_types.items():
        entry = vocabulary.fields.get(("salesforce", obj, name))
        if entry is None:
            continue
        if field_type in _DATE_TYPES:
            entry.kind = "date"
        elif field_type in _NUMBER_TYPES and entry.kind == "text":
            entry.kind = "number"
        elif field_type == "Checkbox":
            entry.kind = "boolean"
            entry.add(True, False)
    for entry in vocabulary.fields.values():
        if entry.system == "salesforce" and entry.kind == "text":
            entry.kind = _STANDARD_TYPES.get(entry.field, entry.kind)
        if entry.kind == "date" or entry.field.endswith(("Date", "_date")):
            entry.kind = "date"
            entry.values = [START_DAY + timedelta(days=d) for d in (-1, 0, 1, 30)]
        entry.values = [None, *(v for v in entry.values if v not in (None, ""))]
        if entry.kind == "number":
            entry.values = [v for v in entry.values if v is None or _is_number(v)]
        if len(entry.values) == 1 and entry.kind in _PLACEHOLDER:
            entry.values.append(_PLACEHOLDER[entry.kind])
        entry.favoured = [
            v for v in entry.favoured if any(_same(v, known) for known in entry.values)
        ]
    stage_moves = vocabulary.stages.get(("salesforce", "Opportunity"))
    if stage_moves and ("salesforce", "Opportunity", "StageName") in vocabulary.fields:
        vocabulary.field("salesforce", "Opportunity", "StageName").add(*stage_moves)
    vocabulary.forms = _unique([*vocabulary.forms, "newsletter-signup"])
    vocabulary.pages = _unique([*vocabulary.pages, f"{SITE}/blog"])
    vocabulary.emails = _unique(vocabulary.emails)
    vocabulary.spans, vocabulary.horizon = _times(vocabulary.spans)


def _times(spans: Iterable[timedelta]) -> tuple[list[timedelta], timedelta]:
    """Gaps between steps: a minute, each of the model's waits and just around it."""
    minute = timedelta(minutes=1)
    gaps = {minute, timedelta(hours=1), timedelta(days=1)}
    longest = timedelta(days=1)
    for span in spans:
        if span <= timedelta(0):
            continue
        longest = max(longest, span)
        if span <= timedelta(days=60):
            gaps |= {span, span + minute}
            if span > minute:
                gaps.add(span - minute)
    # Close dates are drawn up to 120 days out (Faker fills them so), and a
    # path timed from such a date runs that much later.
    horizon = longest + timedelta(days=121)
    return sorted(gaps), horizon


def _condition(
    vocabulary: Vocabulary,
    definition: str,
    element: str,
    reads: list[FieldRef],
    on: tuple[str, str],
) -> None:
    vocabulary.conditions[(definition, element)] = Condition(
        definition, element, tuple(dict.fromkeys(reads)), on
    )


def _offset(number: int, unit: str) -> timedelta:
    hours = {"minutes": 1 / 60, "hours": 1, "days": 24, "weeks": 168}
    if unit.lower() == "months":
        return timedelta(days=30 * number)
    return timedelta(hours=number * hours.get(unit.lower(), 24))


def _around(value: object) -> list[object]:
    """Just below, at and just above a number a comparison uses."""
    number = _number(value)
    if number is None:
        return []
    whole = int(number) if float(number).is_integer() else number
    return [whole - 1, whole, whole + 1]


def _typed(text: str) -> list[object]:
    number = _number(text)
    if number is not None:
        return _around(number)
    if text.lower() in ("true", "false"):
        return [text.lower() == "true"]
    return [text]


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(str(value))
    except ValueError:
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same(first: object, second: object) -> bool:
    return type(first) is type(second) and first == second


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
