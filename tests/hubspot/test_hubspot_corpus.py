"""Real HubSpot files: whole flows import; fragments and non-v4 bodies are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hubspot_flows import corpus_file

from simulator.errors import DefinitionError
from simulator.hubspot.model import (
    CreateRecord,
    Delay,
    ListBranch,
    ListFilter,
    ListMembership,
    Notification,
    SendEmail,
    SetProperty,
    Timestamp,
)
from simulator.hubspot.workflow import (
    WorkflowFragment,
    is_hubspot_workflow_file,
    load_workflow,
)

DOCS = "oliv-j__HubSpot-Workflow-API-GPT"
SYNTHETIC = "JerushaGray__hubspot-workflows-toolkit/sample_flow_synthetic.json"
NONCONFORMING = "HubSpot__agent-cli-skills/example-contact-flow.nonconforming.json"
FRAGMENTS = [
    "v4-action-0-13-add-to-static-list.json",
    "v4-action-0-14-create-deal.json",
    "v4-action-0-3-create-task.json",
    "v4-action-0-35-delay-until-date.json",
    "v4-action-0-4-send-marketing-email.json",
    "v4-action-0-5-set-property.json",
    "v4-action-delay-set-time-docs-example-uses-0-35.json",
    "v4-enrollment-event-based-form-submission.json",
    "v4-enrollment-list-based-city-dublin.json",
    "v4-list-branch-docs-example.json",
]


def test_the_docs_create_request_imports_with_its_run_order_from_the_connections() -> (
    None
):
    # HubSpot docs "Create a workflow": the array order is 1, 2, 3, the run
    # order 1 → 3 → 2 (developers.hubspot.com/docs/api/automation/workflows).
    workflow = load_workflow(
        corpus_file(f"{DOCS}/v4-create-workflow-request-docs-example.json")
    )
    first, email, delay = (workflow.actions[i] for i in ("1", "2", "3"))
    assert workflow.start == "1" and workflow.object == "contact"
    assert isinstance(first, CreateRecord) and first.object_type_id == "0-5"
    assert first.associate_enrolled and first.connection
    assert first.connection.next == "3"
    assert isinstance(delay, Delay) and delay.minutes == 1440
    assert isinstance(email, SendEmail) and email.content_id == "113782603056"
    enrollment = workflow.enrollment
    assert enrollment and enrollment.kind == "EVENT_BASED"
    (trigger,) = enrollment.events
    assert trigger.event == "form_submission"
    assert trigger.filters[0].property == "hs_form_id"
    # The COPY_ASSOCIATION 279 (contact to company): the ticket gets the
    # contact's companies too.
    assert first.copied == ("company",) and not workflow.not_simulated


def test_the_docs_get_response_imports_with_its_list_and_notification_actions() -> None:
    # HubSpot docs "Fetch specific workflow by ID", flow 585051946.
    workflow = load_workflow(
        corpus_file(f"{DOCS}/v4-get-flow-585051946-docs-example.json")
    )
    assert (workflow.id, workflow.enabled) == ("585051946", True)
    add, notify = workflow.actions["1"], workflow.actions["2"]
    assert isinstance(add, ListMembership) and (add.list_id, add.operation) == (
        "178",
        "ADD",
    )
    assert isinstance(notify, Notification) and notify.user_ids == ("2620022",)
    assert not workflow.not_simulated


@pytest.mark.parametrize("name", FRAGMENTS)
def test_a_fragment_of_a_workflow_is_reported_as_a_fragment(name: str) -> None:
    with pytest.raises(WorkflowFragment, match="fragment of a workflow"):
        load_workflow(corpus_file(f"{DOCS}/{name}"))


def test_a_v4_body_with_v3_parts_is_rejected_as_not_v4() -> None:
    # HubSpot/agent-cli-skills' example mixes a v3 SET_CONTACT_PROPERTY action
    # and search-API filterGroups into a CONTACT_FLOW.
    with pytest.raises(DefinitionError) as caught:
        load_workflow(corpus_file(NONCONFORMING))
    error = caught.value
    assert not isinstance(error, WorkflowFragment)
    assert "not an automation v4 flow" in error.message
    assert "SET_CONTACT_PROPERTY is a v3 action" in error.message
    assert "filterGroups" in error.message
    assert error.place == "actions[0].type"


def test_the_synthetic_flow_is_rejected_at_its_dangling_link() -> None:
    # Its author made action 10 point at a missing 9999 on purpose.
    with pytest.raises(DefinitionError) as caught:
        load_workflow(corpus_file(SYNTHETIC))
    assert caught.value.place == "actions[9].connection.nextActionId"
    assert "'9999' names no action" in caught.value.message


def test_the_synthetic_flow_with_its_link_mended_imports_branches_and_merges(
    tmp_path: Path,
) -> None:
    data = json.loads(corpus_file(SYNTHETIC).read_text())
    data["actions"][9]["connection"]["nextActionId"] = "9"
    data["enrollmentCriteria"]["listFilterBranch"] = {
        "filterBranchType": "OR",
        "filters": [],
        "filterBranches": [],
    }
    data["objectTypeId"] = "0-1"  # abridged away in the sample
    path = tmp_path / "mended.json"
    path.write_text(json.dumps(data))

    workflow = load_workflow(path)
    engaged, packages = workflow.actions["5"], workflow.actions["8"]
    assert isinstance(engaged, ListBranch) and engaged.default
    assert engaged.default.next == "7"  # defaultBranch wrapped in `connection`
    assert engaged.options[0].filter.filters == (ListFilter("5001"),)
    assert isinstance(packages, ListBranch) and packages.default is None
    goto = workflow.actions["6"].connection
    assert goto and goto.goto and goto.next == "8"
    stamp = workflow.actions["4"]
    assert isinstance(stamp, SetProperty) and stamp.value == Timestamp()


def test_openapi_specs_beside_the_workflows_are_not_workflow_files() -> None:
    spec = corpus_file(
        "_spec/HubSpot__HubSpot-public-api-spec-collection/automationV4.v4.json"
    )
    assert not is_hubspot_workflow_file(spec)
    assert is_hubspot_workflow_file(corpus_file(SYNTHETIC))


# Why each corpus file that is not a whole, runnable flow is refused.
REFUSED = {
    NONCONFORMING: "not an automation v4 flow",
    # Its author broke it on purpose (SOURCES.md): the dangling link is named.
    SYNTHETIC: "'9999' names no action",
}


def test_every_corpus_file_imports_is_a_fragment_or_is_refused_with_its_reason() -> (
    None
):
    """The whole shared HubSpot corpus, file by file: whole flows import;
    fragments are reported as fragments; the non-conforming file and the
    deliberately broken sample are refused, saying why."""
    root = corpus_file(SYNTHETIC).parents[1]
    seen = []
    for path in sorted(root.rglob("*.json")):
        if not is_hubspot_workflow_file(path):
            continue
        name = str(path.relative_to(root))
        seen.append(name)
        if name in REFUSED:
            with pytest.raises(DefinitionError, match=REFUSED[name]) as caught:
                load_workflow(path)
            assert not isinstance(caught.value, WorkflowFragment)
        elif path.name in FRAGMENTS:
            with pytest.raises(WorkflowFragment):
                load_workflow(path)
        else:
            workflow = load_workflow(path)
            assert workflow.actions and not workflow.not_simulated, name
    assert len(seen) == len(FRAGMENTS) + len(REFUSED) + 2
