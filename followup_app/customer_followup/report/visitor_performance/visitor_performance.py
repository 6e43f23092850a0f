# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from followup_app.kpi.reports import Column, figure_report

COLUMNS = [
	Column("visits_planned", "numerator", "Visits Planned"),
	Column("visit_completion_rate", "numerator", "Completed", {"status": "Completed"}),
	Column("visit_completion_rate", "rest", "Missed", {"status": "Missed"}),
	Column("visit_completion_rate"),
	Column("on_time_visit_rate"),
	Column("repurchase_rate"),
	Column("opportunity_rate", "denominator", "Needs Raised"),
	Column("demand_conversion_rate"),
	Column("satisfied_rate"),
	Column("has_issues_rate"),
	Column("high_potential_rate"),
	Column("unreachable_rate"),
	Column("customers_marked_unreachable", "numerator", "Customers Marked Unreachable"),
	Column("high_potential_opportunity_rate"),
	Column("high_potential_order_rate"),
	Column("over_long_visit_rate", "numerator", "Over-long Visits"),
	Column("over_long_visit_rate"),
	Column("complaints_opened", "numerator", "Complaints Assigned"),
	Column("resolution_sla"),
	Column("average_resolution_hours"),
]


def execute(filters: dict | None = None):
	"""Visitor Performance: each visitor's visits, completion and on-time rates, what their visits
	led to (repurchases, converted needs), the outcome mix with the High Potential conversion and the
	Unreachable rate, over-long visits, and how they handled the complaints assigned to them."""
	return figure_report("Visitor Performance", filters, COLUMNS, ("visitor",), [COLUMNS[3], COLUMNS[4]])
