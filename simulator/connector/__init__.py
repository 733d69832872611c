"""The HubSpot-Salesforce connector: its settings and its sync rules."""
