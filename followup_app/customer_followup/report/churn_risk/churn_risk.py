# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import add_months, cint, getdate

from followup_app.core.churn import FACTOR_LABELS, decode_factors, risk_band
from followup_app.core.limits import Limit
from followup_app.kpi.definitions import Scope, kpi_total
from followup_app.platform.compat import aggregate
from followup_app.platform.limits import limit_message

BANDS = ("Low", "Medium", "High", "Critical")
DEFAULT_LIMIT = 500


def execute(filters: dict | None = None):
	"""Churn Risk: the customers whose churn risk score is at least the chosen minimum, highest first
	(at most `limit`), with the factors behind the score; the summary counts them all and gives the
	churn rate over the date range. The chart bands the customers listed."""
	filters = frappe._dict(filters or {})
	# The dates only frame the churn rate of the summary: the last 12 months unless given.
	filters.to_date = filters.to_date or getdate()
	filters.from_date = filters.from_date or add_months(getdate(filters.to_date), -12)
	scope = Scope.from_filters(filters)
	limit = cint(filters.limit) or DEFAULT_LIMIT
	if limit < 1:
		frappe.throw(limit_message(_("Show at Most"), Limit(1)), title=_("Invalid Value"))
	rows = frappe.get_list(
		"Customer",
		filters=customer_filters(filters),
		fields=[
			"name as customer",
			"customer_name",
			"followup_tier",
			"lifecycle_stage",
			"churn_risk_score",
			"churn_risk_factors",
			"churn_risk_scored_on",
			"last_visit_date",
			"next_visit_due",
			"account_manager",
		],
		order_by="churn_risk_score desc, name asc",
		limit_page_length=limit,
	)
	at_risk = frappe.get_list(
		"Customer", filters=customer_filters(filters), fields=[aggregate("count", "name", "total")]
	)[0].total
	counts = {band: 0 for band in BANDS}
	for row in rows:
		if row.churn_risk_scored_on:
			counts[risk_band(row.churn_risk_score)] += 1
		present(row)
	chart = {
		"data": {
			"labels": [_(band) for band in BANDS],
			"datasets": [{"name": _("Customers"), "values": [counts[band] for band in BANDS]}],
		},
		"type": "bar",
	}
	summary = [
		{
			"value": at_risk,
			"label": _("Customers at or above the Minimum"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": kpi_total("churn_rate", scope),
			"label": _("Churn Rate"),
			"datatype": "Percent",
			"indicator": "Red",
		},
	]
	return columns(), rows, None, chart, summary


def present(row):
	"""Show a row in the reader's language; a customer not scored yet shows no score, band or factors."""
	if row.churn_risk_scored_on:
		row.risk_band = _(risk_band(row.churn_risk_score))
		row.churn_risk_factors = factor_lines(row.churn_risk_factors)
	else:
		row.churn_risk_score = row.risk_band = row.churn_risk_factors = None
	row.lifecycle_stage = _(row.lifecycle_stage) if row.lifecycle_stage else None


def factor_lines(stored: str | None) -> str:
	"""Stored factor codes as translated lines, e.g. "No purchase for longer than usual: +35"."""
	return "\n".join(
		_("{0}: +{1}").format(_(FACTOR_LABELS[code]), points) for code, points in decode_factors(stored)
	)


def customer_filters(filters) -> dict:
	result = {"disabled": 0, "churn_risk_score": (">=", cint(filters.min_score))}
	if filters.customer_tier:
		result["followup_tier"] = filters.customer_tier
	if filters.customer_group:
		result["customer_group"] = ("descendants of (inclusive)", filters.customer_group)
	if filters.territory:
		result["territory"] = ("descendants of (inclusive)", filters.territory)
	if filters.lifecycle_stage:
		result["lifecycle_stage"] = filters.lifecycle_stage
	if filters.account_manager:
		result["account_manager"] = filters.account_manager
	return result


def column(fieldname: str, label: str, fieldtype: str, width: int, options: str | None = None) -> dict:
	"""A report column; `options` names the DocType of a Link."""
	return {
		"fieldname": fieldname,
		"label": label,
		"fieldtype": fieldtype,
		"width": width,
		"options": options,
	}


def columns() -> list[dict]:
	return [
		column("customer", _("Customer"), "Link", 180, "Customer"),
		column("customer_name", _("Customer Name"), "Data", 180),
		column("churn_risk_score", _("Churn Risk Score"), "Int", 120),
		column("risk_band", _("Risk Band"), "Data", 100),
		column("churn_risk_scored_on", _("Churn Risk Scored On"), "Date", 110),
		column("churn_risk_factors", _("Churn Risk Factors"), "Small Text", 320),
		column("followup_tier", _("Follow-up Tier"), "Link", 110, "Customer Tier"),
		column("lifecycle_stage", _("Lifecycle Stage"), "Data", 110),
		column("last_visit_date", _("Last Visit Date"), "Date", 110),
		column("next_visit_due", _("Next Visit Due"), "Date", 110),
		column("account_manager", _("Account Manager"), "Link", 160, "User"),
	]
