"""Praise reaches the visitor's manager: an in-app notification, once per visit.

The visitor's manager is the user of the Employee the visitor's Employee reports to (ERPNext
Employee: `user_id`, `reports_to`). A visitor without an Employee, or whose Employee reports to
nobody or to an Employee without a user, has no manager: the praise then reaches nobody. The
visit's *Praise Notified On* marks the notification, set in the same transaction: a visit that has
it never notifies again, however often it is saved.
"""

import frappe
from frappe import _
from frappe.utils import get_fullname, now_datetime

from followup_app.platform.notifications import notify

VISIT = "Visit Record"


def manager_of(user: str | None) -> str | None:
	"""The enabled user of the Employee that `user`'s active Employee reports to, if any."""
	if not user:
		return None
	employee = frappe.qb.DocType("Employee")
	manager = frappe.qb.DocType("Employee").as_("manager")
	account = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(employee)
		.join(manager)
		.on(manager.name == employee.reports_to)
		.join(account)
		.on(account.name == manager.user_id)
		.select(manager.user_id)
		.where(employee.user_id == user)
		.where(employee.status == "Active")
		.where(account.enabled == 1)
		.where(manager.user_id != user)
		.orderby(employee.name)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


def share_praise(visit):
	"""Tell the visitor's manager what the customer praised on this completed visit, once."""
	praise = [
		(item.description or "").strip()
		for item in visit.feedback_items
		if item.feedback_type == "Praise" and (item.description or "").strip()
	]
	if visit.status != "Completed" or visit.praise_notified_on or not praise:
		return
	if frappe.db.get_value(VISIT, visit.name, "praise_notified_on", for_update=True):
		return
	manager = manager_of(visit.visitor)
	if not manager:
		return
	visitor = get_fullname(visit.visitor)
	customer = visit.customer_name or visit.customer
	words = "; ".join(praise)
	notify(
		[manager],
		lambda: _("{0} praised {1}: {2}").format(customer, visitor, words),
		VISIT,
		visit.name,
	)
	visit.db_set("praise_notified_on", now_datetime(), update_modified=False)
