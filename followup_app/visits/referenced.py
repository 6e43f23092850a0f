"""Visits planned because of another document (an invoice, a complaint), outside the policies."""

from datetime import date

import frappe
from frappe.utils import getdate, nowdate

from followup_app.core.calendar import add_days_skipping_holidays
from followup_app.platform.holidays import holidays_from


def default_script(visit_type: str) -> str | None:
	"""The first Visit Script written for `visit_type`."""
	return frappe.db.get_value("Visit Script", {"visit_type": visit_type}, "name", order_by="name asc")


def plan_referenced_visit(
	customer: str,
	visit_type: str,
	start: date,
	days: int,
	visitor: str | None,
	reference_doctype: str,
	reference_name: str,
	contact: str | None = None,
):
	"""Insert a Planned phone visit `days` after `start` (skipping holidays) that references its cause."""
	today = getdate(nowdate())
	return frappe.get_doc(
		{
			"doctype": "Visit Record",
			"customer": customer,
			"contact": contact,
			"visit_type": visit_type,
			"channel": "Phone",
			"status": "Planned",
			"planned_date": add_days_skipping_holidays(start, days or 0, holidays_from(today)),
			"visitor": visitor,
			"visit_script": default_script(visit_type),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert(ignore_permissions=True)
