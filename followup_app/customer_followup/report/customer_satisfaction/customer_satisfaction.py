# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from followup_app.kpi.reports import Column, figure_report

GROUPS = ("month", "week", "quarter", "tier", "customer_group", "territory", "customer", "total")
COLUMNS = [
	Column("surveys_completed", "numerator", "Surveys Completed"),
	Column("average_satisfaction"),
	Column("nps"),
	Column("promoters", "numerator", "Promoters"),
	Column("detractors", "numerator", "Detractors"),
	Column("customer_effort"),
	Column("survey_response_rate"),
]


def execute(filters: dict | None = None):
	"""Customer Satisfaction: completed surveys with CSAT, NPS (promoters and detractors), CES and
	the response rate of the surveys sent, by period, customer dimension or customer."""
	return figure_report("Customer Satisfaction", filters, COLUMNS, GROUPS, [COLUMNS[2]])
