"""The scenario model keeps its own rules when built in Python, not from a file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from simulator.scenario import Expectation, JourneyEvent, RecordSpec, Scenario

DESCRIBED = [
    (
        {"field": "lifecyclestage", "equals": "marketingqualifiedlead"},
        "ada.lifecyclestage at the end equals 'marketingqualifiedlead'",
    ),
    (
        {"system": "salesforce", "field": "Status", "at": "2d", "equals": "Open"},
        "ada.Status in Salesforce at 2d equals 'Open'",
    ),
    ({"field": "hubspotscore", "equals": 60}, "ada.hubspotscore at the end equals 60"),
    ({"field": "x", "equals": True}, "ada.x at the end equals true"),
    ({"field": "d", "equals": date(2026, 3, 31)}, "ada.d at the end equals 2026-03-31"),
    ({"field": "phone", "equals": None}, "ada.phone at the end is blank"),
    (
        {"field": "lifecyclestage", "sequence": ["lead", "customer"]},
        "ada.lifecyclestage takes the values 'lead', 'customer' in that order",
    ),
    ({"field": "lifecyclestage", "sequence": []}, "ada.lifecyclestage takes no value"),
    ({"action": "email"}, "ada gets at least 1 email action"),
    (
        {"action": "email", "name": "Welcome", "count": 1},
        "ada gets exactly 1 email action named 'Welcome'",
    ),
    ({"action": "task", "at_least": 2}, "ada gets at least 2 task actions"),
    ({"action": "alert", "count": 0}, "ada gets no alert action"),
    ({"entered": "Nurture"}, "ada enters 'Nurture' at least once"),
    ({"entered": "Nurture", "count": 1}, "ada enters 'Nurture' exactly once"),
    ({"entered": "Nurture", "count": 3}, "ada enters 'Nurture' exactly 3 times"),
    (
        {"system": "hubspot", "entered": "Nurture", "count": 0},
        "ada in HubSpot never enters 'Nurture'",
    ),
]


@pytest.mark.parametrize(("keys", "sentence"), DESCRIBED)
def test_every_check_describes_itself_in_words(
    keys: dict[str, object], sentence: str
) -> None:
    assert Expectation(record="ada", **keys).describe() == sentence  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keys", "check"),
    [
        ({"field": "f", "equals": None}, "equals"),
        ({"field": "f", "sequence": []}, "sequence"),
        ({"action": "stub"}, "action"),
        ({"entered": "Flow"}, "entered"),
    ],
)
def test_a_check_knows_which_kind_it_is(keys: dict[str, object], check: str) -> None:
    assert Expectation(record="ada", **keys).check == check  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "keys",
    [
        {},
        {"field": "f"},
        {"equals": 1},
        {"field": "f", "equals": 1, "entered": "Flow"},
        {"field": "f", "sequence": [], "at": "1d"},
        {"action": "email", "count": 1, "at_least": 1},
        {"entered": "Flow", "at_least": 1},
        {"entered": "Flow", "name": "x"},
        {"action": "sms"},
        {"entered": "Flow", "count": -1},
    ],
)
def test_a_check_that_is_not_exactly_one_thing_is_refused(
    keys: dict[str, object],
) -> None:
    with pytest.raises(ValidationError):
        Expectation(record="ada", **keys)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "keys",
    [
        {"kind": "form_submission", "record": "ada"},
        {"kind": "page_view", "record": "ada", "form": "f"},
        {"kind": "email_click", "record": "ada", "url": "u"},
        {"kind": "edit", "record": "ada", "fields": {}},
        {"kind": "stage_move", "record": "ada"},
        {"kind": "edit", "fields": {"x": 1}},
        {"kind": "wait", "record": "ada"},
        {"kind": "wait", "stage": "Won"},
        {"kind": "call", "record": "ada"},
    ],
)
def test_an_event_needs_what_its_kind_needs_and_nothing_else(
    keys: dict[str, object],
) -> None:
    with pytest.raises(ValidationError):
        JourneyEvent(at=timedelta(0), **keys)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "keys",
    [
        {"kind": "form_submission", "record": "ada", "form": "f"},
        {"kind": "page_view", "record": "ada", "url": "u"},
        {"kind": "email_click", "record": "ada", "email": "1001"},
        {"kind": "edit", "record": "ada", "system": "salesforce", "fields": {"x": 1}},
        {"kind": "stage_move", "record": "deal", "stage": "Won"},
        {"kind": "wait"},
    ],
)
def test_an_event_with_what_its_kind_needs_is_built(keys: dict[str, object]) -> None:
    assert JourneyEvent(at="1h", **keys).at == timedelta(hours=1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("system", "object", "ok"),
    [
        ("hubspot", "contact", True),
        ("hubspot", "deal", True),
        ("salesforce", "Task", True),
        ("hubspot", "Lead", False),
        ("salesforce", "contact", False),
        ("salesforce", "lead", False),
    ],
)
def test_a_record_object_belongs_to_its_platform(
    system: str, object: str, ok: bool
) -> None:
    def build() -> RecordSpec:
        return RecordSpec(alias="r", system=system, object=object)  # type: ignore[arg-type]

    if ok:
        assert build().object == object
    else:
        with pytest.raises(ValidationError):
            build()


def test_models_are_frozen_and_refuse_unknown_keys() -> None:
    spec = RecordSpec(alias="ada", system="hubspot", object="contact")

    with pytest.raises(ValidationError):
        spec.alias = "bob"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        RecordSpec(alias="ada", system="hubspot", object="contact", colour="red")  # type: ignore[call-arg]


def test_a_scenario_finds_its_records_by_alias() -> None:
    ada = RecordSpec(alias="ada", system="hubspot", object="contact")
    scenario = Scenario(name="s", records=[ada])

    assert scenario.record("ada") is ada
    with pytest.raises(KeyError):
        scenario.record("bob")


def test_a_scenario_needs_a_name_and_a_record() -> None:
    with pytest.raises(ValidationError):
        Scenario(name="", records=[])
