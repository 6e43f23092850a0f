"""Record-level rules for Satisfaction Survey: a Followup User works the surveys of their own work.

A survey belongs to whoever its subject belongs to: the visitor of the visit it was taken on, the
assignee of the complaint it follows, and the account manager of its customer. Followup Managers,
Sales Managers and System Managers see every survey. Anyone with the role may create one (a survey
sent from a customer's form); reading, writing and showing its QR code follow the rule.
"""

import frappe

from followup_app.visits.permissions import sees_all_visits


def survey_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook for Satisfaction Survey."""
	user = user or frappe.session.user
	if sees_all_visits(user):
		return ""
	escaped = frappe.db.escape(user)
	survey = "`tabSatisfaction Survey`"
	return (
		f"(({survey}.`reference_doctype` = 'Visit Record' and {survey}.`reference_name` in "
		f"(select `name` from `tabVisit Record` where `visitor` = {escaped}))"
		f" or ({survey}.`reference_doctype` = 'Complaint' and {survey}.`reference_name` in "
		f"(select `name` from `tabComplaint` where `assigned_to` = {escaped}))"
		f" or {survey}.`customer` in (select `name` from `tabCustomer` where `account_manager` = {escaped}))"
	)


def has_survey_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool:
	"""`has_permission` hook: the survey's visit, complaint or customer is the user's."""
	user = user or frappe.session.user
	if sees_all_visits(user) or ptype == "create":
		return True
	owner_field = {"Visit Record": "visitor", "Complaint": "assigned_to"}.get(doc.get("reference_doctype"))
	if (
		owner_field
		and doc.get("reference_name")
		and frappe.db.get_value(doc.get("reference_doctype"), doc.get("reference_name"), owner_field) == user
	):
		return True
	return (
		bool(doc.get("customer"))
		and frappe.db.get_value("Customer", doc.get("customer"), "account_manager") == user
	)
