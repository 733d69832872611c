"""Salesforce: flows, workflow rules, validation rules and picklists from an SFDX tree."""
