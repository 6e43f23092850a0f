"""One definition per KPI: which records count, by which date, and what is numerator and denominator.

Every figure is a *measure* on a *source*. A source is the table counted (Visit Record, Complaint...),
the date that places a record in a period and the user it belongs to; a measure is a scope (which
of the source's records count: the denominator) and a value summed over those records (the
numerator). All measures of one source are counted in a single grouped query, so a report with
eight columns costs one query per source, whatever the number of customers.

`kpi_table` runs figures for a `Scope` (date range, customer dimensions, visitor, record rules),
grouped by a period (week, month, quarter), a dimension (tier, customer group, territory), the
visitor, a category of the record, or "total". Reports, number cards, goals and the weekly digest
all call it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Concat, Count, Date, Sum
from frappe.utils import add_days, getdate
from pypika import analytics
from pypika.terms import (
	Case,
	Criterion,
	CustomFunction,
	ExistsCriterion,
	Interval,
	PseudoColumn,
	ValueWrapper,
)

from followup_app.core.kpi import FIGURES, kpi_value
from followup_app.core.timeslots import CALL_CHANNELS, ONSITE_CHANNELS
from followup_app.visits.permissions import sees_all_visits

DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
Quarter = CustomFunction("QUARTER", ["date"])
Year = CustomFunction("YEAR", ["date"])
Timestampdiff = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])

PERIODS = ("week", "month", "quarter")
DIMENSIONS = {"tier": "followup_tier", "customer_group": "customer_group", "territory": "territory"}
TREES = {"customer_group": "Customer Group", "territory": "Territory"}
ACTIVE_STAGES = ("New", "Active", "Loyal", "At Risk")
EVER = date(2000, 1, 1)  # the start of "all time" for figures of open work (overdue visits, open complaints)
OPEN_COMPLAINT = ("Open", "In Progress", "Reopened")
GROUP_LABELS = {
	"week": "Week",
	"month": "Month",
	"quarter": "Quarter",
	"tier": "Customer Tier",
	"customer_group": "Customer Group",
	"territory": "Territory",
	"visitor": "Visited By",
	"customer": "Customer",
	"category": "Feedback Category",
	"severity": "Severity",
	"feedback_type": "Feedback Type",
	"channel": "Channel",
	"survey_template": "Survey Template",
	"total": "Total",
}


@dataclass(frozen=True)
class Scope:
	"""Which records count: a date range (inclusive), optional customer tier / group / territory
	(groups and territories include their descendants), an optional visitor, and the user whose
	record-level rules apply (the session user when None)."""

	from_date: date
	to_date: date
	tier: str | None = None
	customer_group: str | None = None
	territory: str | None = None
	visitor: str | None = None
	category: str | None = None  # a Feedback Category (complaints and feedback items only)
	company: str | None = None  # loyalty points only: the other records are not per company
	user: str | None = None

	@classmethod
	def from_filters(cls, filters: dict, user: str | None = None) -> "Scope":
		"""A scope from report filters; a missing or reversed date range is refused."""
		filters = frappe._dict(filters or {})
		if not (filters.from_date and filters.to_date) or getdate(filters.from_date) > getdate(
			filters.to_date
		):
			frappe.throw(_("Choose a date range that ends after it starts."), title=_("Invalid Dates"))
		return cls(
			getdate(filters.from_date),
			getdate(filters.to_date),
			tier=filters.customer_tier or None,
			customer_group=filters.customer_group or None,
			territory=filters.territory or None,
			visitor=filters.visitor or None,
			category=filters.category or None,
			company=filters.company or None,
			user=user,
		)

	def customer_filtered(self) -> bool:
		return bool(self.tier or self.customer_group or self.territory)


@dataclass(frozen=True)
class Source:
	"""A table the KPIs count, the record it belongs to and how that record is placed and owned."""

	doctype: str  # the record: it has `customer`, the date field and the owner field
	date_field: str
	owner_field: str | None = None  # the user a record belongs to: "visitor" grouping and record rules
	child: str | None = None  # a child table of the record, counted row by row
	row_groups: tuple[str, ...] = ()  # groupings by a field of the counted row (category, severity...)
	company_field: str | None = None
	# The indexes a dated read may use (the date field's): left free, MariaDB may walk the owner's
	# index to save a sort and read a million rows at random (see BENCHMARKS.md).
	date_index: tuple[str, ...] = ()
	owner_index: str | None = None  # the index to read by when grouping by or filtering on the owner


# Covers every visit measure: each scopes by status values, and planned dates range within each.
VISIT_KPI_INDEX = "kpi_status_planned_date_outcome_index"
VISIT_KPI_COLUMNS = (
	"status",
	"planned_date",
	"visitor",
	"visit_datetime",
	"customer",
	"followed_by_purchase",
	"outcome",
	"channel",
	"duration_minutes",
	"attempts_exhausted",
)
# The same columns visitor first, for figures by or of one visitor (no temporary table to group).
VISIT_OWNER_INDEX = "kpi_visitor_outcome_index"
# Indexes of earlier versions, covering fewer columns: dropped when the DocType is updated.
RETIRED_VISIT_INDEXES = ("kpi_status_planned_date_index", "kpi_visitor_index")
VISIT_OWNER_COLUMNS = ("visitor", *VISIT_KPI_COLUMNS[:2], *VISIT_KPI_COLUMNS[3:])
VISITS = Source(
	"Visit Record", "planned_date", "visitor", date_index=(VISIT_KPI_INDEX,), owner_index=VISIT_OWNER_INDEX
)
FEEDBACK = Source(
	"Visit Record", "planned_date", "visitor", "Visit Feedback Item", ("category", "feedback_type")
)
SURVEY_GROUPS = ("channel", "survey_template")
SURVEYS_COMPLETED = Source(
	"Satisfaction Survey", "completed_on", row_groups=SURVEY_GROUPS, date_index=("completed_on",)
)
SURVEYS_SENT = Source("Satisfaction Survey", "sent_on", row_groups=SURVEY_GROUPS, date_index=("sent_on",))
COMPLAINTS_OPENED = Source(
	"Complaint", "opened_on", "assigned_to", row_groups=("category", "severity"), date_index=("opened_on",)
)
COMPLAINTS_RESOLVED = Source(
	"Complaint",
	"resolved_on",
	"assigned_to",
	row_groups=("category", "severity"),
	date_index=("resolved_on",),
)
POINTS = Source("Loyalty Points", "posting_date", company_field="company", date_index=("posting_date",))


@dataclass(frozen=True)
class Tables:
	"""The aliases a measure reads: the counted row, its record and (feedback only) the Opportunity."""

	row: object
	record: object
	opportunity: object | None = None


@dataclass(frozen=True)
class Measure:
	source: Source
	# tables -> (value summed over the scoped rows, scope criterion or None for every row)
	terms: Callable


def one_if(condition):
	return Case().when(condition, 1).else_(0)


def outcome_share(outcome: str) -> Measure:
	"""Completed visits with `outcome` among all completed visits (the outcome mix)."""
	return Measure(VISITS, lambda t: (one_if(t.row.outcome == outcome), t.row.status == "Completed"))


def high_potential_converted(won: bool) -> Measure:
	"""High Potential visits that led to an Opportunity (`won`: one that became a Sales Order, i.e.
	Converted) among completed High Potential visits."""

	def terms(t: Tables):
		opportunity = frappe.qb.DocType("Opportunity")
		led_to = (
			frappe.qb.from_(opportunity)
			.select(opportunity.name)
			.where(opportunity.followup_visit == t.row.name)
		)
		if won:
			led_to = led_to.where(opportunity.status == "Converted")
		return (
			one_if(ExistsCriterion(led_to)),
			(t.row.status == "Completed") & (t.row.outcome == "High Potential"),
		)

	return Measure(VISITS, terms)


def over_long_terms(t: Tables):
	"""Completed calls and on-site visits with a duration: those longer than their channel's guidance."""
	phone = frappe.db.get_single_value("Followup Settings", "phone_minutes_max") or 0
	onsite = frappe.db.get_single_value("Followup Settings", "onsite_minutes_max") or 0
	limit = Case().when(t.row.channel.isin(CALL_CHANNELS), phone).else_(onsite)
	return (
		one_if(t.row.duration_minutes > limit),
		(t.row.status == "Completed")
		& (t.row.duration_minutes > 0)
		& t.row.channel.isin([*CALL_CHANNELS, *ONSITE_CHANNELS]),
	)


def points_of(kind: str):
	def terms(t: Tables):
		if kind == "Earn":
			return t.row.points, (t.row.points > 0) & (t.row.docstatus == 1)
		return t.row.points * -1, (t.row.transaction_type == kind) & (t.row.docstatus == 1)

	return Measure(POINTS, terms)


MEASURES = {
	# Visits (planned in the range)
	"visits_planned": Measure(VISITS, lambda t: (1, t.row.status.isin(["Planned", "Completed", "Missed"]))),
	"open_visits": Measure(VISITS, lambda t: (1, t.row.status == "Planned")),
	"visit_completion_rate": Measure(
		VISITS, lambda t: (one_if(t.row.status == "Completed"), t.row.status.isin(["Completed", "Missed"]))
	),
	"on_time_visit_rate": Measure(
		VISITS,
		lambda t: (one_if(Date(t.row.visit_datetime) <= t.row.planned_date), t.row.status == "Completed"),
	),
	"repurchase_rate": Measure(VISITS, lambda t: (t.row.followed_by_purchase, t.row.status == "Completed")),
	# Outcomes of completed visits (seed 003 step 4) and what they led to
	"satisfied_rate": outcome_share("Satisfied"),
	"has_issues_rate": outcome_share("Has Issues"),
	"high_potential_rate": outcome_share("High Potential"),
	"unreachable_rate": outcome_share("Unreachable"),
	"high_potential_opportunity_rate": high_potential_converted(won=False),
	"high_potential_order_rate": high_potential_converted(won=True),
	"customers_marked_unreachable": Measure(
		VISITS, lambda t: (1, (t.row.status == "Completed") & (t.row.attempts_exhausted == 1))
	),
	"over_long_visit_rate": Measure(VISITS, over_long_terms),
	# Feedback items of completed visits
	"feedback_items": Measure(FEEDBACK, lambda t: (1, t.record.status == "Completed")),
	"feedback_problem_distribution": Measure(
		FEEDBACK, lambda t: (1, (t.record.status == "Completed") & (t.row.feedback_type == "Problem"))
	),
	"opportunity_rate": Measure(
		FEEDBACK,
		lambda t: (
			one_if(t.row.opportunity.isnotnull() & (t.row.opportunity != "")),
			(t.record.status == "Completed") & (t.row.feedback_type == "Need"),
		),
	),
	"demand_conversion_rate": Measure(
		FEEDBACK,
		lambda t: (
			one_if(t.opportunity.status.isin(["Quotation", "Converted"])),
			(t.record.status == "Completed") & (t.row.feedback_type == "Need"),
		),
	),
	"order_rate": Measure(
		FEEDBACK,
		lambda t: (
			one_if(t.opportunity.status == "Converted"),
			(t.record.status == "Completed") & (t.row.feedback_type == "Need"),
		),
	),
	# Surveys (completed in the range, or sent in it for the response rate)
	"surveys_completed": Measure(SURVEYS_COMPLETED, lambda t: (1, t.row.status == "Completed")),
	"average_satisfaction": Measure(
		SURVEYS_COMPLETED, lambda t: (t.row.csat, (t.row.status == "Completed") & (t.row.csat > 0))
	),
	"nps": Measure(
		SURVEYS_COMPLETED,
		lambda t: (
			one_if(t.row.nps_category == "Promoter") - one_if(t.row.nps_category == "Detractor"),
			(t.row.status == "Completed") & t.row.nps_category.isin(["Promoter", "Passive", "Detractor"]),
		),
	),
	"promoters": Measure(
		SURVEYS_COMPLETED, lambda t: (1, (t.row.status == "Completed") & (t.row.nps_category == "Promoter"))
	),
	"detractors": Measure(
		SURVEYS_COMPLETED, lambda t: (1, (t.row.status == "Completed") & (t.row.nps_category == "Detractor"))
	),
	"customer_effort": Measure(
		SURVEYS_COMPLETED, lambda t: (t.row.ces, (t.row.status == "Completed") & (t.row.ces > 0))
	),
	"survey_response_rate": Measure(
		SURVEYS_SENT,
		lambda t: (one_if(t.row.status == "Completed"), t.row.status.isin(["Sent", "Completed", "Expired"])),
	),
	# Reminders go to unanswered surveys only: a reminded survey that is Completed was answered after it.
	"answered_after_reminder": Measure(
		SURVEYS_SENT,
		lambda t: (
			one_if(t.row.status == "Completed"),
			t.row.reminder_sent_on.isnotnull() & t.row.status.isin(["Sent", "Completed", "Expired"]),
		),
	),
	# Complaints (opened in the range, or resolved in it)
	"complaints_opened": Measure(COMPLAINTS_OPENED, lambda t: (1, None)),
	"complaint_rate": Measure(COMPLAINTS_OPENED, lambda t: (1, None)),  # denominator: active customers
	"open_complaints": Measure(COMPLAINTS_OPENED, lambda t: (1, t.row.status.isin(OPEN_COMPLAINT))),
	"breached_complaints": Measure(
		COMPLAINTS_OPENED, lambda t: (1, t.row.status.isin(OPEN_COMPLAINT) & (t.row.sla_status == "Breached"))
	),
	"response_sla": Measure(
		COMPLAINTS_OPENED,
		lambda t: (
			one_if(t.row.first_response_on <= t.row.response_due),
			t.row.first_response_on.isnotnull(),
		),
	),
	"reopen_rate": Measure(
		COMPLAINTS_OPENED,
		lambda t: (one_if(t.row.reopen_count > 0), t.row.resolved_on.isnotnull() | (t.row.reopen_count > 0)),
	),
	"resolution_sla": Measure(
		COMPLAINTS_RESOLVED,
		lambda t: (one_if(t.row.resolved_on <= t.row.resolution_due), t.row.resolved_on.isnotnull()),
	),
	"average_resolution_hours": Measure(
		COMPLAINTS_RESOLVED,
		lambda t: (
			Timestampdiff(PseudoColumn("SECOND"), t.row.opened_on, t.row.resolved_on) / 3600,
			t.row.resolved_on.isnotnull(),
		),
	),
	# Loyalty points (posted in the range)
	"points_issued": points_of("Earn"),
	"points_redeemed": points_of("Redeem"),
	"points_expired": points_of("Expire"),
}


def groupings(key: str) -> tuple[str, ...]:
	"""The groupings figure `key` supports."""
	base = ("total", *PERIODS, *DIMENSIONS)
	if key == "churn_rate":
		return base
	source = MEASURES[key].source
	if key == "complaint_rate":
		return (*base, *source.row_groups)
	return (*base, "customer", *(("visitor",) if source.owner_field else ()), *source.row_groups)


def kpi_rows(key: str, scope: Scope, group_by: str = "month") -> list[dict]:
	"""[{group, numerator, denominator, value}] of figure `key` in `scope`, by `group_by`, in group order."""
	table = kpi_table([key], scope, group_by)
	return [{"group": group, **figures[key]} for group, figures in table.items()]


def kpi_total(key: str, scope: Scope) -> float | None:
	"""The single value of figure `key` over the whole scope (None when there is nothing to measure)."""
	rows = kpi_rows(key, scope, "total")
	if rows:
		return rows[0]["value"]
	return kpi_value(FIGURES[key].kind, 0, 0)


def kpi_table(keys: list[str], scope: Scope, group_by: str = "total") -> dict:
	"""{group: {key: {numerator, denominator, value}}} for figures `keys`, groups in sorted order.

	One query per source; a group missing for one figure reads as nothing measured.
	"""
	for key in keys:
		if key not in FIGURES:
			frappe.throw(_("Unknown KPI {0}.").format(key))
		if group_by not in groupings(key):
			frappe.throw(
				_("{0} cannot be grouped by {1}.").format(
					_(FIGURES[key].label), _(GROUP_LABELS.get(group_by, group_by))
				)
			)
		source = MEASURES[key].source if key in MEASURES else None
		if scope.visitor and not (source and source.owner_field):
			frappe.throw(_("{0} cannot be filtered by visitor.").format(_(FIGURES[key].label)))
		if scope.category and not (source and "category" in source.row_groups):
			frappe.throw(_("{0} cannot be filtered by feedback category.").format(_(FIGURES[key].label)))
		if scope.company and not (source and source.company_field):
			frappe.throw(_("{0} cannot be filtered by company.").format(_(FIGURES[key].label)))
	counted: dict = {}
	by_source: dict[Source, list[str]] = {}
	for key in keys:
		if key == "churn_rate":
			merge(counted, "churn_rate", churn_counts(scope, group_by))
		else:
			by_source.setdefault(MEASURES[key].source, []).append(key)
	for source, source_keys in by_source.items():
		for key, counts in count_source(source, source_keys, scope, group_by).items():
			merge(counted, key, counts)
	if "complaint_rate" in keys:
		active = active_customers(scope, group_by)
		for group, figures in counted.items():
			if "complaint_rate" in figures:
				figures["complaint_rate"][1] = (
					active.get(group, 0) if group_by in DIMENSIONS else active.get(None, 0)
				)
	if "feedback_problem_distribution" in keys:
		problems = sum(
			f["feedback_problem_distribution"][0]
			for f in counted.values()
			if "feedback_problem_distribution" in f
		)
		for figures in counted.values():
			if "feedback_problem_distribution" in figures:
				figures["feedback_problem_distribution"][1] = problems
	table = {}
	for group in sorted(counted, key=lambda value: (value is None, str(value))):
		table[group] = {}
		for key in keys:
			numerator, denominator = counted[group].get(key, (0, 0))
			table[group][key] = {
				"numerator": float(numerator or 0),
				"denominator": float(denominator or 0),
				"value": kpi_value(FIGURES[key].kind, numerator or 0, denominator or 0),
			}
	return table


def merge(counted: dict, key: str, counts: dict):
	for group, pair in counts.items():
		counted.setdefault(group, {})[key] = list(pair)


def count_source(source: Source, keys: list[str], scope: Scope, group_by: str) -> dict:
	"""{key: {group: (numerator, denominator)}} for measures `keys` of one source, in one query."""
	record = frappe.qb.DocType(source.doctype)
	row = frappe.qb.DocType(source.child) if source.child else record
	customer = frappe.qb.DocType("Customer")
	tables = Tables(row, record)
	query = frappe.qb.from_(row)
	if source.owner_index and (group_by == "visitor" or scope.visitor):
		query = query.use_index(source.owner_index)
	elif source.date_index:
		query = query.use_index(*source.date_index)
	if source.child:
		query = query.join(record).on((record.name == row.parent) & (row.parenttype == source.doctype))
	if source is FEEDBACK:
		opportunity = frappe.qb.DocType("Opportunity")
		tables = Tables(row, record, opportunity)
		query = query.left_join(opportunity).on(opportunity.name == row.opportunity)
	if needs_customer(source, scope, group_by):
		query = query.left_join(customer).on(customer.name == record.customer)
	group = group_expression(group_by, record[source.date_field], customer, record, row, source)
	selects = [group.as_("group_key")]
	conditions = []
	for index, key in enumerate(keys):
		value, condition = MEASURES[key].terms(tables)
		conditions.append(condition)
		if condition is None:
			selects += [Sum(value).as_(f"n{index}"), Count("*").as_(f"d{index}")]
		else:
			selects += [
				Sum(Case().when(condition, value).else_(0)).as_(f"n{index}"),
				Sum(one_if(condition)).as_(f"d{index}"),
			]
	query = query.select(*selects).groupby(group)
	if all(condition is not None for condition in conditions):
		# Rows outside every measure's scope add nothing: leave them out (an index may then serve).
		query = query.where(Criterion.any(conditions))
	query = within_dates(query, record[source.date_field], scope)
	query = within_scope(query, scope, customer, record, source)
	if scope.category:
		query = query.where(row.category == scope.category)
	if scope.company:
		query = query.where(record[source.company_field] == scope.company)
	counts: dict = {key: {} for key in keys}
	for result in query.run():
		for index, key in enumerate(keys):
			counts[key][result[0]] = (result[1 + 2 * index], result[2 + 2 * index])
	return counts


def needs_customer(source: Source, scope: Scope, group_by: str) -> bool:
	restricted = source.doctype == "Complaint" and not sees_all_visits(scope.user or frappe.session.user)
	return group_by in DIMENSIONS or scope.customer_filtered() or restricted


def within_dates(query, field, scope: Scope):
	"""Records dated within the scope's days (works for Date and Datetime fields, and uses their index)."""
	return query.where(field >= scope.from_date).where(field < add_days(scope.to_date, 1))


def within_scope(query, scope: Scope, customer, record, source: Source | None):
	"""Customer dimension filters (trees include descendants), the visitor filter and record-level rules."""
	if scope.tier:
		query = query.where(customer.followup_tier == scope.tier)
	for dimension, doctype in TREES.items():
		value = getattr(scope, dimension)
		if value:
			query = query.where(customer[DIMENSIONS[dimension]].isin(tree_members(doctype, value)))
	if source is None or not source.owner_field:
		return query
	if scope.visitor:
		query = query.where(record[source.owner_field] == scope.visitor)
	user = scope.user or frappe.session.user
	if sees_all_visits(user):
		return query
	if source.doctype == "Complaint":
		return query.where((record.assigned_to == user) | (customer.account_manager == user))
	return query.where(record[source.owner_field] == user)


def tree_members(doctype: str, name: str):
	"""A subquery of `name` and every record below it in the tree `doctype`."""
	bounds = frappe.db.get_value(doctype, name, ["lft", "rgt"])
	if not bounds:
		frappe.throw(_("{0} {1} does not exist.").format(_(doctype), name))
	tree = frappe.qb.DocType(doctype)
	return frappe.qb.from_(tree).select(tree.name).where(tree.lft >= bounds[0]).where(tree.rgt <= bounds[1])


def period_key(field, period: str):
	if period == "week":
		return DateFormat(field, "%x-W%v")
	if period == "quarter":
		return Concat(Year(field), "-Q", Quarter(field))
	return DateFormat(field, "%Y-%m")


def group_expression(group_by: str, date_field, customer, record, row, source: Source | None):
	if group_by in PERIODS:
		return period_key(date_field, group_by)
	if group_by in DIMENSIONS:
		return customer[DIMENSIONS[group_by]]
	if group_by == "visitor":
		return record[source.owner_field]
	if group_by == "customer":
		return record.customer
	if source and group_by in source.row_groups:
		return row[group_by]
	return ValueWrapper("total")


def active_customers(scope: Scope, group_by: str) -> dict:
	"""Enabled customers in an active lifecycle stage, per dimension value (or under None for all)."""
	customer = frappe.qb.DocType("Customer")
	query = within_scope(
		frappe.qb.from_(customer)
		.where(customer.disabled == 0)
		.where(customer.lifecycle_stage.isin(ACTIVE_STAGES)),
		scope,
		customer,
		customer,
		None,
	)
	if group_by in DIMENSIONS:
		field = customer[DIMENSIONS[group_by]]
		return dict(query.select(field, Count("*")).groupby(field).run())
	return {None: query.select(Count("*")).run()[0][0]}


def churn_counts(scope: Scope, group_by: str) -> dict:
	"""{group: (customers who churned in the range, customers active when it began)}.

	A customer churns on the day its last invoice becomes `inactive_days_churned` old with no newer
	invoice (Followup Settings); it was active at the start if it bought within that many days before.
	"""
	days = frappe.db.get_single_value("Followup Settings", "inactive_days_churned") or 180
	invoice = frappe.qb.DocType("Sales Invoice")
	customer = frappe.qb.DocType("Customer")
	# Only purchases from `days` before the range on can churn within it.
	purchases = (
		frappe.qb.from_(invoice)
		.select(invoice.customer, invoice.posting_date)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date >= add_days(scope.from_date, -days))
		.groupby(invoice.customer, invoice.posting_date)
	)
	gaps = frappe.qb.from_(purchases).select(
		purchases.customer,
		(purchases.posting_date + Interval(days=days)).as_("churned_on"),
		analytics.Lead(purchases.posting_date)
		.over(purchases.customer)
		.orderby(purchases.posting_date)
		.as_("next_purchase"),
	)
	last_day = min(scope.to_date, getdate())
	churn = frappe.qb.from_(gaps).left_join(customer).on(customer.name == gaps.customer)
	group = group_expression(group_by, gaps.churned_on, customer, None, None, None)
	churned = within_scope(
		churn.select(group.as_("group_key"), Count("*"))
		.where(gaps.churned_on >= scope.from_date)
		.where(gaps.churned_on <= last_day)
		.where(gaps.next_purchase.isnull() | (gaps.next_purchase > gaps.churned_on))
		.groupby(group),
		scope,
		customer,
		None,
		None,
	).run()
	start_group = group_expression(
		group_by if group_by in DIMENSIONS else "total", None, customer, None, None, None
	)
	active = within_scope(
		frappe.qb.from_(invoice)
		.left_join(customer)
		.on(customer.name == invoice.customer)
		.select(start_group.as_("group_key"), Count(invoice.customer).distinct())
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date > add_days(scope.from_date, -days))
		.where(invoice.posting_date <= scope.from_date)
		.groupby(start_group),
		scope,
		customer,
		None,
		None,
	).run()
	active = dict(active)
	if group_by in DIMENSIONS:
		return {group: (count, active.get(group, 0)) for group, count in churned}
	return {group: (count, active.get("total", 0)) for group, count in churned}
