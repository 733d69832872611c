"""HubSpot delays and execution windows, on the account's clock.

Scenarios start on Monday 2026-01-05 at 09:00 UTC. The account is in
Europe/Dublin (UTC in January) unless a test says otherwise, written as
GET /account-info/v3/details returns it:
https://developers.hubspot.com/docs/api-reference/latest/account/account-information/get-account-details
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hubspot_json import (
    contact_flow,
    delay,
    delay_until,
    delay_until_date,
    enum_filter,
    event_branch,
    list_based,
    send_email,
    static_branch,
    text_filter,
    wait_for_event,
)
from model_folder import ModelFolder, record

from simulator.engine.settings import EngineSettings
from simulator.runner import ScenarioResult

EVERY_LEAD = list_based([enum_filter("lifecyclestage", ["lead"])])
MONDAY_9 = datetime.fromisoformat("2026-01-05T09:00:00+00:00")
LEAD = """
records:
  - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
"""


def _dublin(model: ModelFolder, zone: str = "Europe/Dublin") -> None:
    model.hubspot_file("account.json", {"portalId": 62515, "timeZone": zone})


def _sent(result: ScenarioResult, name: str) -> list[timedelta]:
    return [
        a.time - result.scenario.start
        for a in result.simulation.trace.actions
        if a.kind == "email" and a.name == name
    ]


def test_a_delay_until_a_weekday_and_time_waits_for_the_next_one(model: ModelFolder):
    """ "Day of the week" and "Time of day" delays wait until the next such day
    and time (https://knowledge.hubspot.com/workflows/use-date-delays). From
    Monday 09:00: the next Thursday at 10:00 is 3 days and 1 hour later."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Thursday",
            EVERY_LEAD,
            [delay_until("1", "2", days=["THURSDAY"], hour=10), send_email("2", "t")],
        )
    )
    result = model.run("name: until Thursday 10:00\n" + LEAD)
    assert _sent(result, "t") == [timedelta(days=3, hours=1)]


def test_a_time_of_day_already_passed_today_waits_until_tomorrow(model: ModelFolder):
    """A time of day that has passed today is reached tomorrow (use-date-delays)."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "At 8", EVERY_LEAD, [delay_until("1", "2", hour=8), send_email("2", "t")]
        )
    )
    result = model.run("name: until 08:00\n" + LEAD)
    assert _sent(result, "t") == [timedelta(hours=23)]


def test_times_of_day_are_in_the_account_time_zone(model: ModelFolder):
    """A time of day is the account's (manage-workflow-settings: "based on your
    account's timezone"): 10:00 in New York is 15:00 UTC in January."""
    _dublin(model, "America/New_York")
    model.hubspot_workflow(
        contact_flow(
            "At 10", EVERY_LEAD, [delay_until("1", "2", hour=10), send_email("2", "t")]
        )
    )
    result = model.run("name: until 10:00 New York time\n" + LEAD)
    assert _sent(result, "t") == [timedelta(hours=6)]


def test_a_delay_until_a_calendar_date_waits_for_it_at_its_time_of_day(
    model: ModelFolder,
):
    """0-35 with a date (epoch ms) and time_of_day: the record goes on at that
    time on that date (use-date-delays; the docs' 0-35 example)."""
    _dublin(model)
    jan_8 = int(datetime.fromisoformat("2026-01-08T00:00:00+00:00").timestamp() * 1000)
    model.hubspot_workflow(
        contact_flow(
            "Launch day",
            EVERY_LEAD,
            [
                delay_until_date("1", "2", epoch_ms=jan_8, hour=12),
                send_email("2", "launch"),
            ],
        )
    )
    result = model.run("name: until the launch\n" + LEAD)
    assert _sent(result, "launch") == [timedelta(days=3, hours=3)]


def test_a_calendar_date_that_has_passed_lets_the_record_go_on_at_once(
    model: ModelFolder,
):
    """ "If a date has already passed when the record reaches the delay", the
    record continues (use-date-delays; shared reference hubspot.md, Delays)."""
    _dublin(model)
    past = int(datetime.fromisoformat("2025-12-01T00:00:00+00:00").timestamp() * 1000)
    model.hubspot_workflow(
        contact_flow(
            "Past",
            EVERY_LEAD,
            [delay_until_date("1", "2", epoch_ms=past), send_email("2", "late")],
        )
    )
    result = model.run("name: a passed date\n" + LEAD)
    assert _sent(result, "late") == [timedelta(0)]


def test_a_delay_until_a_date_property_moves_by_its_delta(model: ModelFolder):
    """0-35 on a date property with delta -7 days: a week before the renewal."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Renewal reminder",
            EVERY_LEAD,
            [
                delay_until_date("1", "2", prop="renewal_date", delta_days=-7, hour=9),
                send_email("2", "renew"),
            ],
        )
    )
    result = model.run("""
        name: renews on 2026-02-01
        until: 40d
        records:
          - alias: ada
            hubspot: contact
            fields: {lifecyclestage: lead, renewal_date: 2026-02-01}
    """)
    assert _sent(result, "renew") == [timedelta(days=20)]


def test_waiting_for_an_event_goes_on_when_it_comes_and_branches_on_it(
    model: ModelFolder,
):
    """0-29 waits until the event happens; a value-equals branch then reads its
    output hs_event_criteria_met, "true" (real exports; shared reference
    hubspot.md, 0-29 row)."""
    model.hubspot_workflow(_wait_then_branch())
    result = model.run("""
        name: clicks within the wait
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        journey:
          - {at: 2h, email_click: {record: ada, email: "5001"}}
    """)
    assert _sent(result, "clicked") == [timedelta(hours=2)]
    assert _sent(result, "no-click") == []


def test_waiting_for_an_event_ends_at_its_timeout_down_the_other_branch(
    model: ModelFolder,
):
    """expiration_minutes ends the wait: the output is not "true", so the
    branch takes its default, "Event criteria not met"."""
    model.hubspot_workflow(_wait_then_branch())
    result = model.run("""
        name: never clicks
        until: 5d
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
    """)
    assert _sent(result, "no-click") == [timedelta(days=1)]
    assert _sent(result, "clicked") == []


def _wait_then_branch() -> dict[str, object]:
    clicked = event_branch("4-666288", text_filter("hs_content_id", "5001"))
    met = {"type": "FIELD_DATA", "actionId": "1", "dataKey": "hs_event_criteria_met"}
    return contact_flow(
        "Wait for a click",
        EVERY_LEAD,
        [
            wait_for_event("1", clicked, "2", expiration_minutes=1440),
            static_branch(
                "2",
                met,
                [("true", "3")],
                default="4",
                default_name="Event criteria not met",
            ),
            send_email("3", "clicked"),
            send_email("4", "no-click"),
        ],
    )


WEEKDAYS_9_TO_17 = [
    {
        "day": day,
        "startTime": {"hour": 9, "minute": 0},
        "endTime": {"hour": 17, "minute": 0},
    }
    for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
]


def test_an_action_outside_the_execution_window_waits_for_it_to_open(
    model: ModelFolder,
):
    """ "When a record reaches an action outside the specified dates or time,
    the workflow will reschedule the action for the earliest available time on
    the next available day"
    (https://knowledge.hubspot.com/workflows/manage-workflow-settings). Ada
    enrols Monday 18:00: the email goes Tuesday 09:00."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Windowed", EVERY_LEAD, [send_email("1", "w")], timeWindows=WEEKDAYS_9_TO_17
        )
    )
    result = model.run("""
        name: enrols after hours
        records:
          - {alias: ada, hubspot: contact, at: 9h, fields: {lifecyclestage: lead}}
    """)
    assert _sent(result, "w") == [timedelta(hours=24)]


def test_business_days_defer_a_weekend_action_to_monday(model: ModelFolder):
    """With actions on business days only, "weekends still count towards the
    timing", but an action due on a weekend runs Monday
    (https://knowledge.hubspot.com/articles/kcs_article/workflows/how-does-the-execute-actions-on-business-days-only-workflows-setting-work).
    Friday 10:00 plus a 1-day delay is Saturday: the email goes Monday 09:00,
    the opening of Monday's window."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Business days",
            EVERY_LEAD,
            [delay("1", 1, "DAYS", then="2"), send_email("2", "b")],
            timeWindows=WEEKDAYS_9_TO_17,
        )
    )
    result = model.run("""
        name: enrols on Friday
        records:
          - {alias: ada, hubspot: contact, at: 97h, fields: {lifecyclestage: lead}}
    """)
    assert _sent(result, "b") == [timedelta(days=7)]


def test_with_same_time_rescheduling_a_weekend_action_keeps_its_time_of_day(
    model: ModelFolder,
):
    """window_reschedule = "same_time" (docs/settings.md): the 2017 business-days
    page's "defer execution to the same time on Monday". Saturday 10:00 → Monday
    10:00."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Business days",
            EVERY_LEAD,
            [delay("1", 1, "DAYS", then="2"), send_email("2", "b")],
            timeWindows=WEEKDAYS_9_TO_17,
        )
    )
    result = model.run(
        """
        name: enrols on Friday at 10:00
        records:
          - {alias: ada, hubspot: contact, at: 97h, fields: {lifecyclestage: lead}}
        """,
        EngineSettings(window_reschedule="same_time"),
    )
    assert _sent(result, "b") == [timedelta(days=7, hours=1)]


def test_delays_are_not_rescheduled_by_the_window_but_the_action_after_them_is(
    model: ModelFolder,
):
    """ "Delays and if/then branches are not rescheduled, but the following
    action will be" (manage-workflow-settings): a 1-hour delay from 16:30 ends
    at 17:30; the email after it waits for Tuesday 09:00."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Late",
            EVERY_LEAD,
            [delay("1", 60, "MINUTES", then="2"), send_email("2", "late")],
            timeWindows=WEEKDAYS_9_TO_17,
        )
    )
    result = model.run("""
        name: enrols at 16:30
        records:
          - {alias: ada, hubspot: contact, at: 450m, fields: {lifecyclestage: lead}}
    """)
    assert _sent(result, "late") == [timedelta(hours=24)]


def test_a_pause_date_moves_actions_to_the_next_available_day(model: ModelFolder):
    """On pause dates (blockedDates) "actions will reschedule to the next
    available day" (https://knowledge.hubspot.com/workflows/workflows-faq).
    Tuesday 6 January is paused: an action due then runs Wednesday."""
    _dublin(model)
    model.hubspot_workflow(
        contact_flow(
            "Paused",
            EVERY_LEAD,
            [delay("1", 1, "DAYS", then="2"), send_email("2", "p")],
            blockedDates=[{"dayOfMonth": 6, "month": "JANUARY"}],
        )
    )
    result = model.run("name: due on a pause date\n" + LEAD)
    assert _sent(result, "p") == [timedelta(hours=39)]


def test_without_an_account_file_the_account_is_in_eastern_time(model: ModelFolder):
    """ "If your HubSpot account does not have a set timezone, the workflow's
    timing settings will default to EST" (manage-workflow-settings): a 09:00
    window opens at 14:00 UTC in January."""
    model.hubspot_workflow(
        contact_flow(
            "Windowed", EVERY_LEAD, [send_email("1", "w")], timeWindows=WEEKDAYS_9_TO_17
        )
    )
    result = model.run("name: Monday 09:00 UTC is 04:00 in New York\n" + LEAD)
    assert _sent(result, "w") == [timedelta(hours=5)]
    assert record(result, "ada").created_at == MONDAY_9
