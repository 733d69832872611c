"""Read connector.yaml, the connector settings in the form docs/formats.md gives."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from simulator.connector.model import (
    SYNC_RULE_LABELS,
    CompanySync,
    ConnectorSettings,
    DealSync,
    FieldMapping,
    InclusionList,
    SyncRule,
)
from simulator.duration import DURATION_HELP, parse_duration
from simulator.errors import DefinitionError
from simulator.hubspot.model import FilterBranch, PropertyFilter
from simulator.yaml_lines import (
    LineIndex,
    PathKey,
    format_place,
    load_yaml,
    validation_error,
)


def _scalar_text(value: object) -> object:
    """YAML reads `42` as a number and `yes` as true; both are text here."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_scalar_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Filter(_Strict):
    property: Text
    operator: Text
    values: list[Text] = []


class _InclusionList(_Strict):
    list_id: Text | None = None
    filter: list[_Filter] | None = None


class _Mapping(_Strict):
    hubspot: Text
    salesforce: Text
    rule: Text
    # A HubSpot value and its Salesforce value, or several Salesforce values
    # that all read as it (the first is the one HubSpot sends).
    values: dict[Text, Text | list[Text]] = {}


class _Companies(_Strict):
    mappings: list[_Mapping] = []


class _Deals(_Strict):
    pipeline: Text
    stages: dict[Text, Text | list[Text]]
    mappings: list[_Mapping] = []


class _Connector(_Strict):
    inclusion_list: _InclusionList | None = None
    create_as: Text
    # 15 minutes: HubSpot checks both sides on that tick
    # (knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers).
    polling_interval: Text = "15m"
    hubspot_to_salesforce_delay: Text = "1m"
    mappings: list[_Mapping] = []
    owners: dict[Text, Text] = {}
    integration_user: Text | None = None
    sync_tasks: bool = False
    companies: _Companies | None = None
    deals: _Deals | None = None


# The operator decides how HubSpot's filter grammar reads the values.
_OPERATION_TYPES = {
    "IS_ANY_OF": "ENUMERATION",
    "IS_NONE_OF": "ENUMERATION",
    "IS_KNOWN": "ALL_PROPERTY",
    "IS_UNKNOWN": "ALL_PROPERTY",
    "IS_EQUAL_TO": "MULTISTRING",
    "IS_NOT_EQUAL_TO": "MULTISTRING",
    "CONTAINS": "MULTISTRING",
    "DOES_NOT_CONTAIN": "MULTISTRING",
    "STARTS_WITH": "MULTISTRING",
    "ENDS_WITH": "MULTISTRING",
    "IS_GREATER_THAN": "NUMBER",
    "IS_GREATER_THAN_OR_EQUAL_TO": "NUMBER",
    "IS_LESS_THAN": "NUMBER",
    "IS_LESS_THAN_OR_EQUAL_TO": "NUMBER",
    "IS_BETWEEN": "NUMBER_RANGED",
    "IS_NOT_BETWEEN": "NUMBER_RANGED",
}
_VALUE_COUNTS = {"ALL_PROPERTY": 0, "NUMBER": 1, "NUMBER_RANGED": 2}
_CREATE_AS = ("Lead", "Contact")


def load_connector(path: Path) -> ConnectorSettings:
    """Read and check connector.yaml; errors name the line (``connector.yaml:12``)."""
    data, index = load_yaml(path, DefinitionError)
    if not isinstance(data, dict):
        raise DefinitionError(
            "expected the connector settings as keys and values",
            file=path,
            line=index.line(()),
            expected="inclusion_list, create_as, polling_interval, "
            "hubspot_to_salesforce_delay, mappings, owners, integration_user, "
            "sync_tasks, companies, deals (see docs/formats.md)",
        )
    try:
        raw = _Connector.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, index, path, DefinitionError, _Connector) from None
    return _Reader(path, index).settings(raw)


class _Reader:
    """Turns validated YAML into the model, checking values pydantic cannot."""

    def __init__(self, path: Path, index: LineIndex) -> None:
        self.path, self.index = path, index

    def error(
        self,
        where: PathKey,
        message: str,
        expected: str | None = None,
        fix: str | None = None,
    ) -> DefinitionError:
        return DefinitionError(
            message,
            file=self.path,
            line=self.index.line(where),
            place=format_place(where),
            expected=expected,
            fix=fix,
        )

    def settings(self, raw: _Connector) -> ConnectorSettings:
        return ConnectorSettings(
            file=str(self.path),
            inclusion_list=self.inclusion_list(raw.inclusion_list),
            create_as=self.create_as(raw.create_as),
            polling_interval=self.duration(raw.polling_interval, "polling_interval"),
            hubspot_to_salesforce_delay=self.duration(
                raw.hubspot_to_salesforce_delay, "hubspot_to_salesforce_delay"
            ),
            mappings=self.mappings(raw.mappings, ("mappings",), bool(raw.owners)),
            owners=dict(raw.owners),
            integration_user=raw.integration_user,
            companies=self.companies(raw.companies),
            deals=self.deals(raw.deals),
            sync_tasks=raw.sync_tasks,
        )

    def mappings(
        self, raw: list[_Mapping], where: PathKey, owners: bool
    ) -> tuple[FieldMapping, ...]:
        mappings = tuple(self.mapping(m, (*where, i)) for i, m in enumerate(raw))
        for position, mapping in enumerate(mappings):
            if owners and mapping.hubspot == "hubspot_owner_id":
                raise self.error(
                    (*where, position, "hubspot"),
                    "the owner is mapped twice: here and under owners",
                    fix="remove this mapping; owners: matches the users",
                )
        return mappings

    def companies(self, raw: _Companies | None) -> CompanySync | None:
        if raw is None:
            return None
        return CompanySync(self.mappings(raw.mappings, ("companies", "mappings"), True))

    def deals(self, raw: _Deals | None) -> DealSync | None:
        if raw is None:
            return None
        where: PathKey = ("deals", "mappings")
        mappings = self.mappings(raw.mappings, where, True)
        for position, mapping in enumerate(mappings):
            if "dealstage" in (mapping.hubspot, mapping.salesforce) or (
                mapping.salesforce == "StageName"
            ):
                raise self.error(
                    (*where, position),
                    "the deal stage is mapped under deals.stages, not as a field",
                    expected="stages: {appointmentscheduled: Prospecting, …}",
                    fix="remove this mapping and list the stages under stages:",
                )
        if not raw.stages:
            raise self.error(
                ("deals", "stages"),
                "no deal stage is mapped",
                expected="each HubSpot deal stage id of the pipeline and its "
                "Salesforce StageName, such as closedwon: Closed Won",
            )
        stages, also = self.value_map(raw.stages, ("deals", "stages"))
        return DealSync(raw.pipeline, stages, mappings, also)

    def create_as(self, text: str) -> str:
        for choice in _CREATE_AS:
            if text.strip().lower() == choice.lower():
                return choice
        raise self.error(
            ("create_as",), f"unknown create_as {text!r}", " or ".join(_CREATE_AS)
        )

    def duration(self, text: str, key: str) -> timedelta:
        try:
            return parse_duration(text)
        except ValueError:
            raise self.error(
                (key,), f"{text!r} is not a duration", DURATION_HELP
            ) from None

    def mapping(self, raw: _Mapping, where: PathKey) -> FieldMapping:
        rule = sync_rule(raw.rule)
        if rule is None:
            raise self.error(
                (*where, "rule"),
                f"unknown sync rule {raw.rule!r}",
                expected="one of: "
                + ", ".join(
                    f'{rule.value} ("{label}")'
                    for rule, label in SYNC_RULE_LABELS.items()
                ),
            )
        values, also = self.value_map(raw.values, (*where, "values"))
        return FieldMapping(raw.hubspot, raw.salesforce, rule, values, also=also)

    def value_map(
        self, raw: dict[str, str | list[str]], where: PathKey
    ) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """HubSpot value → Salesforce value, and further Salesforce values."""
        first: dict[str, str] = {}
        also: dict[str, tuple[str, ...]] = {}
        for hubspot, salesforce in raw.items():
            if isinstance(salesforce, str):
                first[hubspot] = salesforce
                continue
            if not salesforce:
                raise self.error(
                    (*where, hubspot),
                    f"{hubspot!r} maps to no Salesforce value",
                    expected="a value, or a list of values (the first is sent)",
                )
            first[hubspot], also[hubspot] = salesforce[0], tuple(salesforce[1:])
        return first, also

    def inclusion_list(self, raw: _InclusionList | None) -> InclusionList | None:
        if raw is None:
            return None  # no inclusion list: every contact syncs
        if raw.list_id is None and raw.filter is None:
            raise self.error(
                ("inclusion_list",),
                "the inclusion list is empty",
                expected="a list_id, a filter, or both",
            )
        branch = None
        if raw.filter is not None:
            branch = FilterBranch(
                "OR", tuple(self.filter(f, i) for i, f in enumerate(raw.filter))
            )
        return InclusionList(raw.list_id, branch)

    def filter(self, raw: _Filter, position: int) -> PropertyFilter:
        where: PathKey = ("inclusion_list", "filter", position)
        operator = raw.operator.strip().upper()
        if operator not in _OPERATION_TYPES:
            raise self.error(
                (*where, "operator"),
                f"unknown operator {raw.operator!r}",
                expected="one of: " + ", ".join(_OPERATION_TYPES),
            )
        operation_type = _OPERATION_TYPES[operator]
        values = self.values(raw.values, operation_type, (*where, "values"))
        return PropertyFilter(raw.property, operator, operation_type, values)

    def values(
        self, values: list[str], operation_type: str, where: PathKey
    ) -> tuple[object, ...]:
        count = _VALUE_COUNTS.get(operation_type)
        if count is not None and len(values) != count:
            raise self.error(
                where, f"this operator takes {count} value(s), found {len(values)}"
            )
        if count is None and not values:
            raise self.error(where, "this operator needs at least one value")
        if operation_type.startswith("NUMBER"):
            for i, value in enumerate(values):
                if not re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
                    raise self.error((*where, i), f"{value!r} is not a number")
        return tuple(values)


def sync_rule(text: str) -> SyncRule | None:
    """A rule by its name (`two_way`) or its label ("Two-way"), any case."""
    wanted = _squash(text)
    for rule, label in SYNC_RULE_LABELS.items():
        if wanted in (_squash(rule.value), _squash(label)):
            return rule
    return None


def _squash(text: str) -> str:
    # "Don't sync", "dont_sync" and a typographic apostrophe are one rule.
    text = text.lower().replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")
