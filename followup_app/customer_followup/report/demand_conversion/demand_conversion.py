# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = (*PERIOD_GROUPS, "category", *CUSTOMER_DIMENSIONS, "visitor", "customer", "total")
COLUMNS = [
	Column("opportunity_rate", "denominator", "Needs Raised"),
	Column("opportunity_rate", "numerator", "Opportunities"),
	Column("opportunity_rate"),
	Column("demand_conversion_rate", "numerator", "Quotations"),
	Column("demand_conversion_rate"),
	Column("order_rate", "numerator", "Sales Orders"),
	Column("order_rate"),
]


def execute(filters: dict | None = None):
	"""Demand Conversion: needs voiced on completed visits and how far they went (Opportunity,
	Quotation, Sales Order), by period, feedback category, customer dimension, visitor or customer."""
	return figure_report(
		"Demand Conversion", filters, COLUMNS, GROUPS, [COLUMNS[0], COLUMNS[1], COLUMNS[3], COLUMNS[5]]
	)
