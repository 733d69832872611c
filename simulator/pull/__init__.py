"""`revsim pull`: definitions fetched from a live HubSpot portal or Salesforce org."""
