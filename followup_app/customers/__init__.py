"""Nightly customer refresh: tier, lifecycle stage and churn risk, in bulk."""
