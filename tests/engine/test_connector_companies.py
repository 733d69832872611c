"""Companies ↔ accounts, and the company a synced contact belongs to.

https://knowledge.hubspot.com/salesforce/sync-salesforce-accounts-to-hubspot:
with "Sync companies" on, new Salesforce accounts create HubSpot companies;
a HubSpot company creates an account only when one of its contacts may sync
and does not sync as a lead.
"""

from __future__ import annotations

from hubspot_json import contact_flow, enum_filter, list_based
from model_folder import ModelFolder, assert_expectations_hold, record

CONNECTOR = """
    create_as: {create_as}
    mappings:
      - {{hubspot: email, salesforce: Email, rule: two_way}}
      - {{hubspot: lastname, salesforce: LastName, rule: two_way}}
    companies:
      mappings:
        - {{hubspot: name, salesforce: Name, rule: two_way}}
        - {{hubspot: industry, salesforce: Industry, rule: always_use_salesforce}}
"""

ACME = """
          - alias: acme
            salesforce: Account
            fields: {Name: Acme Corporation, Industry: Manufacturing}
"""


def test_a_new_account_creates_a_company_with_its_mapped_fields(model: ModelFolder):
    """A new Salesforce account creates a HubSpot company at the next poll.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-accounts-to-hubspot
    """
    model.connector(CONNECTOR.format(create_as="Contact"))
    result = model.run(f"""
        name: a rep creates an account
        records:{ACME}
        journey:
          - at: 1h
            edit: {{record: acme, fields: {{Industry: Aerospace}}}}
        expect:
          - record: acme
            system: hubspot
            field: name
            equals: Acme Corporation
          - record: acme
            system: hubspot
            field: industry
            sequence: [Manufacturing, Aerospace]
    """)
    assert_expectations_hold(result)
    assert record(result, "acme", "hubspot").object == "company"


def test_a_salesforce_contact_with_an_account_belongs_to_its_company(
    model: ModelFolder,
):
    """A Salesforce contact whose AccountId is set syncs to a HubSpot contact
    associated with the account's company; a new AccountId moves it.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-accounts-to-hubspot
    """
    model.connector(CONNECTOR.format(create_as="Contact"))
    result = model.run(f"""
        name: Grace works at Acme, then at Initech
        records:{ACME}
          - alias: initech
            salesforce: Account
            fields: {{Name: Initech}}
          - alias: grace
            salesforce: Contact
            fields: {{Email: grace@acme.example, LastName: Hopper, AccountId: acme}}
        journey:
          - at: 2h
            edit: {{record: grace, fields: {{AccountId: initech}}}}
    """)
    assert_expectations_hold(result)
    person = record(result, "grace", "hubspot")
    initech = record(result, "initech", "hubspot")
    acme = record(result, "acme", "hubspot")
    assert person.associations == {initech.key}
    assert person.key in initech.associations
    assert person.key not in acme.associations


def test_a_company_whose_contacts_sync_as_leads_creates_no_account(
    model: ModelFolder,
):
    """Leads have no accounts: a company whose contacts all sync as leads
    does not create an account; with contacts syncing as contacts it does,
    and the contact's new Salesforce contact takes that account.

    https://knowledge.hubspot.com/salesforce/sync-salesforce-accounts-to-hubspot
    ("All of the company's associated HubSpot contacts are syncing with
    Salesforce leads": no account)
    """
    for create_as, accounts in (("Lead", 0), ("Contact", 1)):
        (model.root.parent / create_as).mkdir()
        folder = ModelFolder(model.root.parent / create_as)
        folder.connector(CONNECTOR.format(create_as=create_as))
        folder.hubspot_workflow(_company_for_customers())
        result = folder.run("""
            name: a customer's company
            records:
              - alias: ada
                hubspot: contact
                fields: {email: ada@example.com, lastname: Lovelace,
                         lifecyclestage: customer}
        """)
        found = result.simulation.records.of("salesforce", "Account")
        assert len(found) == accounts, create_as
        if accounts:
            person = record(result, "ada", "salesforce")
            assert person.fields["AccountId"] == found[0].id


def _company_for_customers() -> dict[str, object]:
    """A workflow that creates a company associated with the contact (0-14)."""
    action = {
        "type": "SINGLE_CONNECTION",
        "actionId": "1",
        "actionTypeVersion": 0,
        "actionTypeId": "0-14",
        "fields": {
            "object_type_id": "0-2",
            "properties": [
                {
                    "targetProperty": "name",
                    "value": {"type": "STATIC_VALUE", "staticValue": "Analytical"},
                }
            ],
            "associations": [
                {
                    "target": {
                        "associationCategory": "HUBSPOT_DEFINED",
                        "associationTypeId": 280,
                    },
                    "value": {"type": "ENROLLED_OBJECT"},
                }
            ],
        },
    }
    return contact_flow(
        "Company for customers",
        list_based([enum_filter("lifecyclestage", ["customer"])]),
        [action],
    )
