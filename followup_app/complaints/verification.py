"""Closed-loop verification: a resolved complaint gets a verification visit whose outcome closes or reopens it."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from followup_app.core.calendar import add_days_skipping_holidays
from followup_app.holidays import holidays_from

VERIFICATION = "Complaint Verification"


def plan_verification_visit(complaint) -> str:
	"""Plan the Complaint Verification visit of a just-resolved complaint (once per resolution)."""
	settings = frappe.get_single("Followup Settings")
	today = getdate(nowdate())
	visit = frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": complaint.customer,
			"contact": complaint.contact,
			"visit_type": VERIFICATION,
			"channel": "Phone",
			"status": "Planned",
			"planned_date": add_days_skipping_holidays(
				today, settings.verification_visit_days or 0, holidays_from(today)
			),
			"visitor": complaint.assigned_to or settings.default_visitor,
			"visit_script": frappe.db.get_value(
				"Visit Script", {"visit_type": VERIFICATION}, "name", order_by="name asc"
			),
			"reference_doctype": "Complaint",
			"reference_name": complaint.name,
		}
	).insert(ignore_permissions=True)
	return visit.name


def apply_verification(visit):
	"""A completed verification visit closes its complaint when the customer is Satisfied, else reopens it."""
	if visit.visit_type != VERIFICATION or visit.reference_doctype != "Complaint" or not visit.reference_name:
		return
	complaint = frappe.get_doc("Complaint", visit.reference_name)
	if complaint.verification_visit != visit.name or complaint.status != "Resolved":
		return
	complaint.verification_outcome = visit.outcome
	if visit.outcome == "Satisfied":
		complaint.status = "Closed"
		complaint.flags.status_reason = _("Verified by visit {0}").format(visit.name)
	else:
		complaint.status = "Reopened"
		complaint.reopen_reason = (
			_("Verification visit {0}: {1}. {2}")
			.format(visit.name, _(visit.outcome), visit.summary or "")
			.strip()
		)
	complaint.flags.ignore_permissions = True
	complaint.save()
