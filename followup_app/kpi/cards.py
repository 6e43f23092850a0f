"""The number cards of the Customer Follow-up workspace (Custom cards calling these methods).

Each card is a KPI figure of `followup_app.kpi.definitions` over a fixed window, counted under the
user's record-level rules, and opens the records behind it when clicked.
"""

import frappe
from frappe.utils import add_days, getdate

from followup_app.kpi.definitions import EVER, OPEN_COMPLAINT, Scope, kpi_total


def card(
	value: float | None,
	fieldtype: str,
	route: list[str] | None = None,
	route_options: dict | None = None,
	precision: int | None = None,
):
	"""What a Custom number card shows: the value (a dash when there is nothing to measure)."""
	if value is None:
		return "–"
	return {
		"value": value,
		"fieldtype": fieldtype,
		"precision": precision,
		"route": route,
		"route_options": route_options,
	}


@frappe.whitelist()
def visits_due_today(filters: str | dict | None = None) -> dict | str:
	"""Planned visits due today."""
	today = getdate()
	return card(
		kpi_total("open_visits", Scope(today, today)),
		"Int",
		["List", "Visit Record"],
		{"status": "Planned", "planned_date": str(today)},
	)


@frappe.whitelist()
def overdue_visits(filters: str | dict | None = None) -> dict | str:
	"""Planned visits whose planned date has passed."""
	yesterday = add_days(getdate(), -1)
	return card(
		kpi_total("open_visits", Scope(EVER, yesterday)),
		"Int",
		["List", "Visit Record"],
		{"status": "Planned", "planned_date": ["<", str(getdate())]},
	)


@frappe.whitelist()
def open_complaints(filters: str | dict | None = None) -> dict | str:
	"""Complaints not yet resolved or closed."""
	return card(
		kpi_total("open_complaints", Scope(EVER, getdate())),
		"Int",
		["List", "Complaint"],
		{"status": ["in", list(OPEN_COMPLAINT)]},
	)


@frappe.whitelist()
def sla_breached(filters: str | dict | None = None) -> dict | str:
	"""Open complaints past their SLA."""
	return card(
		kpi_total("breached_complaints", Scope(EVER, getdate())),
		"Int",
		["List", "Complaint"],
		{"status": ["in", list(OPEN_COMPLAINT)], "sla_status": "Breached"},
	)


@frappe.whitelist()
def nps_90_days(filters: str | dict | None = None) -> dict | str:
	"""NPS of the surveys completed in the last 90 days (today included)."""
	today = getdate()
	return card(
		kpi_total("nps", Scope(add_days(today, -89), today)),
		"Float",
		["query-report", "Customer Satisfaction"],
		precision=1,
	)


@frappe.whitelist()
def average_csat_30_days(filters: str | dict | None = None) -> dict | str:
	"""Average CSAT (1-5) of the surveys completed in the last 30 days (today included)."""
	today = getdate()
	return card(
		kpi_total("average_satisfaction", Scope(add_days(today, -29), today)),
		"Float",
		["query-report", "Customer Satisfaction"],
		precision=2,
	)
