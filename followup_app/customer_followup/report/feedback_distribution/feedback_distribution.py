# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = ("category", "feedback_type", *PERIOD_GROUPS, *CUSTOMER_DIMENSIONS, "visitor", "customer", "total")
COLUMNS = [
	Column("feedback_items", "numerator", "Feedback Items"),
	Column("feedback_problem_distribution", "numerator", "Problems"),
	Column("feedback_problem_distribution", label="Share of All Problems"),
]


def execute(filters: dict | None = None):
	"""Feedback Distribution: feedback items of completed visits and where the problems lie, by
	feedback category or type, period, customer dimension, visitor or customer."""
	group_by = frappe._dict(filters or {}).group_by or GROUPS[0]
	chart_type = "pie" if group_by in ("category", "feedback_type") else None
	return figure_report("Feedback Distribution", filters, COLUMNS, GROUPS, [COLUMNS[1]], chart_type)
