"""One definition per KPI: which records count, by which date, and what is numerator and denominator.

`kpi_rows` runs a KPI for a date range, grouped by a period (week, month, quarter) or a dimension
(tier, customer group, territory, visitor), and applies the record-level rules of the user.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import frappe
from frappe.query_builder.functions import Count, Sum
from pypika.terms import Case, CustomFunction

from followup_app.core.kpi import KPIS, kpi_value
from followup_app.visits.permissions import sees_all_visits

DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
Quarter = CustomFunction("QUARTER", ["date"])
Year = CustomFunction("YEAR", ["date"])
Concat = CustomFunction("CONCAT", ["a", "b", "c"])
Timestampdiff = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])
DateOf = CustomFunction("DATE", ["value"])

DIMENSIONS = {
	"tier": "followup_tier",
	"customer_group": "customer_group",
	"territory": "territory",
}
PERIODS = ("week", "month", "quarter")
ACTIVE_STAGES = ("New", "Active", "Loyal", "At Risk")


def flag(condition, value=1):
	return Sum(Case().when(condition, value).else_(0))


@dataclass(frozen=True)
class Source:
	"""Where a KPI counts: its table, the date that places a record in a period, and its measures."""

	doctype: str
	date_field: str
	measures: Callable  # table -> (numerator, denominator, extra where condition or None)
	visitor_field: str | None = None  # the user a record belongs to, for "visitor" grouping and record rules


def _visit(measure):
	return Source("Visit Record", "planned_date", measure, "visitor")


def _survey(measure):
	return Source("Satisfaction Survey", "completed_on", measure)


def _complaint(date_field, measure):
	return Source("Complaint", date_field, measure, "assigned_to")


def _points(kind):
	def measure(table):
		if kind == "Earn":
			return Sum(table.points), Count("*"), (table.points > 0) & (table.docstatus == 1)
		return Sum(table.points * -1), Count("*"), (table.transaction_type == kind) & (table.docstatus == 1)

	return Source("Loyalty Points", "posting_date", measure)


SOURCES = {
	"visit_completion_rate": _visit(
		lambda t: (flag(t.status == "Completed"), Count("*"), t.status.isin(["Completed", "Missed"]))
	),
	"on_time_visit_rate": _visit(
		lambda t: (flag(DateOf(t.visit_datetime) <= t.planned_date), Count("*"), t.status == "Completed")
	),
	"average_satisfaction": _survey(
		lambda t: (Sum(t.csat), Count("*"), (t.status == "Completed") & (t.csat > 0))
	),
	"nps": _survey(
		lambda t: (
			flag(t.nps_category == "Promoter") - flag(t.nps_category == "Detractor"),
			Count("*"),
			(t.status == "Completed") & t.nps_category.isin(["Promoter", "Passive", "Detractor"]),
		)
	),
	"customer_effort": _survey(lambda t: (Sum(t.ces), Count("*"), (t.status == "Completed") & (t.ces > 0))),
	"complaint_rate": _complaint("opened_on", lambda t: (Count("*"), None, None)),
	"response_sla": _complaint(
		"opened_on",
		lambda t: (flag(t.first_response_on <= t.response_due), Count("*"), t.first_response_on.isnotnull()),
	),
	"resolution_sla": _complaint(
		"resolved_on",
		lambda t: (flag(t.resolved_on <= t.resolution_due), Count("*"), t.resolved_on.isnotnull()),
	),
	"average_resolution_hours": _complaint(
		"resolved_on",
		lambda t: (
			Sum(Timestampdiff(frappe.qb.terms.PseudoColumn("SECOND"), t.opened_on, t.resolved_on)) / 3600,
			Count("*"),
			t.resolved_on.isnotnull(),
		),
	),
	"reopen_rate": _complaint(
		"opened_on",
		lambda t: (flag(t.reopen_count > 0), Count("*"), t.resolved_on.isnotnull() | (t.reopen_count > 0)),
	),
	"points_issued": _points("Earn"),
	"points_redeemed": _points("Redeem"),
	"points_expired": _points("Expire"),
}


def period_key(field, period: str):
	if period == "week":
		return DateFormat(field, "%x-W%v")
	if period == "quarter":
		return Concat(Year(field), "-Q", Quarter(field))
	return DateFormat(field, "%Y-%m")


def kpi_rows(
	key: str, from_date: date | str, to_date: date | str, group_by: str = "month", user: str | None = None
) -> list[dict]:
	"""[{group, numerator, denominator, value}] of KPI `key` over the date range, by `group_by`.

	`group_by` is a period (week, month, quarter), a dimension (tier, customer_group, territory,
	visitor) or "total". A user who does not see every record gets only their own.
	"""
	if key == "demand_conversion_rate":
		return demand_conversion_rows(from_date, to_date, group_by, user)
	source = SOURCES[key]
	table = frappe.qb.DocType(source.doctype)
	customer = frappe.qb.DocType("Customer")
	numerator, denominator, condition = source.measures(table)
	date_field = table[source.date_field]
	group = group_expression(group_by, date_field, customer, table, source)
	query = (
		frappe.qb.from_(table)
		.left_join(customer)
		.on(customer.name == table.customer)
		.select(
			group.as_("group_key"), numerator.as_("numerator"), (denominator or Count("*")).as_("denominator")
		)
		.where(DateOf(date_field) >= from_date)
		.where(DateOf(date_field) <= to_date)
		.groupby(group)
		.orderby(group)
	)
	if condition is not None:
		query = query.where(condition)
	query = restrict(query, table, source, customer, user)
	rows = query.run(as_dict=True)
	if key == "complaint_rate":
		active = active_customers(group_by)
		for row in rows:
			row.denominator = active.get(row.group_key, active.get(None, 0))
	kind = KPIS[key].kind
	return [
		{
			"group": row.group_key,
			"numerator": float(row.numerator or 0),
			"denominator": float(row.denominator or 0),
			"value": kpi_value(kind, row.numerator or 0, row.denominator or 0),
		}
		for row in rows
	]


def group_expression(group_by: str, date_field, customer, table, source: Source):
	if group_by in PERIODS:
		return period_key(date_field, group_by)
	if group_by in DIMENSIONS:
		return customer[DIMENSIONS[group_by]]
	if group_by == "visitor" and source.visitor_field:
		return table[source.visitor_field]
	if group_by in ("total", "visitor"):
		return frappe.qb.terms.ValueWrapper("total")
	frappe.throw(frappe._("Unknown grouping {0}.").format(group_by))


def restrict(query, table, source: Source, customer, user: str | None):
	"""Record-level rules: a Followup User counts only their own visits / complaints."""
	user = user or frappe.session.user
	if sees_all_visits(user) or not source.visitor_field:
		return query
	if source.doctype == "Complaint":
		return query.where((table.assigned_to == user) | (customer.account_manager == user))
	return query.where(table[source.visitor_field] == user)


def active_customers(group_by: str) -> dict:
	"""Customers in an active lifecycle stage, per dimension value (or in all for periods)."""
	customer = frappe.qb.DocType("Customer")
	query = (
		frappe.qb.from_(customer)
		.where(customer.disabled == 0)
		.where(customer.lifecycle_stage.isin(ACTIVE_STAGES))
	)
	if group_by in DIMENSIONS:
		field = customer[DIMENSIONS[group_by]]
		return dict(query.select(field, Count("*")).groupby(field).run())
	return {None: query.select(Count("*")).run()[0][0]}


def demand_conversion_rows(from_date, to_date, group_by: str, user: str | None) -> list[dict]:
	"""Needs voiced on completed visits in the range, and how many became an Opportunity that reached
	a Quotation (status Quotation or Converted)."""
	item = frappe.qb.DocType("Visit Feedback Item")
	visit = frappe.qb.DocType("Visit Record")
	opportunity = frappe.qb.DocType("Opportunity")
	customer = frappe.qb.DocType("Customer")
	source = Source("Visit Record", "visit_datetime", None, "visitor")
	group = group_expression(group_by, visit.visit_datetime, customer, visit, source)
	query = (
		frappe.qb.from_(item)
		.join(visit)
		.on((visit.name == item.parent) & (item.parenttype == "Visit Record"))
		.left_join(opportunity)
		.on(opportunity.name == item.opportunity)
		.left_join(customer)
		.on(customer.name == visit.customer)
		.select(
			group.as_("group_key"),
			flag(opportunity.status.isin(["Quotation", "Converted"])).as_("numerator"),
			Count("*").as_("denominator"),
		)
		.where(item.feedback_type == "Need")
		.where(visit.status == "Completed")
		.where(DateOf(visit.visit_datetime) >= from_date)
		.where(DateOf(visit.visit_datetime) <= to_date)
		.groupby(group)
		.orderby(group)
	)
	query = restrict(query, visit, source, customer, user)
	return [
		{
			"group": row.group_key,
			"numerator": float(row.numerator or 0),
			"denominator": float(row.denominator or 0),
			"value": kpi_value(KPIS["demand_conversion_rate"].kind, row.numerator or 0, row.denominator or 0),
		}
		for row in query.run(as_dict=True)
	]
