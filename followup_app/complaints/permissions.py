"""Record-level rules: a Followup User sees complaints assigned to them or on customers they manage.

Followup Managers, Sales Managers and System Managers see every complaint.
"""

import frappe

from followup_app.visits.permissions import sees_all_visits


def complaint_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook for Complaint."""
	user = user or frappe.session.user
	if sees_all_visits(user):
		return ""
	escaped = frappe.db.escape(user)
	return (
		f"(`tabComplaint`.`assigned_to` = {escaped} or `tabComplaint`.`customer` in "
		f"(select `name` from `tabCustomer` where `account_manager` = {escaped}))"
	)


def has_complaint_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool:
	"""`has_permission` hook: assigned to the user, or on a customer the user manages.

	Anyone with the role may create a complaint (and assign it to a colleague).
	"""
	user = user or frappe.session.user
	if sees_all_visits(user) or ptype == "create":
		return True
	if doc.get("assigned_to") == user:
		return True
	return (
		bool(doc.get("customer"))
		and frappe.db.get_value("Customer", doc.get("customer"), "account_manager") == user
	)
