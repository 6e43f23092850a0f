"""The holiday list of Followup Settings, which planned dates and SLA clocks skip."""

from datetime import date

import frappe
from frappe.utils import getdate


def holidays_from(start: date) -> set[date]:
	"""Holidays on or after `start` in the settings' holiday list (none when it is not set)."""
	holiday_list = frappe.db.get_single_value("Followup Settings", "holiday_list")
	if not holiday_list:
		return set()
	holiday = frappe.qb.DocType("Holiday")
	rows = (
		frappe.qb.from_(holiday)
		.select(holiday.holiday_date)
		.where(holiday.parent == holiday_list)
		.where(holiday.parenttype == "Holiday List")
		.where(holiday.holiday_date >= start)
		.run()
	)
	return {getdate(row[0]) for row in rows}
