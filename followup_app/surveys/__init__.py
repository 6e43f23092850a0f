"""Satisfaction surveys: secret links, sending, the public answer page, scoring and expiry."""
