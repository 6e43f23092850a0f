"""Customer follow-up figures shared by visits and surveys.

Each figure is written with its companion (when or from how many answers it was measured), since its
Int or Float column cannot hold "not measured yet": a customer without answers keeps them blank.
"""

import frappe
from frappe.query_builder import Order
from frappe.query_builder.functions import Avg, Count

NPS_CATEGORIES = ("Promoter", "Passive", "Detractor")  # a survey with one of these answered the NPS question


def refresh_satisfaction(customer: str):
	"""avg_satisfaction: the mean 1-5 score over rated completed visits and completed surveys' CSAT;
	satisfaction_ratings: how many of those there are (0: no figure yet)."""
	visit = frappe.qb.DocType("Visit Record")
	survey = frappe.qb.DocType("Satisfaction Survey")
	visit_avg, visit_count = (
		frappe.qb.from_(visit)
		.select(Avg(visit.satisfaction * 5), Count("*"))
		.where(visit.customer == customer)
		.where(visit.status == "Completed")
		.where(visit.satisfaction > 0)
		.run()[0]
	)
	survey_avg, survey_count = (
		frappe.qb.from_(survey)
		.select(Avg(survey.csat), Count("*"))
		.where(survey.customer == customer)
		.where(survey.status == "Completed")
		.where(survey.csat > 0)
		.run()[0]
	)
	count = (visit_count or 0) + (survey_count or 0)
	total = float(visit_avg or 0) * (visit_count or 0) + float(survey_avg or 0) * (survey_count or 0)
	frappe.db.set_value(
		"Customer",
		customer,
		{"avg_satisfaction": round(total / count, 2) if count else 0, "satisfaction_ratings": count},
		update_modified=False,
	)


def refresh_last_nps(customer: str):
	"""last_nps and last_nps_on: the NPS answer of the customer's latest completed survey that asked it
	(both cleared when there is none)."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	latest = (
		frappe.qb.from_(survey)
		.select(survey.nps_score, survey.completed_on)
		.where(survey.customer == customer)
		.where(survey.status == "Completed")
		.where(survey.nps_category.isin(NPS_CATEGORIES))
		.orderby(survey.completed_on, order=Order.desc)
		.orderby(survey.name, order=Order.desc)
		.limit(1)
		.run()
	)
	score, answered_on = latest[0] if latest else (0, None)
	frappe.db.set_value(
		"Customer", customer, {"last_nps": score, "last_nps_on": answered_on}, update_modified=False
	)
