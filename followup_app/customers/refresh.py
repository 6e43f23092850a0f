"""The nightly customer refresh: lifecycle stage, churn risk with its factors, and auto-tiering.

Reads customers (with their last NPS), invoice statistics, complaints and missed visits in four aggregate queries, decides
with core.lifecycle, core.churn and core.tiers, and writes only what changed in batched updates.
Customers that became At Risk are then given to the planner, whose win-back policy plans their visit.
"""

from datetime import date, timedelta

import frappe
from frappe.query_builder.functions import Count, Max, Min, Sum
from frappe.utils import getdate
from pypika.terms import Case

from followup_app.core.chunks import Span
from followup_app.core.churn import ChurnSignals, churn_risk, encode_factors
from followup_app.core.lifecycle import lifecycle_stage
from followup_app.core.tiers import TierThreshold, tier_for_revenue
from followup_app.customers.tiering import log_tier_changes
from followup_app.platform.bulk import update_by_name
from followup_app.scheduling.spans import within
from followup_app.visits.planner import plan_due_visits


def refresh_customers(
	today: date | str | None = None, customers: Span | None = None, plan: bool = True
) -> dict:
	"""Recompute the lifecycle stage, churn risk and (auto-tiering on, unless pinned) tier of every
	enabled customer, or of those in `customers`.

	With `plan`, customers that became At Risk are planned at once; the nightly run plans its chunk
	right after instead.
	"""
	today = getdate(today)
	settings = frappe.get_single("Followup Settings")
	customer = frappe.qb.DocType("Customer")
	span = customers
	customers = within(
		frappe.qb.from_(customer)
		.select(
			customer.name,
			customer.followup_tier,
			customer.tier_pinned,
			customer.lifecycle_stage,
			customer.last_nps,
			customer.last_nps_on,
			customer.churn_risk_score,
			customer.churn_risk_factors,
			customer.churn_risk_scored_on,
		)
		.where(customer.disabled == 0),
		customer.name,
		span,
	).run(as_dict=True)
	invoices = invoice_statistics(today, span)
	complaints = complaint_counts(span)
	missed = missed_visit_counts(today, span)
	tiers = [
		TierThreshold(row.name, row.rank, row.min_annual_revenue)
		for row in frappe.get_all("Customer Tier", fields=["name", "rank", "min_annual_revenue"])
	]
	tier_changes = []

	changes: dict[str, dict] = {}
	newly_at_risk = []
	for row in customers:
		stats = invoices.get(row.name) or {}
		stage = lifecycle_stage(
			today,
			stats.get("count", 0),
			stats.get("first"),
			stats.get("last"),
			stats.get("last_year_count", 0),
			settings.inactive_days_at_risk,
			settings.inactive_days_churned,
		)
		open_count, breached = complaints.get(row.name, (0, 0))
		risk = churn_risk(
			ChurnSignals(
				today=today,
				invoice_count=stats.get("count", 0),
				first_invoice=stats.get("first"),
				last_invoice=stats.get("last"),
				recent_orders=stats.get("recent_count", 0),
				earlier_orders_per_90_days=stats.get("earlier_count", 0) / 4,
				recent_amount=stats.get("recent_amount", 0),
				earlier_amount_per_90_days=stats.get("earlier_amount", 0) / 4,
				open_complaints=open_count,
				breached_complaints=breached,
				last_nps=row.last_nps if row.last_nps_on else None,
				missed_visits=missed.get(row.name, 0),
			)
		)
		# A customer without invoices or any risk factor has no churn risk to speak of: not scored.
		scored = bool(stats.get("count") or risk.factors)
		factors = encode_factors(risk.factors)
		new = {"lifecycle_stage": stage, "churn_risk_score": risk.score, "churn_risk_factors": factors}
		if tiers and settings.auto_tiering and not row.tier_pinned:
			new["followup_tier"] = tier_for_revenue(tiers, stats.get("last_year_amount", 0))
		changed = {
			field: value for field, value in new.items() if (row.get(field) or None) != (value or None)
		}
		if scored != bool(row.churn_risk_scored_on) or (
			scored and {"churn_risk_score", "churn_risk_factors"} & changed.keys()
		):
			changed["churn_risk_scored_on"] = today if scored else None
		if changed:
			changes[row.name] = changed
		if "followup_tier" in changed:
			tier_changes.append(
				(row.name, row.followup_tier, changed["followup_tier"], stats.get("last_year_amount", 0))
			)
		if stage == "At Risk" and row.lifecycle_stage != "At Risk":
			newly_at_risk.append(row.name)

	update_by_name("Customer", changes)
	log_tier_changes(tier_changes)
	if newly_at_risk and plan:
		plan_due_visits(today)
	return {"customers": len(customers), "changed": len(changes), "newly_at_risk": len(newly_at_risk)}


def invoice_statistics(today: date, span: Span | None = None) -> dict[str, dict]:
	"""Per customer: invoice count, first and last dates, and 90-day / previous-360-day / 12-month figures."""
	invoice = frappe.qb.DocType("Sales Invoice")
	recent_from = today - timedelta(days=90)
	earlier_from = today - timedelta(days=450)
	year_from = today - timedelta(days=365)

	def counted(condition, value=1):
		return Sum(Case().when(condition, value).else_(0))

	recent = invoice.posting_date > recent_from
	earlier = (invoice.posting_date > earlier_from) & (invoice.posting_date <= recent_from)
	last_year = invoice.posting_date > year_from
	rows = within(
		frappe.qb.from_(invoice)
		.select(
			invoice.customer,
			Count("*"),
			Min(invoice.posting_date),
			Max(invoice.posting_date),
			counted(recent),
			counted(earlier),
			counted(recent, invoice.base_grand_total),
			counted(earlier, invoice.base_grand_total),
			counted(last_year),
			counted(last_year, invoice.base_grand_total),
		)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date <= today)
		.groupby(invoice.customer),
		invoice.customer,
		span,
	).run()
	keys = (
		"count",
		"first",
		"last",
		"recent_count",
		"earlier_count",
		"recent_amount",
		"earlier_amount",
		"last_year_count",
		"last_year_amount",
	)
	stats = {}
	for name, *values in rows:
		row = dict(zip(keys, values, strict=True))
		row["first"], row["last"] = getdate(row["first"]), getdate(row["last"])
		for key in keys[3:]:
			row[key] = float(row[key] or 0)
		stats[name] = row
	return stats


def complaint_counts(span: Span | None = None) -> dict[str, tuple[int, int]]:
	"""Per customer: (open complaints, of which breached)."""
	complaint = frappe.qb.DocType("Complaint")
	rows = within(
		frappe.qb.from_(complaint)
		.select(
			complaint.customer,
			Count("*"),
			Sum(Case().when(complaint.sla_status == "Breached", 1).else_(0)),
		)
		.where(complaint.status.isin(["Open", "In Progress", "Reopened"]))
		.groupby(complaint.customer),
		complaint.customer,
		span,
	).run()
	return {name: (int(opened), int(breached or 0)) for name, opened, breached in rows}


def missed_visit_counts(today: date, span: Span | None = None) -> dict[str, int]:
	"""Per customer: visits Missed in the last 180 days."""
	visit = frappe.qb.DocType("Visit Record")
	rows = within(
		frappe.qb.from_(visit)
		.select(visit.customer, Count("*"))
		.where(visit.status == "Missed")
		.where(visit.planned_date > today - timedelta(days=180))
		.groupby(visit.customer),
		visit.customer,
		span,
	).run()
	return dict(rows)
