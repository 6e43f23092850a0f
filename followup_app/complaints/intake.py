"""Complaint intake besides the desk: Problems noted on visits, and the customer behind an email."""

import frappe
from frappe.utils import strip_html

from followup_app.visits.planner import VISIT


def complaints_from_problems(visit):
	"""Each Problem on a completed visit becomes one Complaint, linked both ways."""
	if not frappe.db.get_single_value("Followup Settings", "complaints_from_problems"):
		return
	for item in visit.feedback_items:
		if item.feedback_type != "Problem" or item.complaint:
			continue
		description = item.description or ""
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"customer": visit.customer,
				"contact": visit.contact,
				"subject": strip_html(description).splitlines()[0][:140]
				if description.strip()
				else visit.name,
				"description": description,
				"category": item.category,
				"channel": "Visit",
				"source_visit": visit.name,
				"reference_doctype": VISIT,
				"reference_name": visit.name,
				"assigned_to": visit.visitor,
			}
		).insert(ignore_permissions=True)
		item.db_set("complaint", complaint.name)


def customer_for_email(email: str | None) -> str | None:
	"""The customer linked to the contact that has this email address, if exactly one."""
	if not email:
		return None
	contact_email = frappe.qb.DocType("Contact Email")
	link = frappe.qb.DocType("Dynamic Link")
	customers = {
		row[0]
		for row in frappe.qb.from_(contact_email)
		.join(link)
		.on((link.parent == contact_email.parent) & (link.parenttype == "Contact"))
		.select(link.link_name)
		.where(contact_email.email_id == email)
		.where(link.link_doctype == "Customer")
		.run()
	}
	return customers.pop() if len(customers) == 1 else None
