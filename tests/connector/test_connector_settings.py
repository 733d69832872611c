"""connector.yaml reads as docs/formats.md describes it; mistakes name their line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from simulator.connector.model import SyncRule
from simulator.connector.settings import load_connector, sync_rule
from simulator.errors import DefinitionError
from simulator.hubspot.filters import matches

YamlFile = Callable[..., Path]

EXAMPLE = """
inclusion_list:
  list_id: "42"
create_as: Lead
polling_interval: 15m
hubspot_to_salesforce_delay: 1m
mappings:
  - hubspot: email
    salesforce: Email
    rule: two_way
  - hubspot: hs_lead_status
    salesforce: Status
    rule: prefer_salesforce_unless_blank
    values:
      NEW: Open - Not Contacted
      IN_PROGRESS: Working - Contacted
"""


def failure(yaml_file: YamlFile, text: str) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        load_connector(yaml_file(text))
    return caught.value


def test_the_documented_example_reads_into_settings(yaml_file: YamlFile) -> None:
    settings = load_connector(yaml_file(EXAMPLE))
    assert settings.inclusion_list and settings.inclusion_list.list_id == "42"
    assert settings.create_as == "Lead"
    assert settings.polling_interval == timedelta(minutes=15)
    assert settings.hubspot_to_salesforce_delay == timedelta(minutes=1)
    email, status = settings.mappings
    assert (email.rule, status.rule) == (
        SyncRule.TWO_WAY,
        SyncRule.PREFER_SALESFORCE_UNLESS_BLANK,
    )
    assert status.to_salesforce("NEW") == "Open - Not Contacted"


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ("two_way", SyncRule.TWO_WAY),
        ("Two-way", SyncRule.TWO_WAY),
        ("TWO-WAY", SyncRule.TWO_WAY),
        ("Prefer Salesforce unless blank", SyncRule.PREFER_SALESFORCE_UNLESS_BLANK),
        ("always_use_salesforce", SyncRule.ALWAYS_USE_SALESFORCE),
        ("Always use Salesforce", SyncRule.ALWAYS_USE_SALESFORCE),
        ("Don't sync", SyncRule.DONT_SYNC),
        ("don\u2019t sync", SyncRule.DONT_SYNC),
        ("dont_sync", SyncRule.DONT_SYNC),
    ],
)
def test_a_sync_rule_reads_by_name_or_by_its_label_in_any_case(
    written: str, rule: SyncRule
) -> None:
    # The four rules of the mapping screen:
    # https://knowledge.hubspot.com/salesforce/map-hubspot-properties-to-salesforce-fields
    assert sync_rule(written) is rule


def test_an_unknown_sync_rule_names_its_line_and_lists_the_four(
    yaml_file: YamlFile,
) -> None:
    error = failure(yaml_file, EXAMPLE.replace("rule: two_way", "rule: one_way"))
    assert error.line == 9 and error.place == "mappings[0].rule"
    assert error.message == "unknown sync rule 'one_way'"
    assert error.expected == (
        'one of: prefer_salesforce_unless_blank ("Prefer Salesforce unless blank"), '
        'always_use_salesforce ("Always use Salesforce"), two_way ("Two-way"), '
        'dont_sync ("Don\'t sync")'
    )
    assert str(error).startswith(
        f"{error.file}:9 (mappings[0].rule): unknown sync rule"
    )


def test_an_unknown_key_names_its_line_and_the_keys_allowed_there(
    yaml_file: YamlFile,
) -> None:
    error = failure(yaml_file, EXAMPLE.replace("polling_interval:", "poll_interval:"))
    assert error.line == 4 and error.message == "unknown key 'poll_interval'"
    assert error.expected and "polling_interval" in error.expected
    assert error.fix == "did you mean 'polling_interval'?"


def test_an_unknown_key_inside_a_mapping_names_its_own_line(
    yaml_file: YamlFile,
) -> None:
    error = failure(
        yaml_file, EXAMPLE.replace("    salesforce: Status", "    sf: Status")
    )
    assert (error.line, error.place) == (11, "mappings[1].sf")
    assert error.expected == "one of: hubspot, salesforce, rule, values"


def test_a_missing_key_names_the_line_of_its_parent(yaml_file: YamlFile) -> None:
    error = failure(yaml_file, EXAMPLE.replace("    salesforce: Email\n", ""))
    assert (error.line, error.message) == (7, "the key 'salesforce' is missing")


def test_a_duration_that_does_not_parse_names_its_line_and_the_forms(
    yaml_file: YamlFile,
) -> None:
    error = failure(
        yaml_file, EXAMPLE.replace("polling_interval: 15m", "polling_interval: soon")
    )
    assert error.line == 4 and "30s, 15m, 2h, 3d or 1w" in (error.expected or "")


def test_broken_yaml_names_its_line(yaml_file: YamlFile) -> None:
    error = failure(yaml_file, "create_as: Lead\nmappings:\n  - hubspot: [email\n")
    assert error.line is not None and error.message.startswith("not valid YAML")


def test_a_key_written_twice_is_an_error_at_the_second(yaml_file: YamlFile) -> None:
    error = failure(yaml_file, "create_as: Lead\ncreate_as: Contact\n")
    assert error.line == 2 and "appears twice" in error.message


def test_create_as_is_lead_or_contact(yaml_file: YamlFile) -> None:
    assert load_connector(yaml_file("create_as: contact\n")).create_as == "Contact"
    error = failure(yaml_file, "create_as: Account\n")
    assert error.line == 1 and error.expected == "Lead or Contact"


def test_without_an_inclusion_list_the_timings_take_their_defaults(
    yaml_file: YamlFile,
) -> None:
    # HubSpot checks for changes every 15 minutes:
    # https://knowledge.hubspot.com/salesforce/salesforce-integration-sync-triggers
    settings = load_connector(yaml_file("create_as: Lead\n"))
    assert settings.inclusion_list is None and settings.mappings == ()
    assert settings.polling_interval == timedelta(minutes=15)


def test_an_inclusion_filter_is_an_or_of_property_filters(yaml_file: YamlFile) -> None:
    text = """
    inclusion_list:
      filter:
        - {property: lifecyclestage, operator: IS_ANY_OF,
           values: [marketingqualifiedlead, salesqualifiedlead]}
        - {property: hubspotscore, operator: IS_GREATER_THAN, values: [80]}
    create_as: Lead
    """
    inclusion = load_connector(yaml_file(text)).inclusion_list
    assert inclusion and inclusion.filter and inclusion.list_id is None
    stage, score = inclusion.filter.filters
    assert (stage.operation_type, score.operation_type) == ("ENUMERATION", "NUMBER")
    assert matches(inclusion.filter, {"lifecyclestage": "salesqualifiedlead"}, ())
    assert matches(inclusion.filter, {"hubspotscore": "81"}, ())
    assert not matches(inclusion.filter, {"lifecyclestage": "lead"}, ())


def test_an_unknown_inclusion_operator_names_its_line(yaml_file: YamlFile) -> None:
    text = """
    create_as: Lead
    inclusion_list:
      filter:
        - property: lifecyclestage
          operator: IN
          values: [lead]
    """
    error = failure(yaml_file, text)
    assert (error.line, error.place) == (5, "inclusion_list.filter[0].operator")
    assert error.expected and error.expected.startswith("one of: IS_ANY_OF")


def test_an_empty_inclusion_list_is_an_error(yaml_file: YamlFile) -> None:
    error = failure(yaml_file, "create_as: Lead\ninclusion_list: {}\n")
    assert error.line == 2 and error.expected == "a list_id, a filter, or both"


OBJECTS = """
create_as: Contact
mappings:
  - {hubspot: email, salesforce: Email, rule: two_way}
owners:
  "61234501": 005Hs00000NxF01AAF
integration_user: 005Hs00000NxF99AAF
sync_tasks: true
companies:
  mappings:
    - {hubspot: name, salesforce: Name, rule: two_way}
deals:
  pipeline: default
  stages:
    appointmentscheduled: Prospecting
    closedwon: Closed Won
  mappings:
    - {hubspot: amount, salesforce: Amount, rule: two_way}
"""


def test_companies_deals_owners_and_tasks_read_into_synced_pairs(
    yaml_file: YamlFile,
) -> None:
    # The objects the connector syncs, each with its mappings; the owner and
    # the deal stage are mappings of their own (docs/formats.md).
    settings = load_connector(yaml_file(OBJECTS))
    assert settings.sync_tasks and settings.integration_user == "005Hs00000NxF99AAF"
    contact, company, deal = settings.objects()
    assert contact.salesforce == ("Lead", "Contact")
    assert [m.hubspot for m in contact.mappings] == ["email", "hubspot_owner_id"]
    assert [m.salesforce for m in company.mappings] == ["Name", "OwnerId"]
    stage, amount, owner = deal.mappings
    assert amount.rule is SyncRule.TWO_WAY
    assert (stage.hubspot, stage.salesforce) == ("dealstage", "StageName")
    assert stage.to_salesforce("closedwon") == "Closed Won"
    assert stage.to_hubspot("Prospecting") == "appointmentscheduled"
    assert owner.to_salesforce("61234501") == "005Hs00000NxF01AAF"
    assert not owner.matched_in_salesforce("61234599")
    assert settings.deals and settings.deals.pipeline == "default"


def test_an_owner_mapped_as_a_field_and_under_owners_is_an_error(
    yaml_file: YamlFile,
) -> None:
    text = OBJECTS.replace(
        "  - {hubspot: email, salesforce: Email, rule: two_way}\n",
        "  - {hubspot: email, salesforce: Email, rule: two_way}\n"
        "  - {hubspot: hubspot_owner_id, salesforce: OwnerId, rule: two_way}\n",
    )
    error = failure(yaml_file, text)
    assert (error.line, error.place) == (4, "mappings[1].hubspot")
    assert error.message == "the owner is mapped twice: here and under owners"


def test_the_deal_stage_is_mapped_under_stages_not_as_a_field(
    yaml_file: YamlFile,
) -> None:
    text = OBJECTS.replace(
        "    - {hubspot: amount, salesforce: Amount, rule: two_way}\n",
        "    - {hubspot: dealstage, salesforce: StageName, rule: two_way}\n",
    )
    error = failure(yaml_file, text)
    assert error.place == "deals.mappings[0]"
    assert error.expected and error.expected.startswith("stages:")


def test_deals_need_a_pipeline_and_stages(yaml_file: YamlFile) -> None:
    error = failure(yaml_file, "create_as: Lead\ndeals: {pipeline: default}\n")
    assert error.message == "the key 'stages' is missing"
    error = failure(
        yaml_file, "create_as: Lead\ndeals: {pipeline: default, stages: {}}\n"
    )
    assert error.message == "no deal stage is mapped"


def test_several_salesforce_stages_may_read_as_one_deal_stage(
    yaml_file: YamlFile,
) -> None:
    # A list maps several Salesforce values to one HubSpot value; HubSpot
    # sends the first (docs/formats.md, deals.stages).
    text = OBJECTS.replace(
        "    closedwon: Closed Won\n",
        "    closedwon: Closed Won\n"
        "    presentationscheduled: [Needs Analysis, Value Proposition]\n",
    )
    settings = load_connector(yaml_file(text))
    stage = settings.objects()[2].mappings[0]
    assert stage.to_salesforce("presentationscheduled") == "Needs Analysis"
    assert stage.to_hubspot("Value Proposition") == "presentationscheduled"
    assert stage.corresponds("presentationscheduled", "Value Proposition")
    assert stage.matched_in_hubspot("Value Proposition")
    assert not stage.matched_in_hubspot("Negotiation/Review")
    error = failure(
        yaml_file, text.replace("[Needs Analysis, Value Proposition]", "[]")
    )
    assert error.message == "'presentationscheduled' maps to no Salesforce value"
