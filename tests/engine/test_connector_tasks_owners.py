"""Tasks a HubSpot workflow creates, and owners matched user by user."""

from __future__ import annotations

from typing import Any

from hubspot_json import contact_flow, enum_filter, list_based, set_property
from model_folder import ModelFolder, assert_expectations_hold, record

OWNERS = """
    create_as: Lead
    mappings:
      - {hubspot: email, salesforce: Email, rule: two_way}
      - {hubspot: lastname, salesforce: LastName, rule: two_way}
    owners:
      "61234501": 005Hs00000NxF01AAF
      "61234502": 005Hs00000NxF02AAF
    integration_user: 005Hs00000NxF99AAF
    sync_tasks: SYNC_TASKS
    deals:
      pipeline: default
      stages: {appointmentscheduled: Prospecting}
      mappings:
        - {hubspot: dealname, salesforce: Name, rule: two_way}
        - {hubspot: closedate, salesforce: CloseDate, rule: two_way}
"""


def _connector(model: ModelFolder, sync_tasks: bool = True) -> None:
    model.connector(OWNERS.replace("SYNC_TASKS", str(sync_tasks).lower()))


def _call_new_leads() -> dict[str, Any]:
    task = {
        "type": "SINGLE_CONNECTION",
        "actionId": "1",
        "actionTypeVersion": 0,
        "actionTypeId": "0-3",
        "fields": {"task_type": "CALL", "subject": "Call the new lead"},
    }
    return contact_flow(
        "Call new leads",
        list_based([enum_filter("lifecyclestage", ["lead"])]),
        [task],
    )


ADA = """
          - alias: ada
            hubspot: contact
            fields: {email: ada@example.com, lastname: Lovelace,
                     lifecyclestage: lead, hubspot_owner_id: "61234502"}
"""


def test_with_task_sync_on_a_workflow_task_becomes_a_task_on_the_lead(
    model: ModelFolder,
):
    """With task sync on, a task a workflow creates for a synced contact is
    created in Salesforce as a Task on the contact's lead, owned by the
    matched owner.

    https://knowledge.hubspot.com/salesforce/manage-your-salesforce-integration-settings
    (HubSpot engagements and tasks sync to Salesforce tasks);
    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    (a task is a sync trigger when task sync is on)
    """
    _connector(model)
    model.hubspot_workflow(_call_new_leads())
    result = model.run(f"""
        name: a new lead gets a call task in Salesforce
        records:{ADA}
        expect:
          - record: ada
            system: salesforce
            action: task
            name: Call the new lead
            count: 1
    """)
    assert_expectations_hold(result)
    [task] = result.simulation.records.of("salesforce", "Task")
    lead = record(result, "ada", "salesforce")
    assert task.fields["WhoId"] == lead.id
    assert task.fields["OwnerId"] == "005Hs00000NxF02AAF"
    assert task.fields["Subject"] == "Call the new lead"


def test_with_task_sync_off_no_task_reaches_salesforce(model: ModelFolder):
    """Task sync is a setting; off, HubSpot tasks stay in HubSpot.

    https://knowledge.hubspot.com/salesforce/manage-your-salesforce-integration-settings
    """
    _connector(model, sync_tasks=False)
    model.hubspot_workflow(_call_new_leads())
    result = model.run(f"""
        name: the task stays in HubSpot
        records:{ADA}
        expect:
          - record: ada
            action: task
            count: 1
          - record: ada
            system: salesforce
            action: task
            count: 0
    """)
    assert_expectations_hold(result)
    assert result.simulation.records.of("salesforce", "Task") == []


def test_a_matched_owner_owns_the_new_lead(model: ModelFolder):
    """A HubSpot owner that matches a Salesforce user before the first sync
    owns the new lead.

    https://knowledge.hubspot.com/salesforce/assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals
    """
    _connector(model)
    result = model.run(f"""
        name: Luis owns Ada
        records:{ADA}
        expect:
          - record: ada
            system: salesforce
            field: OwnerId
            equals: 005Hs00000NxF02AAF
    """)
    assert_expectations_hold(result)


def test_an_owner_with_no_salesforce_user_leaves_the_new_lead_to_assignment_rules(
    model: ModelFolder,
):
    """An owner with no matching Salesforce user is not sent: Salesforce's lead
    assignment rules apply (revsim leaves OwnerId blank; it does not run
    them). No sync error.

    https://knowledge.hubspot.com/salesforce/assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals
    """
    _connector(model)
    result = model.run(f"""
        name: an owner Salesforce does not know
        records:{ADA.replace('"61234502"', '"61234599"')}
        expect:
          - record: ada
            system: salesforce
            field: OwnerId
            equals: null
    """)
    assert_expectations_hold(result)
    assert result.simulation.trace.findings == []


def test_an_owner_with_no_salesforce_user_goes_back_to_the_salesforce_owner(
    model: ModelFolder,
):
    """ "If HubSpot attempts to sync an owner that doesn't exist in Salesforce,
    the Owner ID field will reset to the last value from Salesforce."

    https://knowledge.hubspot.com/salesforce/assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals
    """
    _connector(model)
    result = model.run(f"""
        name: Ada is given to someone Salesforce does not know
        records:{ADA}
        journey:
          - at: 1h
            edit: {{record: ada, fields: {{hubspot_owner_id: "61234599"}}}}
        expect:
          - record: ada
            field: hubspot_owner_id
            sequence: ["61234502", "61234599", "61234502"]
          - record: ada
            system: salesforce
            field: OwnerId
            equals: 005Hs00000NxF02AAF
    """)
    assert_expectations_hold(result)


def test_an_owner_change_in_salesforce_reaches_hubspot_as_the_matched_owner(
    model: ModelFolder,
):
    """After the first sync, owner changes on either side sync to the other.

    https://knowledge.hubspot.com/salesforce/assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals
    """
    _connector(model)
    result = model.run(f"""
        name: Maya takes Ada over in Salesforce
        records:{ADA}
        journey:
          - at: 1h
            edit: {{record: ada, system: salesforce,
                   fields: {{OwnerId: 005Hs00000NxF01AAF}}}}
        expect:
          - record: ada
            field: hubspot_owner_id
            equals: "61234501"
    """)
    assert_expectations_hold(result)


def test_a_new_opportunity_without_a_matched_owner_goes_to_the_integration_user(
    model: ModelFolder,
):
    """A deal that creates an opportunity without a matched owner assigns it to
    the Salesforce integration user.

    https://knowledge.hubspot.com/salesforce/assignment-of-salesforce-owners-to-hubspot-contacts-companies-or-deals
    """
    _connector(model)
    result = model.run("""
        name: an unowned deal
        records:
          - alias: deal
            hubspot: deal
            fields: {dealname: Expansion, dealstage: appointmentscheduled,
                     pipeline: default, closedate: 2026-04-30}
        expect:
          - record: deal
            system: salesforce
            field: OwnerId
            equals: 005Hs00000NxF99AAF
    """)
    assert_expectations_hold(result)


def test_a_task_created_just_before_its_contact_syncs_follows_the_contact(
    model: ModelFolder,
):
    """A workflow creates a task, then qualifies the contact for the inclusion
    list: the task syncs with the contact's first sync, on its new lead.

    https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    (a task and joining the inclusion list are both sync triggers)
    """
    model.connector("""
        inclusion_list:
          filter:
            - {property: lifecyclestage, operator: IS_ANY_OF,
               values: [marketingqualifiedlead]}
        create_as: Lead
        mappings:
          - {hubspot: email, salesforce: Email, rule: two_way}
          - {hubspot: lastname, salesforce: LastName, rule: two_way}
        sync_tasks: true
    """)
    flow = _call_new_leads()
    flow["actions"][0]["connection"] = {"edgeType": "STANDARD", "nextActionId": "2"}
    flow["actions"].append(
        set_property("2", "lifecyclestage", "marketingqualifiedlead")
    )
    model.hubspot_workflow(flow)
    result = model.run(f"""
        name: the task and the lead arrive together
        records:{ADA}
        expect:
          - record: ada
            system: salesforce
            action: task
            name: Call the new lead
            count: 1
    """)
    assert_expectations_hold(result)
