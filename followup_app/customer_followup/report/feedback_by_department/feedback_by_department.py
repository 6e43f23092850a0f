# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

"""Feedback by Department: the feedback each department answers for, per Feedback Category.

It counts the Problems, Requests and Suggestions of completed visits (on the day of the visit) and
the tagged text answers of completed surveys (on the day they were answered) in the period, their
share of all of them, the previous period of the same length and the trend against it. A category's
department is its Responsible Department. A Followup User counts the feedback of their own visits
(the visit record rule) and every survey. Each count links to the visits or surveys behind it.
"""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Date
from frappe.utils import add_days

from followup_app.core.routing import KINDS, ROUTED_TYPES, SURVEY_ANSWER, department_table, previous_period
from followup_app.kpi.definitions import tree_members
from followup_app.kpi.reports import date_range, list_route
from followup_app.visits.permissions import sees_all_visits

VISIT = "Visit Record"
SURVEY = "Satisfaction Survey"
KIND_COLUMNS = {
	"Problem": ("problems", "Problems"),
	"Request": ("requests", "Requests"),
	"Suggestion": ("suggestions", "Suggestions"),
	SURVEY_ANSWER: ("survey_answers", "Survey Answers"),
}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end = date_range(filters)
	before = previous_period(start, end)
	tallies = visit_tallies(filters, before[0], end) + survey_tallies(filters, before[0], end)
	rows = []
	for row in department_table(tallies, start, end):
		values = {
			"department": row.department,
			"category": row.category,
			**{KIND_COLUMNS[kind][0]: row.counts[kind] for kind in KINDS},
			"items": row.items,
			"share": row.share,
			"previous_items": row.previous,
			"trend": row.trend,
		}
		values["_links"] = links(row.category, start, end)
		rows.append(values)
	return columns(), rows, None, chart(rows)


def with_categories(query, child, filters):
	"""Join the routed rows of `child` to their Feedback Category and its Department, narrowed by
	the report's filters."""
	category = frappe.qb.DocType("Feedback Category")
	department = frappe.qb.DocType("Department")
	query = (
		query.join(category)
		.on(category.name == child.category)
		.left_join(department)
		.on(department.name == category.department)
	)
	if filters.category:
		query = query.where(category.name == filters.category)
	if filters.department:
		query = query.where(category.department.isin(tree_members("Department", filters.department)))
	if filters.company:
		query = query.where(department.company == filters.company)
	return query


def visit_tallies(filters, first: date, last: date) -> list[tuple]:
	"""(department, category, feedback type, day, count) of completed visits' routed kinds."""
	visit = frappe.qb.DocType(VISIT)
	item = frappe.qb.DocType("Visit Feedback Item")
	category = frappe.qb.DocType("Feedback Category")
	day = Date(visit.visit_datetime)
	query = (
		with_categories(
			frappe.qb.from_(item).join(visit).on((visit.name == item.parent) & (item.parenttype == VISIT)),
			item,
			filters,
		)
		.select(category.department, item.category, item.feedback_type, day, Count("*"))
		.where(visit.status == "Completed")
		.where(item.feedback_type.isin(ROUTED_TYPES))
		.where(visit.visit_datetime >= first)
		.where(visit.visit_datetime < add_days(last, 1))
		.groupby(category.department, item.category, item.feedback_type, day)
	)
	user = frappe.session.user
	if not sees_all_visits(user):
		query = query.where(visit.visitor == user)
	return [tuple(row) for row in query.run()]


def survey_tallies(filters, first: date, last: date) -> list[tuple]:
	"""(department, category, SURVEY_ANSWER, day, count) of completed surveys' tagged text answers."""
	survey = frappe.qb.DocType(SURVEY)
	answer = frappe.qb.DocType("Survey Answer")
	category = frappe.qb.DocType("Feedback Category")
	day = Date(survey.completed_on)
	query = (
		with_categories(
			frappe.qb.from_(answer)
			.join(survey)
			.on((survey.name == answer.parent) & (answer.parenttype == SURVEY)),
			answer,
			filters,
		)
		.select(category.department, answer.category, day, Count("*"))
		.where(survey.status == "Completed")
		.where(answer.question_type == "Text")
		.where(survey.completed_on >= first)
		.where(survey.completed_on < add_days(last, 1))
		.groupby(category.department, answer.category, day)
	)
	return [(dept, cat, SURVEY_ANSWER, when, count) for dept, cat, when, count in query.run()]


def links(category: str, start: date, end: date) -> dict[str, str]:
	"""Each count's records: the completed visits with feedback of that type and category in the
	period, or the completed surveys with an answer tagged with it."""
	within = ["Between", [str(start), str(end)]]
	result = {
		KIND_COLUMNS[kind][0]: list_route(
			VISIT,
			{
				"status": "Completed",
				"visit_datetime": within,
				"Visit Feedback Item.category": category,
				"Visit Feedback Item.feedback_type": kind,
			},
		)
		for kind in ROUTED_TYPES
	}
	result["survey_answers"] = list_route(
		SURVEY, {"status": "Completed", "completed_on": within, "Survey Answer.category": category}
	)
	return result


def columns() -> list[dict]:
	return [
		{
			"fieldname": "department",
			"label": _("Responsible Department"),
			"fieldtype": "Link",
			"options": "Department",
			"width": 200,
		},
		{
			"fieldname": "category",
			"label": _("Feedback Category"),
			"fieldtype": "Link",
			"options": "Feedback Category",
			"width": 160,
		},
		*(
			{"fieldname": fieldname, "label": _(label), "fieldtype": "Int", "width": 110}
			for fieldname, label in KIND_COLUMNS.values()
		),
		{"fieldname": "items", "label": _("Items"), "fieldtype": "Int", "width": 90},
		{"fieldname": "share", "label": _("Share of All Items"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "previous_items", "label": _("Previous Period"), "fieldtype": "Int", "width": 120},
		{"fieldname": "trend", "label": _("Trend vs Previous Period"), "fieldtype": "Percent", "width": 170},
	]


def chart(rows: list[dict]) -> dict | None:
	"""Items per department, this period against the previous one (no chart with nothing to draw)."""
	totals: dict[str, list[int]] = {}
	for row in rows:
		pair = totals.setdefault(row["department"] or _("Not Set"), [0, 0])
		pair[0] += row["items"]
		pair[1] += row["previous_items"]
	if not any(this or before for this, before in totals.values()):
		return None
	labels = list(totals)
	return {
		"data": {
			"labels": labels,
			"datasets": [
				{"name": _("This Period"), "values": [totals[label][0] for label in labels]},
				{"name": _("Previous Period"), "values": [totals[label][1] for label in labels]},
			],
		},
		"type": "bar",
	}
