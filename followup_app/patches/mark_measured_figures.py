"""Unknown is not zero: say which stored figures were really measured.

An Int or Float column stores 0 for "nothing measured yet", so the customer's Last NPS, Average
Satisfaction and Churn Risk Score and a goal's baseline and current value now have companions that
say whether (and when) they were measured. This patch fills them in from the data behind each figure;
the rest stay blank. It also stores the churn risk factors as codes ("recency:35"), translated
where they are shown, instead of sentences in the language of the night they were written.
"""

from pathlib import Path

import frappe
from frappe import _
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.query_builder import Order
from frappe.query_builder.functions import Count
from frappe.utils import getdate

from followup_app.core.churn import FACTOR_LABELS, encode_factors
from followup_app.core.goals import baseline_window
from followup_app.customers.satisfaction import NPS_CATEGORIES
from followup_app.goals.evaluation import goal_scope, metric_key
from followup_app.kpi.definitions import kpi_total
from followup_app.platform.bulk import update_by_name
from followup_app.setup.custom_fields import CUSTOM_FIELDS


def execute():
	create_custom_fields(CUSTOM_FIELDS, update=True)  # the companions are custom fields of Customer
	mark_last_nps()
	mark_satisfaction_ratings()
	mark_churn_scores(getdate())
	mark_goal_values(getdate())


def mark_last_nps():
	"""last_nps and last_nps_on from each customer's latest completed survey with an NPS answer; a
	customer without one gets neither (a survey without the question used to leave a 0 behind)."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	latest: dict[str, dict] = {}
	for customer, score, completed_on in (
		frappe.qb.from_(survey)
		.select(survey.customer, survey.nps_score, survey.completed_on)
		.where(survey.status == "Completed")
		.where(survey.nps_category.isin(NPS_CATEGORIES))
		.orderby(survey.completed_on, order=Order.desc)
		.orderby(survey.name, order=Order.desc)
		.run()
	):
		latest.setdefault(customer, {"last_nps": score, "last_nps_on": completed_on})
	customer = frappe.qb.DocType("Customer")
	frappe.qb.update(customer).set(customer.last_nps, 0).set(customer.last_nps_on, None).run()
	update_by_name("Customer", latest)


def mark_satisfaction_ratings():
	"""satisfaction_ratings: the rated completed visits and the completed surveys with a CSAT."""
	visit = frappe.qb.DocType("Visit Record")
	survey = frappe.qb.DocType("Satisfaction Survey")
	counts: dict[str, int] = {}
	for query in (
		frappe.qb.from_(visit)
		.select(visit.customer, Count("*"))
		.where(visit.status == "Completed")
		.where(visit.satisfaction > 0)
		.groupby(visit.customer),
		frappe.qb.from_(survey)
		.select(survey.customer, Count("*"))
		.where(survey.status == "Completed")
		.where(survey.csat > 0)
		.groupby(survey.customer),
	):
		for name, count in query.run():
			counts[name] = counts.get(name, 0) + count
	update_by_name("Customer", {name: {"satisfaction_ratings": count} for name, count in counts.items()})


def mark_churn_scores(today):
	"""A customer with a churn risk score or factors was scored: it is marked scored today and its
	factors become codes. The others stay unscored until the nightly refresh scores them."""
	customer = frappe.qb.DocType("Customer")
	rows = (
		frappe.qb.from_(customer)
		.select(customer.name, customer.churn_risk_factors)
		.where(
			(customer.churn_risk_score > 0)
			| (customer.churn_risk_factors.notnull() & (customer.churn_risk_factors != ""))
		)
		.run()
	)
	codes = factor_codes()
	update_by_name(
		"Customer",
		{
			name: {
				"churn_risk_scored_on": today,
				"churn_risk_factors": encode_factors(parse_factors(factors, codes)),
			}
			for name, factors in rows
		},
	)


def factor_codes() -> dict[str, str]:
	"""Each factor's label, in English, the system language, the languages the app ships and those of
	the site's users, to its code."""
	shipped = {path.stem for path in Path(frappe.get_app_path("followup_app", "translations")).glob("*.csv")}
	languages = {"en", frappe.db.get_default("lang") or "en", *shipped} | set(
		frappe.get_all("User", filters={"language": ("is", "set")}, pluck="language", distinct=True)
	)
	return {_(label, lang=lang): code for code, label in FACTOR_LABELS.items() for lang in languages}


def parse_factors(stored: str | None, codes: dict[str, str]) -> list[tuple[str, int]]:
	"""The (code, points) of factors stored as sentences ("<label>: +<points>"); other lines are dropped."""
	factors = []
	for line in (stored or "").splitlines():
		label, _colon, points = line.rpartition(":")
		points = points.strip().lstrip("+")
		if label.strip() in codes and points.isdigit():
			factors.append((codes[label.strip()], int(points)))
		elif label.strip() in FACTOR_LABELS and points.isdigit():  # already a code
			factors.append((label.strip(), int(points)))
	return factors


def mark_goal_values(today):
	"""A goal's baseline and current value count as measured when their window has something to
	measure (the values themselves are kept)."""
	for goal in frappe.get_all(
		"Followup Goal",
		fields=[
			"name",
			"metric",
			"period_start",
			"period_end",
			"baseline_computed_on",
			"customer_tier",
			"customer_group",
			"territory",
			"visitor",
		],
	):
		key = metric_key(goal.metric)
		start, end = getdate(goal.period_start), getdate(goal.period_end)
		values = {}
		if goal.baseline_computed_on:
			values["baseline_measured"] = int(
				kpi_total(key, goal_scope(goal, *baseline_window(start, end))) is not None
			)
		if today >= start:
			values["current_measured"] = int(
				kpi_total(key, goal_scope(goal, start, min(today, end))) is not None
			)
		if values:
			frappe.db.set_value("Followup Goal", goal.name, values, update_modified=False)
