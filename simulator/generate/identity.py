"""Names, emails, companies and phones for what a scenario leaves out, from a seed."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from faker import Faker

DEFAULT_START = date(2026, 1, 5)
DEAL_KINDS = ("New Business", "Renewal", "Expansion", "Upsell")
# Every address lands under example.com, which is reserved and never delivers.
SAFE_DOMAIN = "example.com"


class PersonKeys(NamedTuple):
    """The field names of a person on one platform; None where it has no such field."""

    first: str
    last: str
    email: str
    company: str | None
    phone: str | None


PERSON_KEYS = {
    ("hubspot", "contact"): PersonKeys(
        "firstname", "lastname", "email", "company", "phone"
    ),
    ("salesforce", "Lead"): PersonKeys(
        "FirstName", "LastName", "Email", "Company", "Phone"
    ),
    ("salesforce", "Contact"): PersonKeys("FirstName", "LastName", "Email", None, None),
}


def make_faker(seed: int) -> Faker:
    """An en_US Faker of its own, seeded so a scenario's identities never change."""
    faker = Faker("en_US")
    faker.seed_instance(seed)
    return faker


def fill_fields(
    system: str,
    object: str,
    fields: Mapping[str, object],
    faker: Faker,
    *,
    start: date = DEFAULT_START,
) -> dict[str, object]:
    """``fields`` with the identity fields it lacks filled in; set ones are kept.

    A field counts as set when the scenario names it, in any case and even as
    null. Each object draws the same values from ``faker`` whatever is set, so
    setting one field does not change the others.
    """
    draw = _DRAWS.get((system, object))
    filled = dict(fields)
    if draw is None:
        return filled
    given = {key.lower() for key in fields}
    for key, value in draw(faker, fields, start).items():
        if key.lower() not in given:
            filled[key] = value
    return filled


Draw = Callable[[Faker, Mapping[str, object], date], dict[str, object]]


def _person(keys: PersonKeys) -> Draw:
    def draw(faker: Faker, fields: Mapping[str, object], _: date) -> dict[str, object]:
        first = _value(fields, keys.first, faker.first_name())
        last = _value(fields, keys.last, faker.last_name())
        company = _value(fields, keys.company, faker.company())
        phone = faker.phone_number()
        drawn: dict[str, object] = {
            keys.first: first,
            keys.last: last,
            keys.email: email_address(first, last, company),
        }
        if keys.company:
            drawn[keys.company] = company
        if keys.phone:
            drawn[keys.phone] = phone
        return drawn

    return draw


def _hubspot_company(
    faker: Faker, fields: Mapping[str, object], _: date
) -> dict[str, object]:
    name = _value(fields, "name", faker.company())
    return {"name": name, "domain": company_domain(name)}


def _account(faker: Faker, fields: Mapping[str, object], _: date) -> dict[str, object]:
    return {"Name": faker.company()}


def _deal(faker: Faker, fields: Mapping[str, object], _: date) -> dict[str, object]:
    return {"dealname": f"{faker.company()} - {faker.random_element(DEAL_KINDS)}"}


def _opportunity(
    faker: Faker, fields: Mapping[str, object], start: date
) -> dict[str, object]:
    name = f"{faker.company()} - {faker.random_element(DEAL_KINDS)}"
    close = start + timedelta(days=faker.random_int(30, 120))
    return {"Name": name, "CloseDate": close}


_DRAWS: dict[tuple[str, str], Draw] = {
    **{key: _person(keys) for key, keys in PERSON_KEYS.items()},
    ("hubspot", "company"): _hubspot_company,
    ("hubspot", "deal"): _deal,
    ("salesforce", "Account"): _account,
    ("salesforce", "Opportunity"): _opportunity,
}


def email_address(first: str, last: str, company: str) -> str:
    """first.last at the company's domain under example.com."""
    local = ".".join(part for part in (_slug(first, ""), _slug(last, "")) if part)
    return f"{local or 'person'}@{company_domain(company)}"


def company_domain(company: str) -> str:
    """``Moon-Wells`` → ``moon-wells.example.com``: the company's own, but safe."""
    return f"{_slug(company, '-') or 'company'}.{SAFE_DOMAIN}"


def _slug(text: str, joiner: str) -> str:
    return joiner.join(re.findall(r"[a-z0-9]+", text.lower()))


def _value(fields: Mapping[str, object], key: str | None, drawn: str) -> str:
    """The scenario's value for ``key`` when it gives one, else the drawn one."""
    for name, value in fields.items():
        if key and name.lower() == key.lower() and value not in (None, ""):
            return str(value)
    return drawn
