"""Closed-loop verification: a resolved complaint gets a verification visit whose outcome closes or reopens it."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from followup_app.platform.languages import in_language_of
from followup_app.visits.referenced import plan_referenced_visit

VERIFICATION = "Complaint Verification"


def plan_verification_visit(complaint) -> str:
	"""Plan the Complaint Verification visit of a just-resolved complaint (once per resolution)."""
	settings = frappe.get_single("Followup Settings")
	visit = plan_referenced_visit(
		complaint.customer,
		VERIFICATION,
		getdate(nowdate()),
		settings.verification_visit_days,
		complaint.assigned_to or settings.default_visitor,
		"Complaint",
		complaint.name,
		contact=complaint.contact,
	)
	return visit.name


def apply_verification(visit):
	"""A completed verification visit closes its complaint when the customer is Satisfied, else reopens it."""
	if visit.visit_type != VERIFICATION or visit.reference_doctype != "Complaint" or not visit.reference_name:
		return
	complaint = frappe.get_doc("Complaint", visit.reference_name)
	if complaint.verification_visit != visit.name or complaint.status != "Resolved":
		return
	complaint.verification_outcome = visit.outcome
	with in_language_of(complaint.assigned_to):  # the reasons are written for the complaint's assignee
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
