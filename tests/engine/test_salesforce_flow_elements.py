"""Flow elements on related records: loops, collections, deletes, subflows,
custom errors and transforms, run by after-save and before-save flows.

Source for every element: the Flow metadata reference (META-FLOW: FlowLoop,
FlowCollectionProcessor, FlowRecordDelete, FlowSubflow, FlowCustomError,
FlowTransform, FlowAssignmentOperator),
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
assignment operators:
https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_assignment.htm
each write to another record runs that record's own save order (order of
execution, step 13),
https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm
"""

from __future__ import annotations

from model_folder import ModelFolder, assert_expectations_hold, findings, record
from salesforce_xml import (
    assignment,
    autolaunched_flow,
    boolean,
    collection_filter,
    collection_sort,
    condition,
    create_records,
    custom_error,
    decision,
    delete_records,
    get_records,
    loop,
    number,
    record_triggered_flow,
    ref,
    start_filter,
    subflow,
    text,
    update_records,
    update_triggering_record,
    validation_rule,
    variable,
)

ACCOUNT_WITH_CONTACTS = """
    name: {name}
    records:
      - alias: acme
        salesforce: Account
        fields: {{Name: Acme, Rating: Cold}}
      - alias: ada
        salesforce: Contact
        at: 1m
        fields: {{LastName: Ada, AccountId: acme, Department: Sales}}
      - alias: bob
        salesforce: Contact
        at: 2m
        fields: {{LastName: Bob, AccountId: acme, Department: Finance}}
      - alias: cy
        salesforce: Contact
        at: 3m
        fields: {{LastName: Cy, AccountId: acme, Department: Sales}}
    journey:
      - at: 1h
        edit: {{record: acme, fields: {{Rating: Hot}}}}
    expect: []
"""
ACCOUNT_IS_HOT = [start_filter("Rating", "EqualTo", text("Hot"))]
GET_CONTACTS = get_records(
    "Get_Contacts",
    "Contact",
    [start_filter("AccountId", "EqualTo", ref("$Record.Id"))],
    "Each_Contact",
    sort=("LastName", "Asc"),
)


def _account_flow(label: str, elements: str, first: str = "Get_Contacts") -> str:
    return record_triggered_flow(
        label,
        "Account",
        timing="RecordAfterSave",
        when="Update",
        first=first,
        filters=ACCOUNT_IS_HOT,
        only_when_changed_to_meet=True,
        elements=elements,
    )


def test_a_loop_runs_its_body_for_each_item_then_leaves_by_no_more_values(
    model: ModelFolder,
):
    """A loop assigns each item in turn and follows nextValueConnector; after
    the last item it follows noMoreValuesConnector. Add appends to a
    collection, AssignCount counts it, Add on text appends, and Update
    Records on the collection saves every contact."""
    elements = (
        GET_CONTACTS
        + variable("names", "String")
        + variable("toUpdate", "SObject", collection=True, object_type="Contact")
        + variable("howMany", "Number")
        + loop("Each_Contact", "Get_Contacts", "Mark", "Count", variable_name="c")
        + assignment("Mark", [("c.Title", text("Hot account"))], "Collect")
        + assignment(
            "Collect",
            [("toUpdate", ref("c")), ("names", ref("c.LastName"))],
            "Each_Contact",
            operator="Add",
        )
        + assignment(
            "Count", [("howMany", ref("toUpdate"))], "Save", operator="AssignCount"
        )
        + "<recordUpdates><name>Save</name><label>Save</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<connector><targetReference>Note</targetReference></connector>"
        "<inputReference>toUpdate</inputReference></recordUpdates>"
        + update_triggering_record(
            "Note",
            [("Description", ref("names")), ("NumberOfEmployees", ref("howMany"))],
        )
    )
    model.flow("Account_Hot_Contacts", _account_flow("Hot contacts", elements))
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="loop over contacts"))
    assert_expectations_hold(result)
    for alias in ("ada", "bob", "cy"):
        assert record(result, alias).fields["Title"] == "Hot account"
    acme = record(result, "acme").fields
    assert acme["Description"] == "AdaBobCy"  # sorted by LastName, ascending
    assert acme["NumberOfEmployees"] == 3


def test_a_loop_in_descending_iteration_order_starts_from_the_last_item(
    model: ModelFolder,
):
    """iterationOrder Desc walks the collection from its end."""
    elements = (
        GET_CONTACTS
        + variable("names", "String")
        + loop(
            "Each_Contact",
            "Get_Contacts",
            "Name",
            "Note",
            order="Desc",
            variable_name="c",
        )
        + assignment(
            "Name", [("names", ref("c.LastName"))], "Each_Contact", operator="Add"
        )
        + update_triggering_record("Note", [("Description", ref("names"))])
    )
    model.flow("Account_Hot_Contacts", _account_flow("Hot contacts", elements))
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="backwards"))
    assert record(result, "acme").fields["Description"] == "CyBobAda"


def test_a_collection_filter_and_sort_keep_and_order_items(model: ModelFolder):
    """A FilterCollectionProcessor keeps the items whose conditions hold
    (case-insensitive text, as in decisions); a SortCollectionProcessor
    orders by a field and keeps the first ``limit`` items."""
    elements = (
        get_records(
            "Get_Contacts",
            "Contact",
            [start_filter("AccountId", "EqualTo", ref("$Record.Id"))],
            "Sales_Only",
        )
        + collection_filter(
            "Sales_Only",
            "Get_Contacts",
            "each",
            [condition("each.Department", "EqualTo", text("SALES"))],
            "Last_First",
        )
        + collection_sort(
            "Last_First", "Sales_Only", "LastName", "Desc", "Each_Contact", limit=1
        )
        + variable("names", "String")
        + loop("Each_Contact", "Last_First", "Name", "Note", variable_name="c")
        + assignment(
            "Name", [("names", ref("c.LastName"))], "Each_Contact", operator="Add"
        )
        + update_triggering_record("Note", [("Description", ref("names"))])
    )
    model.flow("Account_Hot_Contacts", _account_flow("Hot contacts", elements))
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="filter and sort"))
    assert record(result, "acme").fields["Description"] == "Cy"


def test_delete_records_by_filter_runs_before_delete_flows(model: ModelFolder):
    """Delete Records removes every record that meets its filters; a flow
    that runs before a record is deleted sees it as $Record and may update
    other records. A deleted record is no longer found."""
    model.flow(
        "Account_Prune",
        _account_flow(
            "Prune finance",
            delete_records(
                "Drop_Finance",
                "Contact",
                [
                    start_filter("AccountId", "EqualTo", ref("$Record.Id")),
                    start_filter("Department", "EqualTo", text("Finance")),
                ],
            ),
            first="Drop_Finance",
        ),
    )
    model.flow(
        "Contact_Before_Delete",
        record_triggered_flow(
            "Note the deletion",
            "Contact",
            timing="RecordBeforeDelete",
            when="Delete",
            first="Tell",
            elements=update_records(
                "Tell",
                "Account",
                [start_filter("Id", "EqualTo", ref("$Record.AccountId"))],
                [("Description", ref("$Record.LastName"))],
            ),
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="finance goes"))
    contacts = result.simulation.records.of("salesforce", "Contact")
    assert sorted(c.fields["LastName"] for c in contacts) == ["Ada", "Cy"]
    assert record(result, "bob").deleted
    assert record(result, "acme").fields["Description"] == "Bob"


def test_a_custom_error_refuses_the_save(model: ModelFolder):
    """A Custom Error element in a before-save flow blocks the save with its
    message, like a validation rule."""
    model.flow(
        "Account_No_Hot_Without_Phone",
        record_triggered_flow(
            "Hot needs a phone",
            "Account",
            timing="RecordBeforeSave",
            when="Update",
            first="Has_Phone",
            filters=ACCOUNT_IS_HOT,
            elements=decision(
                "Has_Phone",
                [
                    (
                        "No_Phone",
                        [condition("$Record.Phone", "IsNull", boolean(True))],
                        "Refuse",
                    )
                ],
            )
            + custom_error("Refuse", "A hot account needs a phone number."),
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="no phone"))
    assert record(result, "acme").fields["Rating"] == "Cold"
    [refused] = findings(result, "validation_failed")
    assert "A hot account needs a phone number." in refused.message


def test_a_subflow_in_the_model_runs_with_its_inputs_and_returns_outputs(
    model: ModelFolder,
):
    """A Subflow element runs the named autolaunched flow with its input
    assignments and copies its output variables back."""
    model.flow(
        "Greeting",
        autolaunched_flow(
            "Greeting",
            "Greet",
            variable("who", "String")
            + variable("greeting", "String")
            + assignment("Greet", [("greeting", ref("who"))], None),
        ),
    )
    model.flow(
        "Account_Greet",
        _account_flow(
            "Greet",
            variable("said", "String")
            + subflow(
                "Call_Greeting",
                "Greeting",
                [("who", ref("$Record.Name"))],
                [("greeting", "said")],
                "Note",
            )
            + update_triggering_record("Note", [("Description", ref("said"))]),
            first="Call_Greeting",
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="subflow"))
    assert record(result, "acme").fields["Description"] == "Acme"
    entered = [name for _, _, name in result.simulation.trace.enrolments]
    assert "Greet" in entered


def test_a_subflow_missing_from_the_model_runs_as_a_stub(model: ModelFolder):
    """A subflow that is not in the model folder is recorded as a stub and
    the path goes on; revsim validate lists it as not simulated."""
    model.flow(
        "Account_Greet",
        _account_flow(
            "Greet",
            subflow("Call_Missing", "Not_Here", [], [], "Note")
            + update_triggering_record("Note", [("Description", text("went on"))]),
            first="Call_Missing",
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="missing subflow"))
    stubs = [a.name for a in result.simulation.trace.actions if a.kind == "stub"]
    assert stubs == ["subflow Not_Here"]
    assert record(result, "acme").fields["Description"] == "went on"
    missing = [n for n in result.simulation.model.not_simulated if n.kind == "subflow"]
    assert [n.element for n in missing] == ["Call_Missing"]


def test_outcome_names_and_was_visited_read_the_interview(model: ModelFolder):
    """An outcome's API name reads as true when that outcome was taken; the
    WasVisited operator asks whether an element already ran."""
    elements = (
        decision(
            "Is_Hot",
            [("Hot", [condition("$Record.Rating", "EqualTo", text("hot"))], "Mark")],
            default="Check",
        )
        + assignment("Mark", [("$Record.Description", text("hot"))], "Check")
        + decision(
            "Check",
            [
                (
                    "Both",
                    [
                        condition("Hot", "EqualTo", boolean(True)),
                        condition("Mark", "WasVisited", boolean(True)),
                    ],
                    "Count",
                )
            ],
        )
        + assignment("Count", [("$Record.NumberOfEmployees", number(1))])
    )
    model.flow(
        "Account_Before",
        record_triggered_flow(
            "Before save",
            "Account",
            timing="RecordBeforeSave",
            when="Update",
            first="Is_Hot",
            elements=elements,
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="outcomes"))
    acme = record(result, "acme").fields
    assert (acme["Description"], acme["NumberOfEmployees"]) == ("hot", 1)


def test_create_records_from_a_record_variable_takes_its_object(model: ModelFolder):
    """Create Records with inputReference creates the record the variable
    holds, of the variable's object type; the new id is stored."""
    elements = (
        variable("task", "SObject", object_type="Task")
        + assignment(
            "Fill",
            [
                ("task.Subject", text("Call the hot account")),
                ("task.WhatId", ref("$Record.Id")),
            ],
            "Make",
        )
        + "<recordCreates><name>Make</name><label>Make</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<inputReference>task</inputReference></recordCreates>"
    )
    model.flow("Account_Task", _account_flow("Task", elements, first="Fill"))
    result = model.run(
        ACCOUNT_WITH_CONTACTS.format(name="task from a variable").replace(
            "expect: []",
            "expect:\n      - {record: acme, action: task, name: Call the hot account}",
        )
    )
    assert_expectations_hold(result)
    [task] = result.simulation.records.of("salesforce", "Task")
    assert task.fields["WhatId"] == record(result, "acme").id


def test_create_records_by_field_values_saves_each_new_record(model: ModelFolder):
    """Create Records with inputAssignments saves a new record through its
    own order of execution: its before-save flow runs."""
    model.flow(
        "Account_Follow_Up",
        _account_flow(
            "Follow up",
            create_records(
                "New_Deal",
                "Opportunity",
                [
                    ("Name", text("Hot follow-up")),
                    ("AccountId", ref("$Record.Id")),
                    ("StageName", text("Qualification")),
                    ("CloseDate", "<dateValue>2026-03-31</dateValue>"),
                ],
            ),
            first="New_Deal",
        ),
    )
    model.flow(
        "Opportunity_Before",
        record_triggered_flow(
            "Deal defaults",
            "Opportunity",
            timing="RecordBeforeSave",
            when="Create",
            first="Set",
            elements=assignment("Set", [("$Record.NextStep", text("Call"))]),
        ),
    )
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="a new deal"))
    [deal] = result.simulation.records.of("salesforce", "Opportunity")
    assert (deal.fields["NextStep"], deal.fields["Probability"]) == ("Call", 10)


def test_a_transform_maps_values_into_a_record_that_create_records_saves(
    model: ModelFolder,
):
    """A Transform with transformType Map builds a record of its objectType
    from values; Create Records with that inputReference saves it (the
    corpus's OCR_Flow creates an OpportunityContactRole this way)."""
    transform = (
        "<transforms><name>Map_Task</name><label>Map Task</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<connector><targetReference>Make</targetReference></connector>"
        "<dataType>SObject</dataType><isCollection>false</isCollection>"
        "<objectType>Task</objectType><scale>0</scale><transformValues>"
        "<transformValueActions><outputFieldApiName>Subject</outputFieldApiName>"
        "<transformType>Map</transformType><value><stringValue>Call the account"
        "</stringValue></value></transformValueActions>"
        "<transformValueActions><outputFieldApiName>WhatId</outputFieldApiName>"
        "<transformType>Map</transformType><value><elementReference>$Record.Id"
        "</elementReference></value></transformValueActions>"
        "</transformValues></transforms>"
        "<recordCreates><name>Make</name><label>Make</label>"
        "<locationX>0</locationX><locationY>0</locationY>"
        "<inputReference>Map_Task</inputReference></recordCreates>"
    )
    model.flow("Account_Transform", _account_flow("Transform", transform, "Map_Task"))
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="a transform"))
    [task] = result.simulation.records.of("salesforce", "Task")
    assert task.fields["Subject"] == "Call the account"
    assert task.fields["WhatId"] == record(result, "acme").id


def test_a_fault_path_reads_the_fault_message(model: ModelFolder):
    """When a Create Records element fails (here a validation rule refuses the
    new record), its faultConnector runs and $Flow.FaultMessage holds why."""
    model.validation_rule(
        "Opportunity",
        "Needs_Amount",
        validation_rule("Needs_Amount", "ISBLANK(Amount)", "Give an amount."),
    )
    elements = create_records(
        "New_Deal",
        "Opportunity",
        [
            ("Name", text("Follow-up")),
            ("StageName", text("Prospecting")),
            ("CloseDate", "<dateValue>2026-03-31</dateValue>"),
        ],
    ).replace(
        "<storeOutputAutomatically>",
        "<faultConnector><targetReference>Note</targetReference></faultConnector>"
        "<storeOutputAutomatically>",
    ) + update_triggering_record("Note", [("Description", ref("$Flow.FaultMessage"))])
    model.flow("Account_Fault", _account_flow("Fault", elements, "New_Deal"))
    result = model.run(ACCOUNT_WITH_CONTACTS.format(name="a fault"))
    assert "Give an amount." in str(record(result, "acme").fields["Description"])
    assert result.simulation.records.of("salesforce", "Opportunity") == []
