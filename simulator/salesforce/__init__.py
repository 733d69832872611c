"""Salesforce: flows, workflow rules, validation rules and picklists (SFDX)."""
