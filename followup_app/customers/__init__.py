"""Customers: the nightly refresh of tier, lifecycle stage and churn risk, tiers pinned by hand, the
Follow-up tab, satisfaction figures on the customer, the data audit and a contact's personal data."""
