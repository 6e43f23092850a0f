# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from followup_app.core.kpi import KPIS
from followup_app.kpi.definitions import PERIODS, kpi_rows


def execute(filters: dict | None = None):
	"""Followup KPI: one KPI over a date range, by period or dimension, as a table and a chart."""
	filters = frappe._dict(filters or {})
	if filters.metric not in KPIS:
		frappe.throw(_("Choose a KPI."), title=_("Missing KPI"))
	if not (filters.from_date and filters.to_date) or filters.from_date > filters.to_date:
		frappe.throw(_("Choose a date range that ends after it starts."), title=_("Invalid Dates"))
	group_by = filters.group_by or "month"
	rows = kpi_rows(filters.metric, filters.from_date, filters.to_date, group_by)
	kpi = KPIS[filters.metric]
	columns = [
		{"fieldname": "group", "label": _(group_label(group_by)), "fieldtype": "Data", "width": 180},
		{"fieldname": "value", "label": _(kpi.label), "fieldtype": "Float", "precision": 2, "width": 160},
		{
			"fieldname": "numerator",
			"label": _("Numerator"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{
			"fieldname": "denominator",
			"label": _("Denominator"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
	]
	for row in rows:
		row["group"] = row["group"] or _("Not Set")
	chart = {
		"data": {
			"labels": [row["group"] for row in rows],
			"datasets": [{"name": _(kpi.label), "values": [row["value"] or 0 for row in rows]}],
		},
		"type": "line" if group_by in PERIODS else "bar",
	}
	return columns, rows, None, chart


def group_label(group_by: str) -> str:
	return {
		"week": "Week",
		"month": "Month",
		"quarter": "Quarter",
		"tier": "Customer Tier",
		"customer_group": "Customer Group",
		"territory": "Territory",
		"visitor": "Visited By",
		"total": "Total",
	}[group_by]
