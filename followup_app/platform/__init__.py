"""The platform layer: Frappe-facing helpers every domain shares, with no follow-up rules of their own —
bulk writes and naming series, the site's defaults, holidays, the reader's language, notifications,
record limits, timeline notes and what differs between Frappe v15 and v16 (compat)."""
