"""The daily survey expiry job."""

import frappe
from frappe.utils import now_datetime

from followup_app.core.chunks import Span
from followup_app.scheduling.spans import within
from followup_app.surveys.completion import enqueue_completion


def expire_surveys(customers: Span | None = None) -> int:
	"""Close Sent surveys past `expires_on` (of the customers in `customers`, else of all); returns
	how many became Expired.

	A survey answered from its message (one click) and not finished counts as answered: it becomes
	Completed on the day of that answer, with the effects of a completion. The others become Expired,
	in one UPDATE.
	"""
	survey = frappe.qb.DocType("Satisfaction Survey")
	now = now_datetime()

	def lapsed(query):
		return within(
			query.where(survey.status == "Sent").where(survey.expires_on < now), survey.customer, customers
		)

	answered = lapsed(
		frappe.qb.from_(survey).select(survey.name).where(survey.first_answer_on.isnotnull())
	).run(pluck=True)
	if answered:
		lapsed(
			frappe.qb.update(survey)
			.set(survey.status, "Completed")
			.set(survey.completed_on, survey.first_answer_on)
			.set(survey.modified, now)
			.where(survey.name.isin(answered))
		).run()
		for name in answered:
			enqueue_completion(name)
	expired = lapsed(frappe.qb.from_(survey).select(survey.name)).run(pluck=True)
	if expired:
		lapsed(frappe.qb.update(survey).set(survey.status, "Expired").set(survey.modified, now)).run()
	return len(expired)
