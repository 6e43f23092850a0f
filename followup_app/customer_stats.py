"""Customer follow-up figures shared by visits and surveys."""

import frappe
from frappe.query_builder.functions import Avg, Count


def refresh_satisfaction(customer: str):
	"""avg_satisfaction: the mean 1-5 score over rated completed visits and completed surveys' CSAT."""
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
		"avg_satisfaction",
		round(total / count, 2) if count else 0,
		update_modified=False,
	)
