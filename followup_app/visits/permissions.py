"""Record-level rules: a Followup User works only the visits where they are the visitor.

Followup Managers, Sales Managers and System Managers see every visit. Documents shared with a
user (for example a follow-up action assigned to them) stay readable through Frappe's sharing.
"""

import frappe

UNRESTRICTED_ROLES = {"System Manager", "Followup Manager", "Sales Manager"}


def sees_all_visits(user: str) -> bool:
	"""Whether `user` is exempt from the visitor rule."""
	return user == "Administrator" or bool(UNRESTRICTED_ROLES & set(frappe.get_roles(user)))


def visit_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""`permission_query_conditions` hook: list and report queries show only the user's visits."""
	user = user or frappe.session.user
	if sees_all_visits(user):
		return ""
	return f"`tabVisit Record`.`visitor` = {frappe.db.escape(user)}"


def has_visit_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	"""`has_permission` hook: the user must be the visitor; a new visit may leave the visitor empty."""
	user = user or frappe.session.user
	if sees_all_visits(user):
		return True
	if ptype == "create" and not doc.get("visitor"):
		return True
	return doc.get("visitor") == user
