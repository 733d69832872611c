"""Faker fills a record's identity from the seed, and never over the set fields."""

from __future__ import annotations

from datetime import date

import pytest

from simulator.generate.identity import fill_fields, make_faker

OBJECTS = [
    ("hubspot", "contact", {"firstname", "lastname", "email", "company", "phone"}),
    ("hubspot", "company", {"name", "domain"}),
    ("hubspot", "deal", {"dealname"}),
    ("salesforce", "Lead", {"FirstName", "LastName", "Email", "Company", "Phone"}),
    ("salesforce", "Contact", {"FirstName", "LastName", "Email"}),
    ("salesforce", "Account", {"Name"}),
    ("salesforce", "Opportunity", {"Name", "CloseDate"}),
]


def identities(seed: int) -> list[dict[str, object]]:
    faker = make_faker(seed)
    return [fill_fields(system, obj, {}, faker) for system, obj, _ in OBJECTS]


@pytest.mark.parametrize(("system", "obj", "keys"), OBJECTS)
def test_each_object_gets_its_identity_fields(
    system: str, obj: str, keys: set[str]
) -> None:
    filled = fill_fields(system, obj, {}, make_faker(1))

    assert set(filled) == keys
    assert all(filled.values())


def test_the_same_seed_gives_the_same_identities() -> None:
    assert identities(7) == identities(7)


def test_another_seed_gives_other_identities() -> None:
    assert identities(7) != identities(8)


def test_a_faker_of_its_own_is_not_moved_by_other_fakers() -> None:
    first = make_faker(7)
    make_faker(7).first_name()  # another instance drawing must not shift this one

    assert fill_fields("hubspot", "contact", {}, first) == identities(7)[0]


@pytest.mark.parametrize("seed", range(5))
def test_emails_come_from_the_name_at_a_safe_domain(seed: int) -> None:
    filled = fill_fields("salesforce", "Lead", {}, make_faker(seed))
    local, domain = str(filled["Email"]).split("@")

    assert domain.endswith(".example.com")
    assert local.split(".")[0] == str(filled["FirstName"]).lower().replace("'", "")


def test_fields_the_scenario_sets_are_never_overwritten() -> None:
    given = {"firstname": "Ada", "email": "ada@nextforce.example", "phone": None}

    filled = fill_fields("hubspot", "contact", given, make_faker(1))

    assert {key: filled[key] for key in given} == given
    assert set(filled) == {"firstname", "lastname", "email", "company", "phone"}


def test_a_field_set_in_another_case_counts_as_set() -> None:
    filled = fill_fields("salesforce", "Lead", {"email": "x@y.example"}, make_faker(1))

    assert "Email" not in filled
    assert filled["email"] == "x@y.example"


def test_a_set_name_is_used_for_the_email_and_the_rest_do_not_change() -> None:
    drawn = fill_fields("hubspot", "contact", {}, make_faker(3))
    named = fill_fields(
        "hubspot",
        "contact",
        {"firstname": "Ada", "company": "Acme Corp"},
        make_faker(3),
    )

    assert (
        named["email"] == f"ada.{str(drawn['lastname']).lower()}@acme-corp.example.com"
    )
    assert (named["lastname"], named["phone"]) == (drawn["lastname"], drawn["phone"])


def test_a_company_domain_follows_its_name() -> None:
    filled = fill_fields(
        "hubspot", "company", {"name": "Moon-Wells & Co"}, make_faker(1)
    )

    assert filled["domain"] == "moon-wells-co.example.com"


def test_an_opportunity_closes_on_a_date_after_the_start() -> None:
    start = date(2026, 1, 5)
    filled = fill_fields("salesforce", "Opportunity", {}, make_faker(1), start=start)

    close = filled["CloseDate"]
    assert isinstance(close, date)
    assert 30 <= (close - start).days <= 120


def test_an_object_without_identity_fields_is_left_as_it_is() -> None:
    assert fill_fields("salesforce", "Task", {"Subject": "Call"}, make_faker(1)) == {
        "Subject": "Call"
    }
