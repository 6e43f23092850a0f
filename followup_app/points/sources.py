"""Points the app awards on its own: visit participation and complaint compensation."""

import frappe

from followup_app.points.ledger import LEDGER


def award(customer: str, points: int, reason: str, reference_doctype: str, reference_name: str) -> str | None:
	"""Post and submit an Earn entry once per reference; returns its name (None when already posted)."""
	if points <= 0 or frappe.db.exists(
		LEDGER,
		{
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"reason": reason,
			"docstatus": 1,
		},
	):
		return None
	entry = frappe.get_doc(
		{
			"doctype": LEDGER,
			"customer": customer,
			"transaction_type": "Earn",
			"reason": reason,
			"points": points,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	)
	entry.flags.ignore_permissions = True
	entry.insert()
	entry.submit()
	return entry.name


def award_visit_participation(visit):
	"""`points_per_visit` for a completed visit the customer took part in (not Unreachable)."""
	points = frappe.db.get_single_value("Followup Settings", "points_per_visit") or 0
	if visit.outcome != "Unreachable":
		award(visit.customer, points, "Visit Participation", visit.doctype, visit.name)


def award_complaint_compensation(complaint):
	"""A closed complaint's compensation points."""
	award(
		complaint.customer,
		complaint.compensation_points or 0,
		"Complaint Compensation",
		complaint.doctype,
		complaint.name,
	)
