"""HubSpot branches: value-equals on a property or an output, A/B tests, GO-TO."""

from __future__ import annotations

from collections import Counter

from hubspot_json import (
    ab_test,
    contact_flow,
    custom_code,
    enum_filter,
    list_based,
    send_email,
    set_property,
    static_branch,
)
from model_folder import ModelFolder, assert_expectations_hold, entries

EVERY_LEAD = list_based([enum_filter("lifecyclestage", ["lead"])])


def _by_country() -> dict[str, object]:
    country = {"type": "OBJECT_PROPERTY", "propertyName": "country"}
    return contact_flow(
        "Route by country",
        EVERY_LEAD,
        [
            static_branch("1", country, [("IE", "2"), ("DE", "3")], default="4"),
            set_property("2", "region", "emea-west"),
            set_property("3", "region", "dach"),
            set_property("4", "region", "rest"),
        ],
    )


def test_a_value_equals_branch_takes_the_arm_whose_value_the_property_has(
    model: ModelFolder,
):
    """STATIC_BRANCH: "value equals" branches on one property, one arm per
    value, the default when none equals
    (https://knowledge.hubspot.com/workflows/use-if-then-branches-in-workflows;
    ApiStaticBranchAction in the v4 spec)."""
    model.hubspot_workflow(_by_country())
    result = model.run("""
        name: three countries
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead, country: IE}}
          - {alias: bo, hubspot: contact, fields: {lifecyclestage: lead, country: DE}}
          - {alias: cy, hubspot: contact, fields: {lifecyclestage: lead, country: US}}
        expect:
          - {record: ada, field: region, equals: emea-west}
          - {record: bo, field: region, equals: dach}
          - {record: cy, field: region, equals: rest}
    """)
    assert_expectations_hold(result)
    taken = [e.message for e in entries(result, "branch")]
    assert taken == [
        "branch 1 took 'IE'",
        "branch 1 took 'DE'",
        "branch 1 took 'Other'",
    ]


def test_a_value_equals_branch_on_a_custom_code_output_reads_the_stub(
    model: ModelFolder,
):
    """FIELD_DATA reads an earlier action's output; custom code is not run, and
    a scenario's stub gives its outputs (docs/formats.md, stubs)."""
    tier = {"type": "FIELD_DATA", "actionId": "1", "dataKey": "tier"}
    model.hubspot_workflow(
        contact_flow(
            "Enrich",
            EVERY_LEAD,
            [
                custom_code("1", ["tier"], then="2"),
                static_branch("2", tier, [("gold", "3")], default="4"),
                send_email("3", "gold"),
                send_email("4", "standard"),
            ],
        )
    )
    result = model.run("""
        name: the enrichment says gold
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead}}
        stubs:
          - action: custom code 1
            workflow: Enrich
            outputs: {tier: gold}
        expect:
          - {record: ada, action: stub, name: custom code 1, count: 1}
          - {record: ada, action: email, name: gold, count: 1}
    """)
    assert_expectations_hold(result)


def test_an_ab_test_splits_records_by_its_percentages_drawn_from_the_seed(
    model: ModelFolder,
):
    """AB_TEST_BRANCH arms with percentages (ApiABTestBranch in the v4 spec):
    each record takes one arm; the draw comes from the scenario's seed, so a
    run is the same every time."""
    model.hubspot_workflow(
        contact_flow(
            "Subject line test",
            EVERY_LEAD,
            [
                ab_test("1", [(80, "2"), (20, "3")]),
                send_email("2", "A"),
                send_email("3", "B"),
            ],
        )
    )
    aliases = [f"c{i}" for i in range(40)]
    records = "\n".join(
        f"  - {{alias: {a}, hubspot: contact, fields: {{lifecyclestage: lead}}}}"
        for a in aliases
    )
    scenario = f"name: forty leads\nseed: 11\nrecords:\n{records}\n"
    first = model.run(scenario)
    again = model.run(scenario)
    counts = Counter(a.name for a in first.simulation.trace.actions)
    assert counts["A"] + counts["B"] == 40 and counts["A"] > counts["B"] > 0
    assert [a.name for a in first.simulation.trace.actions] == [
        a.name for a in again.simulation.trace.actions
    ]


def test_ab_arms_without_percentages_split_evenly(model: ModelFolder):
    """A real export's two arms have no percentage (shared reference hubspot.md):
    they share the records."""
    model.hubspot_workflow(
        contact_flow(
            "Even test",
            EVERY_LEAD,
            [
                ab_test("1", [(None, "2"), (None, "3")]),
                send_email("2", "A"),
                send_email("3", "B"),
            ],
        )
    )
    records = "\n".join(
        f"  - {{alias: c{i}, hubspot: contact, fields: {{lifecyclestage: lead}}}}"
        for i in range(40)
    )
    result = model.run(f"name: forty leads\nrecords:\n{records}\n")
    counts = Counter(a.name for a in result.simulation.trace.actions)
    assert counts["A"] > 10 and counts["B"] > 10


def test_a_go_to_connection_joins_another_path(model: ModelFolder):
    """A GOTO edge jumps to an existing action (ApiConnection edgeType GOTO;
    the docs write "GO-TO")."""
    country = {"type": "OBJECT_PROPERTY", "propertyName": "country"}
    branch = static_branch("1", country, [("IE", "2")], default="3")
    jump = set_property("2", "region", "emea-west")
    jump["connection"] = {"edgeType": "GOTO", "nextActionId": "3"}
    model.hubspot_workflow(
        contact_flow("Merge", EVERY_LEAD, [branch, jump, send_email("3", "everyone")])
    )
    result = model.run("""
        name: both paths end in the same email
        records:
          - {alias: ada, hubspot: contact, fields: {lifecyclestage: lead, country: IE}}
          - {alias: bo, hubspot: contact, fields: {lifecyclestage: lead, country: US}}
        expect:
          - {record: ada, action: email, name: everyone, count: 1}
          - {record: bo, action: email, name: everyone, count: 1}
    """)
    assert_expectations_hold(result)
