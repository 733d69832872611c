"""Scheduled paths that move, and the path that runs right after the commit.

Sources: scheduled paths,
https://help.salesforce.com/s/articleView?id=platform.flow_concepts_trigger_scheduled_path.htm
(a path timed from a record field is rescheduled when the field changes:
shared reference salesforce.md (c), "Scheduled paths"); FlowScheduledPath
pathType AsyncAfterCommit, the "Run Asynchronously" path, in META-FLOW,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
order of execution, step 20 (after the commit, "run asynchronous paths of
record-triggered flows"),
https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
"""

from __future__ import annotations

from model_folder import ModelFolder, assert_expectations_hold, changes, entries
from salesforce_xml import (
    async_path,
    record_triggered_flow,
    scheduled_path,
    start_filter,
    text,
    update_triggering_record,
)


def _reminder_flow(paths: str, first: str | None = None) -> str:
    return record_triggered_flow(
        "Demo reminder",
        "Opportunity",
        timing="RecordAfterSave",
        when="CreateAndUpdate",
        first=first,
        filters=[start_filter("StageName", "EqualTo", text("Prospecting"))],
        only_when_changed_to_meet=True,
        elements=update_triggering_record(
            "Remind", [("NextStep", text("Prepare the demo"))]
        ),
        scheduled_paths=paths,
    )


def test_a_scheduled_path_is_rescheduled_when_its_time_source_field_changes(
    model: ModelFolder,
):
    """The demo moves from 2026-01-07 to 2026-01-09 10:00 UTC: the path one
    hour before it moves too, and runs once, at the new time."""
    model.flow(
        "Opportunity_Demo_Reminder",
        _reminder_flow(
            scheduled_path("Before_Demo", "Remind", -1, "Hours", field="Demo_At__c")
        ),
    )
    result = model.run("""
        name: the demo moves
        until: 6d
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-03-31,
                     Demo_At__c: 2026-01-07T10:00:00Z}
        journey:
          - at: 1d
            edit: {record: deal, fields: {Demo_At__c: 2026-01-09T10:00:00Z}}
        expect:
          - {record: deal, field: NextStep, at: 3d, equals: null}
          - {record: deal, field: NextStep, at: 4d, equals: Prepare the demo}
          - {record: deal, field: NextStep, sequence: [Prepare the demo]}
    """)
    assert_expectations_hold(result)
    [moved] = entries(result, "rescheduled", "deal")
    assert "2026-01-09 09:00" in moved.message


def test_a_run_asynchronously_path_runs_right_after_the_commit(model: ModelFolder):
    """The AsyncAfterCommit path runs at the same moment, after the save
    commits, in a transaction of its own: its update is a second save."""
    model.flow("Opportunity_Demo_Reminder", _reminder_flow(async_path("Remind")))
    result = model.run("""
        name: the async path
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-03-31}
        expect:
          - {record: deal, field: NextStep, at: 0m, equals: Prepare the demo}
    """)
    assert_expectations_hold(result)
    [step] = changes(result, "deal", "NextStep")
    assert step.cause.element == "Remind"
    [queued] = entries(result, "scheduled", "deal")
    assert "runs asynchronously after the commit" in queued.message


def test_scheduled_path_offsets_in_minutes_hours_days_and_months(model: ModelFolder):
    """offsetUnit Minutes, Hours, Days and Months (API 56+), from the time
    the record met the conditions; a month keeps the day of the month."""
    paths = "".join(
        scheduled_path(f"In_{unit}", f"Set_{unit}", number, unit)
        for unit, number in (("Minutes", 30), ("Hours", 5), ("Days", 2), ("Months", 1))
    )
    elements = "".join(
        update_triggering_record(f"Set_{unit}", [(field, text("done"))])
        for unit, field in (
            ("Minutes", "NextStep"),
            ("Hours", "Description"),
            ("Days", "LeadSource"),
            ("Months", "Type"),
        )
    )
    model.flow(
        "Opportunity_Offsets",
        record_triggered_flow(
            "Offsets",
            "Opportunity",
            timing="RecordAfterSave",
            when="Create",
            first=None,
            elements=elements,
            scheduled_paths=paths,
        ),
    )
    result = model.run("""
        name: four offsets
        until: 40d
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme, StageName: Prospecting, CloseDate: 2026-03-31}
        expect:
          - {record: deal, field: NextStep, at: 29m, equals: null}
          - {record: deal, field: NextStep, at: 30m, equals: done}
          - {record: deal, field: Description, at: 299m, equals: null}
          - {record: deal, field: Description, at: 5h, equals: done}
          - {record: deal, field: LeadSource, at: 47h, equals: null}
          - {record: deal, field: LeadSource, at: 2d, equals: done}
          - {record: deal, field: Type, at: 30d, equals: null}
          - {record: deal, field: Type, at: 31d, equals: done}
    """)
    assert_expectations_hold(result)
