"""What the KPI Script Reports share: figure columns, grouping, drill-down links and the chart.

A report is a list of `Column`s (a KPI figure, or its numerator / denominator) grouped one way.
Every figure comes from `kpi_table`, so a report shows exactly what the number cards, goals and
digest show. Each figure cell links to the records behind it: the list of the source DocType
filtered to the group, or, where a list cannot express the group (a customer tier, a feedback
category), the same report grouped by customer within that group.
"""

import json
from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from followup_app.core.calendar import period_days
from followup_app.core.charts import chart_series
from followup_app.core.kpi import FIGURES, MEAN, PERCENT, TOTAL
from followup_app.core.timeslots import CALL_CHANNELS, ONSITE_CHANNELS
from followup_app.kpi.definitions import DIMENSIONS, GROUP_LABELS, MEASURES, PERIODS, Scope, kpi_table
from followup_app.platform.compat import list_path, report_path

GROUP_FIELDTYPES = {
	"customer": ("Link", "Customer"),
	"visitor": ("Link", "User"),
	"tier": ("Link", "Customer Tier"),
	"customer_group": ("Link", "Customer Group"),
	"territory": ("Link", "Territory"),
	"category": ("Link", "Feedback Category"),
	"survey_template": ("Link", "Survey Template"),
	# Option values of the records: a Select cell shows them in the reader's language.
	"severity": ("Select", None),
	"feedback_type": ("Select", None),
	"channel": ("Select", None),
}
# How a report may group its rows: the periods and customer dimensions most reports offer.
PERIOD_GROUPS = ("month", "week", "quarter")
CUSTOMER_DIMENSIONS = ("tier", "customer_group", "territory")
OPEN_COMPLAINTS = ["in", ["Open", "In Progress", "Reopened"]]
COMPLETED = {"status": "Completed"}
# The list filters that show the records a figure counts (its denominator), on its source DocType.
DRILLDOWN = {
	"visits_planned": {"status": ["in", ["Planned", "Completed", "Missed"]]},
	"open_visits": {"status": "Planned"},
	"visit_completion_rate": {"status": ["in", ["Completed", "Missed"]]},
	"on_time_visit_rate": COMPLETED,
	"repurchase_rate": COMPLETED,
	"satisfied_rate": COMPLETED,
	"has_issues_rate": COMPLETED,
	"high_potential_rate": COMPLETED,
	"unreachable_rate": COMPLETED,
	"high_potential_opportunity_rate": {"status": "Completed", "outcome": "High Potential"},
	"high_potential_order_rate": {"status": "Completed", "outcome": "High Potential"},
	"customers_marked_unreachable": {"status": "Completed", "attempts_exhausted": 1},
	"over_long_visit_rate": {
		"status": "Completed",
		"duration_minutes": [">", 0],
		"channel": ["in", [*CALL_CHANNELS, *ONSITE_CHANNELS]],
	},
	"feedback_items": COMPLETED,
	"feedback_problem_distribution": COMPLETED,
	"opportunity_rate": COMPLETED,
	"demand_conversion_rate": COMPLETED,
	"order_rate": COMPLETED,
	"surveys_completed": COMPLETED,
	"average_satisfaction": COMPLETED,
	"nps": COMPLETED,
	"customer_effort": COMPLETED,
	"promoters": {"status": "Completed", "nps_category": "Promoter"},
	"detractors": {"status": "Completed", "nps_category": "Detractor"},
	"survey_response_rate": {"status": ["in", ["Sent", "Completed", "Expired"]]},
	"answered_after_reminder": {
		"status": ["in", ["Sent", "Completed", "Expired"]],
		"reminder_sent_on": ["is", "set"],
	},
	"complaints_opened": {},
	"complaint_rate": {},
	"open_complaints": {"status": OPEN_COMPLAINTS},
	"breached_complaints": {"status": OPEN_COMPLAINTS, "sla_status": "Breached"},
	"response_sla": {"first_response_on": ["is", "set"]},
	"reopen_rate": {"reopen_count": [">", 0]},
	"resolution_sla": {"resolved_on": ["is", "set"]},
	"average_resolution_hours": {"resolved_on": ["is", "set"]},
	"points_issued": {"points": [">", 0], "docstatus": 1},
	"points_redeemed": {"transaction_type": "Redeem", "docstatus": 1},
	"points_expired": {"transaction_type": "Expire", "docstatus": 1},
}
DIMENSION_FILTERS = {"tier": "customer_tier", "customer_group": "customer_group", "territory": "territory"}


@dataclass(frozen=True)
class Column:
	"""A report column: `part` of figure `key` (value, numerator, denominator, or rest = the
	denominator's records not in the numerator). `records` are the list filters of the records
	behind the cell (on the figure's source DocType); by default those of the figure's denominator."""

	key: str
	part: str = "value"
	label: str | None = None
	records: dict | None = None

	@property
	def fieldname(self) -> str:
		return self.key if self.part == "value" else f"{self.key}_{self.part}"

	def read(self, figure: dict) -> float | None:
		if self.part == "value":
			return figure["value"]
		if self.part == "rest":
			return figure["denominator"] - figure["numerator"]
		return figure[self.part]


def figure_report(
	report_name: str,
	filters: dict,
	columns: list[Column],
	groups: tuple[str, ...],
	chart: list[Column],
	chart_type: str | None = None,
	owner_label: str = "Visited By",
) -> tuple:
	"""(columns, rows, message, chart) of a figure report; `groups[0]` is the default grouping.

	`chart_type` overrides the default (a line over periods, bars otherwise); `owner_label` names
	the "visitor" grouping (the complaint reports call it Assigned To)."""
	filters = frappe._dict(filters or {})
	group_by = filters.group_by or groups[0]
	if group_by not in groups:
		frappe.throw(
			_("This report cannot be grouped by {0}.").format(_(GROUP_LABELS.get(group_by, group_by)))
		)
	scope = Scope.from_filters(filters)
	keys = list(dict.fromkeys(column.key for column in columns))
	table = kpi_table(keys, scope, group_by)
	rows = []
	for group, figures in table.items():
		row = {"group": group, "_links": {}}
		for column in columns:
			row[column.fieldname] = column.read(figures[column.key])
			link = drilldown(report_name, filters, scope, group_by, group, column)
			if link:
				row["_links"][column.fieldname] = link
		rows.append(row)
	group_label = owner_label if group_by == "visitor" else GROUP_LABELS[group_by]
	return (
		report_columns(group_by, group_label, columns),
		rows,
		None,
		report_chart(group_by, rows, chart, chart_type),
	)


def report_columns(group_by: str, group_label: str, columns: list[Column]) -> list[dict]:
	fieldtype, options = GROUP_FIELDTYPES.get(group_by, ("Data", None))
	result = [
		{
			"fieldname": "group",
			"label": _(group_label),
			"fieldtype": fieldtype,
			"options": options,
			"width": 180,
		}
	]
	for column in columns:
		kind = FIGURES[column.key].kind
		if column.part != "value" or kind == TOTAL:
			spec = {"fieldtype": "Int", "width": 110}
		elif kind == PERCENT:
			spec = {"fieldtype": "Percent", "width": 130}
		else:
			spec = {"fieldtype": "Float", "precision": 2, "width": 130 if kind == MEAN else 150}
		result.append(
			{"fieldname": column.fieldname, "label": _(column.label or FIGURES[column.key].label), **spec}
		)
	return result


def report_chart(group_by: str, rows: list[dict], chart: list[Column], chart_type: str | None) -> dict | None:
	if not rows or not chart:
		return None
	# Feedback categories, severities, feedback types and channels are translated values (tiers are names).
	translated = group_by in ("category", "severity", "feedback_type", "channel")
	labels = [
		_("Not Set") if row["group"] is None else _(row["group"]) if translated else str(row["group"])
		for row in rows
	]
	series = chart_series(
		labels,
		[
			(_(column.label or FIGURES[column.key].label), [row[column.fieldname] for row in rows])
			for column in chart
		],
		prefer_line=group_by in PERIODS,
		pie=chart_type == "pie",
	)
	if series is None:
		# Nothing to draw: an empty chart, so a workspace chart says "No Data" rather than drawing
		# the groups' labels alone (Frappe charts the report's rows when it gets no chart).
		return {"data": {}}
	return {
		"data": {
			"labels": series.labels,
			"datasets": [{"name": name, "values": values} for name, values in series.datasets],
		},
		"type": series.chart_type if chart_type in (None, "pie") else chart_type,
	}


def drilldown(
	report_name: str, filters: dict, scope: Scope, group_by: str, group, column: Column
) -> str | None:
	"""The link behind one cell: the records' list when a list can show exactly them, else this
	report grouped by customer within the cell's group."""
	records = DRILLDOWN.get(column.key) if column.records is None else column.records
	if records is None or group is None:
		return None
	source = MEASURES[column.key].source
	start, end = group_dates(group_by, group, scope)
	exact = (
		group_by not in DIMENSIONS
		and (group_by == "customer" or not scope.customer_filtered())
		and not (source.child and (group_by in source.row_groups or scope.category))
	)
	if exact:
		records = {**records, source.date_field: ["Between", [str(start), str(end)]]}
		narrowing = {
			"visitor": source.owner_field,
			"customer": "customer",
			**{field: field for field in source.row_groups},
		}
		if group_by in narrowing:
			records[narrowing[group_by]] = group
		if scope.visitor:
			records[source.owner_field] = scope.visitor
		if scope.category:
			records["category"] = scope.category
		if scope.company:
			records[source.company_field] = scope.company
		return list_route(source.doctype, records)
	if group_by == "customer" or (group_by in source.row_groups and group_by != "category"):
		return None  # the report has no filter to carry that group (a severity, a channel...)
	chained = {key: value for key, value in filters.items() if value not in (None, "")}
	chained.update(group_by="customer", from_date=str(start), to_date=str(end))
	if group_by in DIMENSION_FILTERS:
		chained[DIMENSION_FILTERS[group_by]] = group
	elif group_by in ("visitor", "category"):
		chained[group_by] = group
	return report_path(report_name, chained)


def date_range(filters) -> tuple[date, date]:
	"""The report's From Date and To Date, both required and in order (a translated error otherwise)."""
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Choose the From Date and the To Date."), title=_("Missing Filters"))
	start, end = getdate(filters.from_date), getdate(filters.to_date)
	if start > end:
		frappe.throw(_("The From Date must not be after the To Date."), title=_("Invalid Filters"))
	return start, end


def list_route(doctype: str, records: dict) -> str:
	"""A desk list URL with filters (list values travel as JSON, which the list view parses).

	Spaces are encoded as %20, never "+": the desk decodes the query with decodeURIComponent.
	"""
	params = {
		field: json.dumps(value, separators=(",", ":")) if isinstance(value, list) else value
		for field, value in records.items()
	}
	return list_path(doctype, params)


def group_dates(group_by: str, group, scope: Scope) -> tuple[date, date]:
	"""The days of a period group within the scope, or the scope's range for other groupings."""
	if group_by not in PERIODS:
		return scope.from_date, scope.to_date
	first, last = period_days(group_by, str(group))
	return max(scope.from_date, first), min(scope.to_date, last)
