# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from followup_app.kpi.reports import CUSTOMER_DIMENSIONS, PERIOD_GROUPS, Column, figure_report

GROUPS = ("customer", *PERIOD_GROUPS, *CUSTOMER_DIMENSIONS, "total")
COLUMNS = [Column("points_issued"), Column("points_redeemed"), Column("points_expired")]


def execute(filters: dict | None = None):
	"""Loyalty Points Summary: points issued, redeemed and expired in the range, and their net, by
	customer (with each customer's balance today), period or customer dimension."""
	columns, rows, message, chart = figure_report("Loyalty Points Summary", filters, COLUMNS, GROUPS, COLUMNS)
	columns.append({"fieldname": "net_points", "label": _("Net Points"), "fieldtype": "Int", "width": 110})
	for row in rows:
		row["net_points"] = (
			(row["points_issued"] or 0) - (row["points_redeemed"] or 0) - (row["points_expired"] or 0)
		)
	if (frappe._dict(filters or {}).group_by or GROUPS[0]) == "customer" and rows:
		columns.append(
			{"fieldname": "balance", "label": _("Balance Today"), "fieldtype": "Int", "width": 120}
		)
		balances = dict(
			frappe.get_all(
				"Customer",
				filters={"name": ("in", [row["group"] for row in rows])},
				fields=["name", "loyalty_points_balance"],
				as_list=True,
			)
		)
		for row in rows:
			row["balance"] = balances.get(row["group"], 0)
	return columns, rows, message, chart
