# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

"""Feedback Topics: what customers wrote about, per week and Feedback Category, with the words
that stand out; drill down from a count to the texts behind it.

Every text the app keeps counts (visit summaries and feedback items, complaint descriptions, survey
text answers), under the category a person chose, else the one it was routed under, else its
suggestion at or above Followup Settings' routing threshold (blank: not categorised). Each week's
count stands beside the category's average of the 8 weeks before, and is marked rising as the
weekly alert would mark it. With View = Records, the texts themselves are listed.
"""

from collections import Counter
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import cint, flt

from followup_app.core.text import clean
from followup_app.core.topics import BASELINE_WEEKS, baseline, is_rising, top_terms, week_start, weekly_counts
from followup_app.feedback.suggestions import SETTINGS, threshold
from followup_app.feedback.texts import SOURCES, texts_between
from followup_app.kpi.reports import date_range
from followup_app.platform.compat import report_path

REPORT = "Feedback Topics"
SOURCE_LABELS = {
	"summary": "Visit Summary",
	"item": "Visit Feedback",
	"complaint": "Complaint",
	"answer": "Survey Answer",
}
CHART_CATEGORIES = 6


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end = date_range(filters)
	sources = [filters.source] if filters.source in SOURCES else list(SOURCES)
	limit = threshold()
	first = week_start(start) - timedelta(days=7 * BASELINE_WEEKS)
	texts = [
		(text, text.effective_category(limit))
		for text in texts_between(first, end, sources)
		if text.day and (not filters.sentiment or text.sentiment == filters.sentiment)
	]
	if filters.category:
		texts = [(text, category) for text, category in texts if category == filters.category]
	if filters.view == "Records":
		shown = [(text, category) for text, category in texts if start <= text.day <= end]
		return record_columns(), record_rows(shown)
	rows = week_rows(texts, start, end, filters)
	return week_columns(), rows, None, chart(rows)


def week_rows(texts, start, end, filters) -> list[dict]:
	"""One row per week and category with texts in the period, newest week first."""
	counts = weekly_counts((text.day, category) for text, category in texts)
	grouped: dict[tuple, list] = {}
	for text, category in texts:
		grouped.setdefault((category, week_start(text.day)), []).append(text)
	percent = flt(frappe.db.get_single_value(SETTINGS, "rising_topic_percent"))
	minimum = cint(frappe.db.get_single_value(SETTINGS, "rising_topic_min_count"))
	rows = []
	for category, by_week in counts.items():
		for week, count in by_week.items():
			if not (week_start(start) <= week <= end):
				continue
			week_texts = grouped[(category, week)]
			base = baseline(by_week, week)
			negative = sum(text.sentiment == "Negative" for text in week_texts)
			read = sum(bool(text.sentiment) for text in week_texts)
			drill = {
				"from_date": str(week),
				"to_date": str(week + timedelta(days=6)),
				"view": "Records",
				**({"category": category} if category else {}),
				**({"source": filters.source} if filters.source else {}),
			}
			rows.append(
				{
					"week": week,
					"category": category,
					"texts": count,
					"baseline": round(base, 2),
					"rising": 1 if category and is_rising(count, base, percent, minimum) else 0,
					"negative_share": round(100 * negative / read, 1) if read else None,
					"terms": ", ".join(
						f"{term} ({n})" for term, n in top_terms(text.text for text in week_texts)
					),
					"_links": {"texts": report_path(REPORT, drill)},
				}
			)
	return sorted(rows, key=lambda row: (-row["week"].toordinal(), -row["texts"], row["category"] or ""))


def week_columns() -> list[dict]:
	return [
		{"fieldname": "week", "label": _("Week From"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "category",
			"label": _("Feedback Category"),
			"fieldtype": "Link",
			"options": "Feedback Category",
			"width": 160,
		},
		{"fieldname": "texts", "label": _("Texts"), "fieldtype": "Int", "width": 80},
		{"fieldname": "baseline", "label": _("Weekly Average Before"), "fieldtype": "Float", "width": 160},
		{"fieldname": "rising", "label": _("Rising"), "fieldtype": "Check", "width": 80},
		{"fieldname": "negative_share", "label": _("Negative"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "terms", "label": _("Frequent Words"), "fieldtype": "Data", "width": 320},
	]


def chart(rows: list[dict]) -> dict | None:
	"""Texts per week of the categories with most texts (none without texts)."""
	if not rows:
		return None
	totals = Counter()
	for row in rows:
		totals[row["category"]] += row["texts"]
	categories = [category for category, _count in totals.most_common(CHART_CATEGORIES)]
	weeks = sorted({row["week"] for row in rows})
	by_key = {(row["week"], row["category"]): row["texts"] for row in rows}
	return {
		"data": {
			"labels": [frappe.format(week, "Date") for week in weeks],
			"datasets": [
				{
					"name": _(category) if category else _("Not Categorised"),
					"values": [by_key.get((week, category), 0) for week in weeks],
				}
				for category in categories
			],
		},
		"type": "line",
	}


def record_rows(shown) -> list[dict]:
	rows = [
		{
			"day": text.day,
			"source": _(SOURCE_LABELS[text.source]),
			"reference_doctype": text.doctype,
			"reference_name": text.name,
			"customer": text.customer,
			"category": category,
			"chosen_by": _("Person") if text.category else (_("Suggestion") if category else ""),
			"confidence": text.confidence if text.suggested else None,
			"sentiment": _(text.sentiment) if text.sentiment else "",
			"text": clean(text.text)[:300],
		}
		for text, category in shown
	]
	return sorted(rows, key=lambda row: (row["day"], row["reference_name"]), reverse=True)


def record_columns() -> list[dict]:
	return [
		{"fieldname": "day", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "source", "label": _("Source"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "reference_doctype",
			"label": _("Document Type"),
			"fieldtype": "Link",
			"options": "DocType",
			"width": 130,
		},
		{
			"fieldname": "reference_name",
			"label": _("Document"),
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 170,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{
			"fieldname": "category",
			"label": _("Feedback Category"),
			"fieldtype": "Link",
			"options": "Feedback Category",
			"width": 150,
		},
		{"fieldname": "chosen_by", "label": _("Category From"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "confidence",
			"label": _("Suggestion Confidence"),
			"fieldtype": "Percent",
			"width": 110,
		},
		{"fieldname": "sentiment", "label": _("Sentiment"), "fieldtype": "Data", "width": 100},
		{"fieldname": "text", "label": _("Text"), "fieldtype": "Data", "width": 400},
	]
