# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = (*PERIOD_GROUPS, *CUSTOMER_DIMENSIONS, "visitor", "customer", "total")
COLUMNS = [
	Column("visits_planned", "numerator", "Visits Planned"),
	Column("visit_completion_rate", "numerator", "Completed", {"status": "Completed"}),
	Column("visit_completion_rate", "rest", "Missed", {"status": "Missed"}),
	Column("open_visits", "numerator", "Open"),
	Column("visit_completion_rate"),
	Column("on_time_visit_rate"),
	Column("repurchase_rate"),
]


def execute(filters: dict | None = None):
	"""Visit Completion: planned, completed, missed and open visits with completion, on-time and
	repurchase rates, by period, customer dimension, visitor or customer."""
	return figure_report("Visit Completion", filters, COLUMNS, GROUPS, [COLUMNS[4], COLUMNS[5]])
