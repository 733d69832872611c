"""Date filters and "has ever been" filters decide on the virtual clock and history.

The operation types, time points and operators are those of the v4 OpenAPI
spec (PublicTimePointOperation, PublicRangedTimeOperation, PublicIndexedTimePoint,
PublicDatePoint, PublicPropertyReferencedTime), shared with the Lists filters:
https://developers.hubspot.com/docs/api-reference/crm-lists-v3/list-filters
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from simulator.hubspot.dates import FilterContext, instant
from simulator.hubspot.filters import filter_matches
from simulator.hubspot.model import DateFilter, PropertyFilter, TimePoint

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # a Wednesday
DUBLIN = ZoneInfo("Europe/Dublin")


def now(days: int = 0, hours: int = 0) -> TimePoint:
    offset = tuple((k, v) for k, v in (("days", days), ("hours", hours)) if v)
    return TimePoint("INDEXED", reference="NOW", offset=offset)


def holds(
    item: DateFilter | PropertyFilter,
    value: object,
    *,
    other: object = None,
    zone: ZoneInfo | None = None,
    history: dict[str, list[tuple[datetime, object]]] | None = None,
) -> bool:
    context = FilterContext(NOW, zone or UTC, history or {})
    return filter_matches(item, {"d": value, "other": other}, (), context=context)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 3, 2, 9, 0, tzinfo=UTC), True),  # two days ago
        (datetime(2026, 2, 28, 9, 0, tzinfo=UTC), False),  # four days ago
        (None, False),
    ],
)
def test_is_after_now_minus_three_days_is_evaluated_on_the_virtual_clock(
    value: object, expected: bool
) -> None:
    # "created less than 3 days ago": TIME_POINT IS_AFTER an INDEXED NOW point
    # moved by offset.days -3.
    recent = DateFilter("d", "IS_AFTER", "TIME_POINT", now(days=-3))
    assert holds(recent, value) is expected


def test_an_exclusive_endpoint_leaves_out_the_point_itself_and_inclusive_keeps_it() -> (
    None
):
    point = now(days=-3)
    exactly = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
    assert not holds(DateFilter("d", "IS_AFTER", "TIME_POINT", point), exactly)
    inclusive = DateFilter("d", "IS_AFTER", "TIME_POINT", point, None, True)
    assert holds(inclusive, exactly)


def test_today_starts_at_midnight_in_the_account_time_zone() -> None:
    # TODAY is the start of the day where the account is: 00:00 in Dublin.
    today = TimePoint("INDEXED", reference="TODAY")
    before_today = DateFilter("d", "IS_BEFORE", "TIME_POINT", today)
    last_night = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    assert holds(before_today, last_night, zone=DUBLIN)
    assert not holds(before_today, datetime(2026, 3, 4, 0, 30, tzinfo=UTC), zone=DUBLIN)


def test_is_between_two_points_includes_its_bounds_by_default() -> None:
    window = DateFilter(
        "d", "IS_BETWEEN", "TIME_RANGED", now(days=-7), now(), True, True
    )
    outside = DateFilter(
        "d", "IS_NOT_BETWEEN", "TIME_RANGED", now(days=-7), now(), True, True
    )
    assert holds(window, NOW) and holds(window, datetime(2026, 2, 25, 15, tzinfo=UTC))
    assert not holds(window, datetime(2026, 2, 20, tzinfo=UTC))
    assert holds(outside, datetime(2026, 2, 20, tzinfo=UTC))


def test_a_date_point_and_a_date_property_compare_on_the_calendar_day() -> None:
    # A date property is midnight UTC of its day (the CRM properties guide).
    march_4 = TimePoint("DATE", fields=(("year", 2026), ("month", 3), ("day", 4)))
    on_day = DateFilter("d", "IS_EQUAL_TO", "DATE", march_4)
    assert holds(on_day, date(2026, 3, 4), zone=DUBLIN)
    assert holds(on_day, "2026-03-04T18:00:00Z", zone=DUBLIN)
    assert not holds(on_day, date(2026, 3, 5), zone=DUBLIN)


def test_a_point_may_be_another_property_of_the_record() -> None:
    other = TimePoint("PROPERTY_REFERENCED", property="other")
    later = DateFilter("d", "IS_AFTER", "COMPARATIVE_DATE", other)
    assert holds(later, "2026-03-02", other="2026-03-01")
    assert not holds(later, "2026-03-01", other="2026-03-02")


def test_include_objects_with_no_value_set_lets_a_blank_date_pass() -> None:
    recent = DateFilter("d", "IS_AFTER", "TIME_POINT", now(days=-3))
    with_blanks = DateFilter(
        "d", "IS_AFTER", "TIME_POINT", now(days=-3), include_no_value=True
    )
    assert not holds(recent, None) and holds(with_blanks, None)


def test_property_values_read_as_moments_in_every_form_hubspot_and_yaml_use() -> None:
    moment = datetime(2026, 3, 4, tzinfo=UTC)
    assert instant(1772582400000) == moment  # epoch milliseconds
    assert instant("1772582400000") == moment
    assert instant(date(2026, 3, 4)) == moment  # a date: midnight UTC
    assert instant("2026-03-04T00:00:00Z") == moment
    assert instant("not a date") is None


def test_has_ever_been_looks_at_every_value_the_property_held() -> None:
    """A record that was once a customer "has ever been" one; "has never
    been" is the complement (legacy contact lists overview: historical
    versions of the operators,
    https://legacydocs.hubspot.com/docs/methods/lists/contact-lists-overview)."""
    history = {"d": [(NOW, "lead"), (NOW, "customer"), (NOW, "other")]}
    ever = PropertyFilter("d", "HAS_EVER_BEEN_ANY_OF", "ENUMERATION", ("customer",))
    never = PropertyFilter("d", "HAS_NEVER_BEEN_ANY_OF", "ENUMERATION", ("customer",))
    assert holds(ever, "other", history=history)
    assert not holds(never, "other", history=history)
    assert not holds(ever, "other", history={"d": [(NOW, "lead")]})
    assert holds(never, "other", history={"d": [(NOW, "lead")]})


def test_has_ever_contained_reads_text_history() -> None:
    history = {"d": [(NOW, "Acme Ltd"), (NOW, "Globex")]}
    ever = PropertyFilter("d", "HAS_EVER_CONTAINED", "STRING", ("acme",))
    assert holds(ever, "Globex", history=history)


def test_a_property_that_never_held_a_value_passes_only_with_no_value_set() -> None:
    never = PropertyFilter("d", "HAS_NEVER_BEEN_EQUAL_TO", "STRING", ("x",))
    blanks = PropertyFilter("d", "HAS_NEVER_BEEN_EQUAL_TO", "STRING", ("x",), True)
    assert not holds(never, None) and holds(blanks, None)
