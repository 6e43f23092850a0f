# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = (*PERIOD_GROUPS, "category", "severity", *CUSTOMER_DIMENSIONS, "visitor", "customer", "total")
COLUMNS = [
	Column("complaints_opened", "numerator", "Complaints Opened"),
	Column("open_complaints", "numerator", "Still Open"),
	Column("breached_complaints", "numerator", "SLA Breached"),
	Column("complaint_rate"),
	Column("response_sla"),
	Column("resolution_sla"),
	Column("average_resolution_hours"),
	Column("reopen_rate"),
]


def execute(filters: dict | None = None):
	"""Complaint Analysis: complaints opened, still open and breached, the complaint rate, SLA
	attainment, resolution time and reopen rate, by period, category, severity, customer dimension,
	assignee or customer. The complaint rate is per customer base, so not per assignee or customer."""
	group_by = frappe._dict(filters or {}).group_by
	columns = [
		column
		for column in COLUMNS
		if not (column.key == "complaint_rate" and group_by in ("visitor", "customer"))
	]
	return figure_report(
		"Complaint Analysis", filters, columns, GROUPS, [COLUMNS[0], COLUMNS[2]], owner_label="Assigned To"
	)
