"""revsim explain: each change of a field with its chain of causes, or a usage error."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_MODEL, PRICING, Invoke

from simulator.errors import ExitCode

MODEL = ("--model", str(BUNDLED_MODEL))
BACKWARD = "salesforce-cannot-move-lifecycle-backward.yaml"
SCORE_40 = "score-40-does-not-qualify.yaml"
CONVERSION = "sf-lead-conversion-creates-account-contact-and-opportunity.yaml"


@pytest.fixture
def scenarios(copy_scenario: Callable[[str], Path]) -> None:
    for name in (PRICING, BACKWARD, SCORE_40):
        copy_scenario(name)


@pytest.mark.usefixtures("scenarios")
@pytest.mark.parametrize(
    ("args", "output"),
    [
        (
            [PRICING, "bo", "lifecyclestage"],
            f"""\
bo.lifecyclestage in HubSpot ends as 'marketingqualifiedlead'
  scenario: a pricing page visit pushes a lead over the MQL threshold
  file:     scenarios/{PRICING}

+0d 00:00  created as 'lead'
           by the journey (line 8: create bo)

+0d 02:00  'lead' → 'marketingqualifiedlead'
           by HubSpot workflow 'Lead scoring to MQL', action 1 (set property)
           ← HubSpot workflow 'Pricing page interest', action 2 (set property)
           ← a person (line 17: page_view)
""",
        ),
        (
            # Before-save flows change the record before its first save (order
            # of execution, step 3): the rating flow set it, in the connector's
            # insert.
            [PRICING, "bo@salesforce", "Rating"],
            f"""\
bo.Rating in Salesforce ends as 'Warm'
  scenario: a pricing page visit pushes a lead over the MQL threshold
  file:     scenarios/{PRICING}

+0d 02:01  created as 'Warm'
           by Salesforce flow 'Lead | Before Save | Rating', Set_Rating_Warm
           ← the connector (HubSpot → Salesforce)
           ← HubSpot workflow 'Lead scoring to MQL', action 4 (static list)
           ← HubSpot workflow 'Pricing page interest', action 2 (set property)
           ← a person (line 17: page_view)
""",
        ),
        (
            [BACKWARD, "nia", "lifecyclestage"],
            f"""\
nia.lifecyclestage in HubSpot ends as 'marketingqualifiedlead'
  scenario: the connector cannot move a lifecycle stage backward
  file:     scenarios/{BACKWARD}

+0d 00:00  created as 'lead'
           by the journey (line 8: create nia)

+0d 00:00  'lead' → 'marketingqualifiedlead'
           by HubSpot workflow 'Lead scoring to MQL', action 1 (set property)
           ← the journey (line 8: create nia)

+1d 00:15  refused: lifecyclestage stays 'marketingqualifiedlead': automation may not
           move it back to 'lead' without clearing it first
           by the connector (Salesforce → HubSpot)
           ← a person (line 17: edit)
""",
        ),
    ],
    ids=["a change", "the counterpart", "a refusal"],
)
def test_explain_prints_each_change_with_its_causes(
    revsim: Invoke, args: list[str], output: str
) -> None:
    scenario, *rest = args

    result = revsim("explain", f"scenarios/{scenario}", *rest, *MODEL)

    assert result.exit_code == ExitCode.OK, result.output
    assert without_synced_fields(result.stdout) == output


def without_synced_fields(output: str) -> str:
    """The output with the connector's list of synced fields left out.

    That list ("email → Email, …") is how the connector words its cause; what
    explain adds is the layout around it, which these tests pin.
    """
    unwrapped = re.sub(r"\n {13}(?=\S)", " ", output)
    return re.sub(r"(the connector \([^)\n]*\)), [^\n]*", r"\1", unwrapped)


def test_system_option_names_the_counterpart_as_at_does(
    revsim: Invoke, copy_scenario: Callable[[str], Path]
) -> None:
    scenario = str(copy_scenario(PRICING))

    by_option = revsim(
        "explain", scenario, "bo", "Rating", "--system", "salesforce", *MODEL
    )
    by_at = revsim("explain", scenario, "bo@salesforce", "Rating", *MODEL)

    assert by_option.exit_code == ExitCode.OK, by_option.output
    assert by_option.stdout == by_at.stdout


@pytest.mark.parametrize(
    ("alias", "field", "value"),
    [
        ("priya-opportunity", "StageName", "Prospecting"),
        ("priya-account", "Name", "Quanta Bio"),
    ],
)
def test_explain_names_the_records_a_conversion_creates_as_checks_do(
    revsim: Invoke,
    copy_scenario: Callable[[str], Path],
    alias: str,
    field: str,
    value: str,
) -> None:
    scenario = copy_scenario(CONVERSION)

    result = revsim("explain", str(scenario), alias, field, *MODEL)

    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout.startswith(
        f"{alias}.{field} in Salesforce ends as {value!r}\n"
    )
    assert (
        f"+2d 00:00  created as {value!r}\n"
        "           by the platform (lead conversion)\n"
        "           ← a person (line 25: convert)\n"
    ) in result.stdout


@pytest.mark.usefixtures("scenarios")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [PRICING, "boo", "hubspotscore"],
            f"error: scenarios/{PRICING}: no record 'boo' in the scenario\n"
            "  expected: one of bo\n"
            "  fix: did you mean 'bo'?\n",
        ),
        (
            [PRICING, "bo", "hubspotscor"],
            f"error: scenarios/{PRICING}: bo in HubSpot never held a value in "
            "'hubspotscor'\n"
            "  expected: a field it held: company, email, firstname, hs_lead_status, "
            "hubspot_owner_id, hubspotscore, lastname, lifecyclestage, phone\n"
            "  fix: did you mean 'hubspotscore'?\n",
        ),
        (
            [PRICING, "bo@sf", "Rating"],
            "error: unknown platform 'sf' in 'bo@sf'\n"
            "  expected: alias@hubspot or alias@salesforce\n"
            "  fix: write hubspot or salesforce after @\n",
        ),
        (
            [PRICING, "bo@salesforce", "Rating", "--system", "hubspot"],
            "error: 'bo@salesforce' and --system hubspot name different platforms\n"
            "  fix: give the platform once, with @ or with --system\n",
        ),
        (
            [SCORE_40, "dan@salesforce", "Rating"],
            f"error: scenarios/{SCORE_40}: dan has no Salesforce counterpart "
            "at the end of the run\n"
            "  expected: a record the run created or the connector synced\n"
            f"  fix: revsim run scenarios/{SCORE_40} shows what happened to it\n",
        ),
    ],
    ids=[
        "unknown alias",
        "unknown field",
        "unknown platform",
        "two platforms",
        "no counterpart",
    ],
)
def test_explain_errors_list_the_choices_with_a_did_you_mean(
    revsim: Invoke, args: list[str], message: str
) -> None:
    scenario, *rest = args

    result = revsim("explain", f"scenarios/{scenario}", *rest, *MODEL)

    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr == message
    assert result.stdout == ""


def test_explain_needs_a_scenario_file_that_exists(revsim: Invoke) -> None:
    result = revsim("explain", "nope.yaml", "ada", "lifecyclestage", *MODEL)

    assert result.exit_code == ExitCode.USAGE_ERROR
    assert result.stderr.endswith(
        "Error: Invalid value for 'SCENARIO': File 'nope.yaml' does not exist.\n"
    )
