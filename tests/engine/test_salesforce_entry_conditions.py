"""Entry conditions and decisions: custom logic, entry formulas, case rules,
"every time" against "only when updated to meet", and flow resources.

Sources: FlowStart filters, filterLogic, filterFormula and
doesRequireRecordChangedToMeetCriteria in the Flow metadata reference,
https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm
case rules: "Text comparisons in Decision, Wait and Collection Filter
elements are case-insensitive",
https://help.salesforce.com/s/articleView?id=platform.flow_ref_operators_condition.htm
while formula text comparisons are case-sensitive (CONTAINS, =),
https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm
"""

from __future__ import annotations

from model_folder import ModelFolder, assert_expectations_hold, record
from salesforce_xml import (
    assignment,
    boolean,
    condition,
    decision,
    formula,
    number,
    record_triggered_flow,
    ref,
    start_filter,
    text,
    variable,
)

LEAD = """
    name: {name}
    records:
      - alias: lee
        salesforce: Lead
        fields: {{LastName: Lee, Company: Lee Co, LeadSource: Web,
                 Rating: Cold, NumberOfEmployees: 10}}
    journey:
{journey}
    expect:
{expect}
"""


def _lead(name: str, journey: str, expect: str) -> str:
    return LEAD.format(name=name, journey=journey, expect=expect)


def _counter(label: str, **options: object) -> str:
    """A before-save flow that adds one to NumberOfEmployees when it runs."""
    return record_triggered_flow(
        label,
        "Lead",
        timing="RecordBeforeSave",
        first="Count",
        elements=assignment(
            "Count", [("$Record.NumberOfEmployees", number(1))], operator="Add"
        ),
        **options,  # type: ignore[arg-type]
    )


def test_custom_condition_logic_joins_entry_conditions_by_number(model: ModelFolder):
    """filterLogic "1 AND (2 OR 3)" numbers the filters from 1 in document
    order: a hot lead from the web or a partner enters; a cold one does not."""
    model.flow(
        "Lead_Hot_Source",
        _counter(
            "Hot source",
            when="Update",
            filters=[
                start_filter("Rating", "EqualTo", text("Hot")),
                start_filter("LeadSource", "EqualTo", text("Web")),
                start_filter("LeadSource", "EqualTo", text("Partner")),
            ],
            logic="1 AND (2 OR 3)",
        ),
    )
    result = model.run(
        _lead(
            "custom logic",
            "      - {at: 1h, edit: {record: lee, fields: {Title: CTO}}}\n"
            "      - {at: 2h, edit: {record: lee, fields: {Rating: Hot}}}\n"
            "      - {at: 3h, edit: {record: lee, fields: {LeadSource: Partner}}}\n"
            "      - {at: 4h, edit: {record: lee, fields: {LeadSource: Phone}}}",
            "      - {record: lee, entered: Hot source, count: 2}",
        )
    )
    assert_expectations_hold(result)


def test_every_time_runs_on_each_update_that_meets_the_conditions(
    model: ModelFolder,
):
    """Without doesRequireRecordChangedToMeetCriteria the flow runs on every
    update that meets its conditions; with it, only on the update that makes
    them true."""
    hot = [start_filter("Rating", "EqualTo", text("Hot"))]
    model.flow("Every_Time", _counter("Every time", when="Update", filters=hot))
    model.flow(
        "Only_When_Met",
        _counter(
            "Only when met", when="Update", filters=hot, only_when_changed_to_meet=True
        ),
    )
    result = model.run(
        _lead(
            "every time against only when met",
            "      - {at: 1h, edit: {record: lee, fields: {Rating: Hot}}}\n"
            "      - {at: 2h, edit: {record: lee, fields: {Title: CTO}}}\n"
            "      - {at: 3h, edit: {record: lee, fields: {Title: CEO}}}",
            "      - {record: lee, entered: Every time, count: 3}\n"
            "      - {record: lee, entered: Only when met, count: 1}",
        )
    )
    assert_expectations_hold(result)


def test_an_entry_formula_reads_ischanged_isnew_and_priorvalue(model: ModelFolder):
    """filterFormula replaces the filters; it may use ISCHANGED, ISNEW and
    PRIORVALUE with {!$Record.…} merge fields."""
    model.flow(
        "Rating_Went_Up",
        _counter("Rating went up", when="CreateAndUpdate").replace(
            "<object>Lead</object>",
            "<filterFormula>NOT(ISNEW()) &amp;&amp; ISCHANGED({!$Record.Rating}) "
            "&amp;&amp; ISPICKVAL(PRIORVALUE({!$Record.Rating}), 'Cold')"
            "</filterFormula><object>Lead</object>",
        ),
    )
    result = model.run(
        _lead(
            "cold to warm",
            "      - {at: 1h, edit: {record: lee, fields: {Rating: Warm}}}\n"
            "      - {at: 2h, edit: {record: lee, fields: {Rating: Hot}}}",
            "      - {record: lee, entered: Rating went up, count: 1}",
        )
    )
    assert_expectations_hold(result)


def test_decisions_compare_text_in_any_case_and_formulas_do_not(model: ModelFolder):
    """A decision's EqualTo "web" matches "Web"; the formula "LeadSource =
    'web'" does not, nor does CONTAINS with another case."""
    model.flow(
        "Lead_Case_Rules",
        record_triggered_flow(
            "Case rules",
            "Lead",
            timing="RecordBeforeSave",
            when="Create",
            first="Decide",
            elements=formula(
                "formulaSaysWeb", "Boolean", "{!$Record.LeadSource} = 'web'"
            )
            + formula(
                "formulaContains", "Boolean", "CONTAINS({!$Record.LeadSource}, 'WE')"
            )
            + decision(
                "Decide",
                [
                    (
                        "Decision_Says_Web",
                        [condition("$Record.LeadSource", "EqualTo", text("web"))],
                        "Record",
                    )
                ],
            )
            + assignment(
                "Record",
                [
                    ("$Record.Title", text("decision: web")),
                    ("$Record.Description", ref("formulaSaysWeb")),
                    ("$Record.Website", ref("formulaContains")),
                ],
            ),
        ),
    )
    result = model.run(
        _lead("case rules", "      []", "      []").replace(
            "    journey:\n      []\n", ""
        )
    )
    lee = record(result, "lee").fields
    assert lee["Title"] == "decision: web"
    assert (lee["Description"], lee["Website"]) == (False, False)


def test_formula_resources_of_each_data_type_and_flow_globals(model: ModelFolder):
    """Formula resources (Boolean, Date, DateTime, Number, String; Number
    without a dataType), constants, Subtract, $Flow.CurrentDate and
    $Flow.CurrentDateTime, and In against a collection variable."""
    elements = (
        formula("bigLead", "Boolean", "{!$Record.NumberOfEmployees} > 5")
        + formula("followUpOn", "Date", "{!$Flow.CurrentDate} + 3")
        + formula("callAt", "DateTime", "{!$Flow.CurrentDateTime} + 1")
        + formula("doubled", "Number", "{!$Record.NumberOfEmployees} * 2")
        + formula("greeting", "String", "'Hello ' & {!$Record.LastName}")
        + "<constants><name>seatsPerDesk</name><dataType>Number</dataType>"
        "<value><numberValue>4</numberValue></value></constants>"
        + variable("sources", "String", collection=True)
        + assignment(
            "Collect",
            [("sources", text("Web")), ("sources", text("Partner"))],
            "Fill",
            operator="Add",
        )
        + assignment(
            "Fill",
            [
                ("$Record.Title", ref("greeting")),
                ("$Record.AnnualRevenue", ref("doubled")),
                ("$Record.Description", ref("followUpOn")),
                ("$Record.Fax", ref("callAt")),
            ],
            "Less",
        )
        + assignment(
            "Less",
            [("$Record.AnnualRevenue", ref("seatsPerDesk"))],
            "Check",
            operator="Subtract",
        )
        + decision(
            "Check",
            [
                (
                    "From_A_Known_Source",
                    [
                        condition("$Record.LeadSource", "In", ref("sources")),
                        condition("bigLead", "EqualTo", boolean(True)),
                    ],
                    "Mark",
                )
            ],
        )
        + assignment("Mark", [("$Record.Rating", text("Warm"))])
    )
    model.flow(
        "Lead_Resources",
        record_triggered_flow(
            "Resources",
            "Lead",
            timing="RecordBeforeSave",
            when="Create",
            first="Collect",
            elements=elements,
        ),
    )
    result = model.run(
        _lead("resources", "      []", "      []").replace(
            "    journey:\n      []\n", ""
        )
    )
    lee = record(result, "lee").fields
    assert lee["Title"] == "Hello Lee"
    assert lee["AnnualRevenue"] == 16  # 10 * 2 - 4
    assert str(lee["Description"]) == "2026-01-08"
    assert str(lee["Fax"]).startswith("2026-01-06 09:00")
    assert lee["Rating"] == "Warm"
