# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from followup_app.core.kpi import KPIS
from followup_app.kpi.definitions import groupings
from followup_app.kpi.reports import Column, figure_report


def execute(filters: dict | None = None):
	"""Followup KPI: any KPI over a date range, by period, dimension, visitor or category, with its
	numerator and denominator, as a table and a chart."""
	filters = frappe._dict(filters or {})
	if filters.metric not in KPIS:
		frappe.throw(_("Choose a KPI."), title=_("Missing KPI"))
	groups = ("month", *(group for group in groupings(filters.metric) if group != "month"))
	columns = [
		Column(filters.metric),
		Column(filters.metric, "numerator", "Numerator"),
		Column(filters.metric, "denominator", "Denominator"),
	]
	return figure_report("Followup KPI", filters, columns, groups, columns[:1])
