"""The first response to a complaint: it moving to In Progress, or the first email sent on it."""

import frappe


def first_response_by_email(communication, method: str | None = None):
	"""Communication `after_insert` hook: the first email sent to the customer is the first response."""
	if (
		communication.reference_doctype != "Complaint"
		or communication.sent_or_received != "Sent"
		or communication.communication_type != "Communication"
	):
		return
	complaint = frappe.get_doc("Complaint", communication.reference_name)
	if not complaint.first_response_on:
		complaint.first_response_on = communication.creation
		complaint.flags.ignore_permissions = True
		complaint.save()
