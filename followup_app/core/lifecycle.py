"""Lifecycle stage of a customer from its invoice history."""

from datetime import date

NEW_CUSTOMER_DAYS = 90  # a customer is New for this long after its first invoice
LOYAL_INVOICES_PER_YEAR = 4  # and Loyal with this many invoices in the last 12 months, after a year


def lifecycle_stage(
	today: date,
	invoice_count: int,
	first_invoice: date | None,
	last_invoice: date | None,
	invoices_last_year: int,
	at_risk_days: int,
	churned_days: int,
) -> str:
	"""Prospect (never bought), Churned / At Risk (no invoice for that many days), New (first
	invoice within 90 days), Loyal (customer for a year or more with 4+ invoices in the last 12
	months), else Active."""
	if not invoice_count or not last_invoice or not first_invoice:
		return "Prospect"
	idle = (today - last_invoice).days
	if idle >= churned_days:
		return "Churned"
	if idle >= at_risk_days:
		return "At Risk"
	if (today - first_invoice).days < NEW_CUSTOMER_DAYS:
		return "New"
	if (today - first_invoice).days >= 365 and invoices_last_year >= LOYAL_INVOICES_PER_YEAR:
		return "Loyal"
	return "Active"
