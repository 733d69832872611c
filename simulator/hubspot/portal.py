"""The HubSpot account's own settings: time zone, deal pipelines, property options.

Each comes from a file in the shape HubSpot's API returns it:

- ``account.json``: GET /account-info/v3/details, of which revsim reads
  ``timeZone`` (https://developers.hubspot.com/docs/api-reference/latest/account/account-information/get-account-details).
- ``pipelines.json``: GET /crm/v3/pipelines/deals, each stage's
  ``metadata.probability`` and ``metadata.isClosed``
  (https://developers.hubspot.com/docs/api/crm/pipelines).
- ``properties/<object>.json``: GET /crm/v3/properties/{objectType}, of
  which revsim reads the options of enumeration properties
  (https://developers.hubspot.com/docs/api/crm/properties).

Without them revsim uses HubSpot's defaults: the account in Eastern Time
("if your HubSpot account does not have a set timezone, the workflow's timing
settings will default to EST",
https://knowledge.hubspot.com/workflows/manage-workflow-settings), the
default deal pipeline, and the default lifecycle stages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from simulator.errors import DefinitionError
from simulator.hubspot.json_reader import JsonObject, Reader, at

ACCOUNT_FILE = "account.json"
PIPELINES_FILE = "pipelines.json"
PROPERTIES_FOLDER = "properties"
DEFAULT_TIME_ZONE = "America/New_York"
DEFAULT_PIPELINE = "default"

# The default lifecycle stages, in order (shared reference hubspot.md,
# "Lifecycle stage"; HubSpot/agent-cli-skills lifecycle-stage-progression.md).
LIFECYCLE_STAGES = (
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
)
# The default hs_lead_status options (HubSpot/agent-cli-skills
# lead-qualification/resources/lead-status-values.md).
LEAD_STATUSES = (
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "BAD_TIMING",
)


DEFAULT_OPTIONS = {"lifecyclestage": LIFECYCLE_STAGES, "hs_lead_status": LEAD_STATUSES}


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    label: str
    probability: float
    closed: bool

    @property
    def won(self) -> bool:
        """A closed stage at 100% is won (Closed Won)."""
        return self.closed and self.probability >= 1.0


@dataclass(frozen=True, slots=True)
class Pipeline:
    id: str
    label: str
    stages: tuple[Stage, ...]

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)


def _stage(stage_id: str, label: str, probability: float) -> Stage:
    return Stage(stage_id, label, probability, probability in (0.0, 1.0))


# HubSpot's default deal pipeline (shared reference hubspot.md, "Default deal
# pipeline"; third-party pages, consistent with the ids HubSpot's docs use).
DEFAULT_DEAL_PIPELINE = Pipeline(
    DEFAULT_PIPELINE,
    "Sales Pipeline",
    (
        _stage("appointmentscheduled", "Appointment Scheduled", 0.2),
        _stage("qualifiedtobuy", "Qualified To Buy", 0.4),
        _stage("presentationscheduled", "Presentation Scheduled", 0.6),
        _stage("decisionmakerboughtin", "Decision Maker Bought-In", 0.8),
        _stage("contractsent", "Contract Sent", 0.9),
        _stage("closedwon", "Closed Won", 1.0),
        _stage("closedlost", "Closed Lost", 0.0),
    ),
)


@dataclass(slots=True)
class Portal:
    """What a model folder says about the HubSpot account itself."""

    time_zone: str = DEFAULT_TIME_ZONE
    pipelines: dict[str, Pipeline] = field(
        default_factory=lambda: {DEFAULT_PIPELINE: DEFAULT_DEAL_PIPELINE}
    )
    # (object, property) → its options, in display order.
    options: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    pipelines_file: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def lifecycle_stages(self, object_name: str = "contact") -> tuple[str, ...]:
        return self.options.get((object_name, "lifecyclestage"), LIFECYCLE_STAGES)

    def options_of(self, object_name: str, name: str) -> tuple[str, ...]:
        """An enumeration property's options; () when revsim does not know them."""
        found = self.options.get((object_name, name))
        if found is not None:
            return found
        if object_name == "contact":
            return DEFAULT_OPTIONS.get(name, ())
        return ()

    def stage(self, pipeline: object, stage: object) -> Stage | None:
        """A deal stage by its pipeline (default when blank) and its id."""
        chosen = self.pipelines.get(str(pipeline or DEFAULT_PIPELINE))
        return chosen.stage(str(stage)) if chosen and stage else None


def add_portal_file(portal: Portal, path: Path) -> bool:
    """Read ``path`` into ``portal`` if it is one of its files; False otherwise."""
    if path.name == ACCOUNT_FILE:
        portal.time_zone = _time_zone(path)
    elif path.name == PIPELINES_FILE:
        portal.pipelines = _pipelines(path)
        portal.pipelines_file = str(path)
    elif path.parent.name == PROPERTIES_FOLDER and path.suffix == ".json":
        portal.options.update(_options(path))
    else:
        return False
    return True


def _load(path: Path, expected: str) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise DefinitionError(
            f"cannot read the file: {exc}", file=path, expected=expected
        ) from None


def _time_zone(path: Path) -> str:
    expected = '{"timeZone": "Europe/Dublin", …} as GET /account-info/v3/details'
    r = Reader(str(path))
    data = r.obj(_load(path, expected), "")
    name = r.text(data, "timeZone", "")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        r.fail(
            "timeZone",
            f"{name!r} is not a time zone",
            expected="an IANA time zone id, such as America/New_York or Europe/Dublin",
        )
    return name


def _pipelines(path: Path) -> dict[str, Pipeline]:
    expected = '{"results": [{"id": …, "stages": […]}]} as GET /crm/v3/pipelines/deals'
    r = Reader(str(path))
    data = r.obj(_load(path, expected), "")
    results = r.array(data, "results", "")
    if not results:
        r.fail("results", "no pipelines", expected=expected)
    pipelines = [_pipeline(r, item, at("results", i)) for i, item in enumerate(results)]
    return {pipeline.id: pipeline for pipeline in pipelines}


def _pipeline(r: Reader, value: object, place: str) -> Pipeline:
    data = r.obj(value, place)
    stages = tuple(
        _read_stage(r, item, at(at(place, "stages"), i))
        for i, item in enumerate(r.array(data, "stages", place))
    )
    return Pipeline(
        r.ident(data, "id", place), r.text(data, "label", place, ""), stages
    )


def _read_stage(r: Reader, value: object, place: str) -> Stage:
    """metadata values are text in the API ("0.2", "true"); numbers are read too."""
    data = r.obj(value, place)
    metadata: JsonObject = r.obj(data.get("metadata") or {}, at(place, "metadata"))
    raw = metadata.get("probability", "0")
    try:
        probability = float(str(raw))
    except ValueError:
        r.fail(at(at(place, "metadata"), "probability"), f"not a number: {raw!r}")
    if not 0.0 <= probability <= 1.0:
        r.fail(
            at(at(place, "metadata"), "probability"),
            f"{probability} is not a probability",
            expected="a number from 0.0 to 1.0",
        )
    closed = metadata.get("isClosed")
    is_closed = (
        str(closed).lower() == "true" if closed is not None else probability in (0, 1)
    )
    return Stage(
        r.ident(data, "id", place),
        r.text(data, "label", place, ""),
        probability,
        is_closed,
    )


_OBJECTS = {"contacts": "contact", "companies": "company", "deals": "deal"}


def _options(path: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """Enumeration properties' options, in display order, by object and name."""
    expected = (
        '{"results": [{"name": …, "options": [{"value": …}]}]} as '
        "GET /crm/v3/properties/{objectType}"
    )
    r = Reader(str(path))
    data = r.obj(_load(path, expected), "")
    object_name = _OBJECTS.get(path.stem, path.stem.rstrip("s"))
    found = {}
    for i, item in enumerate(r.array(data, "results", "")):
        prop = r.obj(item, at("results", i))
        options = r.array(prop, "options", at("results", i))
        if not options:
            continue
        ordered = sorted(
            (
                r.obj(o, at(at(at("results", i), "options"), j))
                for j, o in enumerate(options)
            ),
            key=lambda option: _order(option.get("displayOrder")),
        )
        values = tuple(str(option.get("value", "")) for option in ordered)
        found[(object_name, r.text(prop, "name", at("results", i)))] = values
    return found


def _order(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
