"""Synthetic data: Faker identities for scenarios and populations of personas."""
