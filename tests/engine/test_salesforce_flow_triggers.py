"""Record-triggered flows: when they start, what they see, what they save later."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from model_folder import ModelFolder, assert_expectations_hold, changes, entries
from salesforce_xml import (
    assignment,
    boolean,
    condition,
    create_task,
    decision,
    number,
    record_triggered_flow,
    ref,
    scheduled_path,
    start_filter,
    text,
    update_records,
    update_triggering_record,
)


def _after_save(
    label: str, when: str, first: str | None, elements: str, **start: Any
) -> str:
    """An after-save flow on Opportunity."""
    return record_triggered_flow(
        label,
        "Opportunity",
        timing="RecordAfterSave",
        when=when,
        first=first,
        elements=elements,
        **start,
    )


def test_an_after_save_flow_sees_the_prior_values_in_record_prior(
    model: ModelFolder,
):
    """$Record__Prior holds the record as it was before the triggering update,
    so a decision can compare the old stage with the new one.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    ($Record / $Record__Prior). Only the deal won from Negotiation/Review gets
    the task; the one won straight from Prospecting does not.
    """
    was_negotiating = condition(
        "$Record__Prior.StageName", "EqualTo", text("Negotiation/Review")
    )
    is_won = condition("$Record.StageName", "EqualTo", text("Closed Won"))
    model.flow(
        "Opportunity_Won_From_Negotiation",
        _after_save(
            "Won from negotiation",
            "Update",
            "Prior_Stage",
            decision(
                "Prior_Stage", [("From_Negotiation", [was_negotiating, is_won], "Log")]
            )
            + create_task("Log", "Won after negotiation"),
        ),
    )
    result = model.run("""
        name: prior stage decides
        records:
          - alias: negotiated
            salesforce: Opportunity
            fields: {Name: Negotiated, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31}
          - alias: direct
            salesforce: Opportunity
            fields: {Name: Direct, StageName: Prospecting, CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: negotiated, stage: Closed Won}
          - at: 1h
            stage_move: {record: direct, stage: Closed Won}
        expect:
          - record: negotiated
            action: task
            name: Won after negotiation
            count: 1
          - record: direct
            action: task
            count: 0
    """)
    assert_expectations_hold(result)


def test_is_changed_is_false_when_a_record_is_created(model: ModelFolder):
    """IsChanged compares $Record with $Record__Prior and is always false on
    create: a flow on "StageName Is Changed" runs for the stage move only.

    https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
    """
    model.flow(
        "Opportunity_Stage_Changed",
        _after_save(
            "Stage changed",
            "CreateAndUpdate",
            "Log",
            create_task("Log", "Stage changed"),
            filters=[start_filter("StageName", "IsChanged", boolean(True))],
        ),
    )
    model.flow(
        "Opportunity_Stage_Changed_Decision",
        _after_save(
            "Stage changed (decision)",
            "CreateAndUpdate",
            "Changed",
            decision(
                "Changed",
                [
                    (
                        "Yes",
                        [condition("$Record.StageName", "IsChanged", boolean(True))],
                        "Log_Decision",
                    )
                ],
            )
            + create_task("Log_Decision", "Stage changed (decision)"),
        ),
    )
    result = model.run("""
        name: created, then moved
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Qualification}
        expect:
          - record: deal
            entered: Stage changed
            count: 1
          - record: deal
            action: task
            name: Stage changed
            count: 1
          - record: deal
            action: task
            name: Stage changed (decision)
            count: 1
    """)
    assert_expectations_hold(result)


def _big_deal_flow(when: str) -> str:
    return _after_save(
        "Big deal",
        when,
        "Log",
        create_task("Log", "Big deal"),
        filters=[start_filter("Amount", "GreaterThan", number(100000))],
        only_when_changed_to_meet=True,
    )


def test_only_when_updated_to_meet_the_condition_runs_once_on_the_change(
    model: ModelFolder,
):
    """With "Only when a record is updated to meet the condition requirements"
    (doesRequireRecordChangedToMeetCriteria) the flow runs on the update that
    makes the conditions true, not on later updates while they stay true.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    model.flow("Opportunity_Big_Deal", _big_deal_flow("Update"))
    result = model.run("""
        name: amount crosses 100k, then grows
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Amount: 5000}
        journey:
          - at: 1h
            edit: {record: deal, fields: {Amount: 200000}}
          - at: 2h
            edit: {record: deal, fields: {Amount: 300000}}
        expect:
          - record: deal
            entered: Big deal
            count: 1
          - record: deal
            action: task
            name: Big deal
            count: 1
    """)
    assert_expectations_hold(result)
    [entered] = entries(result, "enrolled", "deal")
    assert entered.time - result.scenario.start == timedelta(hours=1)


def test_only_when_updated_to_meet_the_condition_runs_on_a_create_that_meets_it(
    model: ModelFolder,
):
    """On create there is no prior state: the option acts as plain conditions,
    so a record created meeting them starts the flow (and a later update while
    they stay true does not).

    Shared reference salesforce.md (a), FlowStart
    doesRequireRecordChangedToMeetCriteria;
    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    """
    model.flow("Opportunity_Big_Deal", _big_deal_flow("CreateAndUpdate"))
    result = model.run("""
        name: created big
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Amount: 250000}
        journey:
          - at: 1h
            edit: {record: deal, fields: {Amount: 300000}}
        expect:
          - record: deal
            entered: Big deal
            count: 1
    """)
    assert_expectations_hold(result)


def test_a_create_flow_runs_on_create_and_an_update_flow_on_update(
    model: ModelFolder,
):
    """recordTriggerType Create starts the flow when a record is created,
    Update when it is updated; neither starts on the other.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (FlowStart recordTriggerType).
    """
    model.flow(
        "Opportunity_On_Create",
        _after_save("On create", "Create", "Log", create_task("Log", "Created")),
    )
    model.flow(
        "Opportunity_On_Update",
        _after_save("On update", "Update", "Log", create_task("Log", "Updated")),
    )
    result = model.run("""
        name: one edited, one not
        records:
          - alias: edited
            salesforce: Opportunity
            fields: {Name: Edited, StageName: Prospecting, CloseDate: 2026-03-31}
          - alias: untouched
            salesforce: Opportunity
            fields: {Name: Untouched, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1h
            stage_move: {record: edited, stage: Qualification}
        expect:
          - record: edited
            entered: On create
            count: 1
          - record: edited
            entered: On update
            count: 1
          - record: untouched
            entered: On create
            count: 1
          - record: untouched
            entered: On update
            count: 0
          - record: untouched
            action: task
            name: Updated
            count: 0
    """)
    assert_expectations_hold(result)


def test_an_after_save_flow_that_updates_another_record_saves_it(
    model: ModelFolder,
):
    """Update Records by filter in an after-save flow is a DML update: the
    other record goes through its own save order (here, its before-save flow).

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (FlowRecordUpdate with object and filters) and the order of execution,
    "the affected record goes through the save procedure":
    https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
    """
    model.flow(
        "Opportunity_Closed_Won",
        _after_save(
            "Closed won",
            "Update",
            "Mark_Customer",
            update_records(
                "Mark_Customer",
                "Account",
                [start_filter("Id", "EqualTo", ref("$Record.AccountId"))],
                [("Type", text("Customer"))],
            ),
            filters=[start_filter("StageName", "EqualTo", text("Closed Won"))],
            only_when_changed_to_meet=True,
        ),
    )
    model.flow(
        "Account_Customer_Rating",
        record_triggered_flow(
            "Customer rating",
            "Account",
            timing="RecordBeforeSave",
            when="Update",
            first="Hot",
            filters=[start_filter("Type", "EqualTo", text("Customer"))],
            elements=assignment("Hot", [("$Record.Rating", text("Hot"))]),
        ),
    )
    result = model.run("""
        name: a won deal makes its account a customer
        records:
          - alias: acme
            salesforce: Account
            fields: {Name: Acme, Industry: Manufacturing}
          - alias: other
            salesforce: Account
            fields: {Name: Other Co}
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Acme Expansion, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31, AccountId: acme}
        journey:
          - at: 1h
            stage_move: {record: deal, stage: Closed Won}
        expect:
          - record: acme
            field: Type
            at: 1h
            equals: Customer
          - record: acme
            field: Rating
            equals: Hot
          - record: acme
            entered: Customer rating
            count: 1
          - record: other
            field: Type
            equals: null
    """)
    assert_expectations_hold(result)
    [marked] = changes(result, "acme", "Type")
    assert (marked.cause.name, marked.cause.element) == ("Closed won", "Mark_Customer")


NEGOTIATION = [start_filter("StageName", "EqualTo", text("Negotiation/Review"))]


def test_a_scheduled_path_runs_at_its_offset_and_is_dropped_when_the_record_no_longer_qualifies(  # noqa: E501
    model: ModelFolder,
):
    """A scheduled path runs its offset after the record met the entry
    conditions; an update that makes the record fail them removes the pending
    path.

    https://help.salesforce.com/s/articleView?id=platform.flow_concepts_trigger_scheduled_path.htm
    and shared reference salesforce.md (c), "Scheduled paths". A path 2 days
    after entry: the deal that stays in negotiation gets its NextStep at 2d
    (blank one second before); the one closed lost at 1d never does.
    """
    model.flow(
        "Opportunity_Negotiation_Chaser",
        _after_save(
            "Negotiation chaser",
            "CreateAndUpdate",
            None,
            update_triggering_record(
                "Chase", [("NextStep", text("Chase the signature"))]
            ),
            filters=NEGOTIATION,
            only_when_changed_to_meet=True,
            scheduled_paths=scheduled_path("Two_Days", "Chase", 2, "Days"),
        ),
    )
    result = model.run("""
        name: one deal waits, one is lost
        until: 5d
        records:
          - alias: waiting
            salesforce: Opportunity
            fields: {Name: Waiting, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31}
          - alias: lost
            salesforce: Opportunity
            fields: {Name: Lost, StageName: Negotiation/Review,
                     CloseDate: 2026-03-31}
        journey:
          - at: 1d
            stage_move: {record: lost, stage: Closed Lost}
        expect:
          - record: waiting
            field: NextStep
            at: 172799s
            equals: null
          - record: waiting
            field: NextStep
            at: 2d
            equals: Chase the signature
          - record: lost
            field: NextStep
            equals: null
    """)
    assert_expectations_hold(result)
    [dropped] = entries(result, "unscheduled", "lost")
    assert "no longer meets the flow's entry conditions" in dropped.message
    assert list(entries(result, "unscheduled", "waiting")) == []


def test_a_decision_outcome_that_needs_the_change_to_meet_it_is_taken_once(
    model: ModelFolder,
):
    """A decision outcome with doesRequireRecordChangedToMeetCriteria is taken
    only when the triggering update makes its conditions true: on the update
    to 200,000, not on the later one to 300,000.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (FlowRule doesRequireRecordChangedToMeetCriteria)
    """
    big = condition("$Record.Amount", "GreaterThan", number(100000))
    model.flow(
        "Opportunity_Became_Big",
        _after_save(
            "Became big",
            "Update",
            "Size",
            decision("Size", [("Big", [big], "Log")], changed_to_meet=("Big",))
            + create_task("Log", "Became big"),
        ),
    )
    result = model.run("""
        name: amount crosses 100k, then grows
        records:
          - alias: deal
            salesforce: Opportunity
            fields: {Name: Deal, StageName: Prospecting, CloseDate: 2026-03-31,
                     Amount: 5000}
        journey:
          - at: 1h
            edit: {record: deal, fields: {Amount: 200000}}
          - at: 2h
            edit: {record: deal, fields: {Amount: 300000}}
        expect:
          - record: deal
            entered: Became big
            count: 2
          - record: deal
            action: task
            name: Became big
            count: 1
    """)
    assert_expectations_hold(result)


def test_a_scheduled_path_timed_from_a_field_runs_offset_from_its_value(
    model: ModelFolder,
):
    """A scheduled path with timeSource RecordField runs offsetNumber units
    from the field's value (negative: before it); with the field blank the
    path is not scheduled.

    https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
    (FlowScheduledPath) and
    https://help.salesforce.com/s/articleView?id=platform.flow_concepts_trigger_scheduled_path.htm
    The demo is at 2026-01-07 10:00 UTC (2d 1h after the start); one hour
    before, at 2d, NextStep is set.
    """
    model.flow(
        "Opportunity_Demo_Reminder",
        _after_save(
            "Demo reminder",
            "Create",
            None,
            update_triggering_record(
                "Remind", [("NextStep", text("Prepare the demo"))]
            ),
            scheduled_paths=scheduled_path(
                "Before_Demo", "Remind", -1, "Hours", field="Demo_At__c"
            ),
        ),
    )
    result = model.run("""
        name: a demo is booked, another deal has none
        until: 5d
        records:
          - alias: booked
            salesforce: Opportunity
            fields: {Name: Booked, StageName: Prospecting, CloseDate: 2026-03-31,
                     Demo_At__c: 2026-01-07T10:00:00Z}
          - alias: unbooked
            salesforce: Opportunity
            fields: {Name: Unbooked, StageName: Prospecting,
                     CloseDate: 2026-03-31}
        expect:
          - record: booked
            field: NextStep
            at: 172799s
            equals: null
          - record: booked
            field: NextStep
            at: 2d
            equals: Prepare the demo
          - record: unbooked
            field: NextStep
            equals: null
    """)
    assert_expectations_hold(result)
    [not_queued] = entries(result, "scheduled", "unbooked")
    assert "not queued: Demo_At__c is blank" in not_queued.message
