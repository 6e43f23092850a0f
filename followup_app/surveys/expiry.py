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
	# Found without locks, then updated by name while still Sent and lapsed: a chunk locks only its
	# own customers' surveys.
	lapsed = within(
		frappe.qb.from_(survey)
		.select(survey.name, survey.first_answer_on)
		.where(survey.status == "Sent")
		.where(survey.expires_on < now),
		survey.customer,
		customers,
	).run()
	if not lapsed:
		return 0

	def update(names: list[str]):
		return (
			frappe.qb.update(survey)
			.set(survey.modified, now)
			.where(survey.name.isin(names))
			.where(survey.status == "Sent")
			.where(survey.expires_on < now)
		)

	answered = [name for name, first_answer_on in lapsed if first_answer_on]
	if answered:
		update(answered).set(survey.status, "Completed").set(
			survey.completed_on, survey.first_answer_on
		).run()
		for name in answered:
			enqueue_completion(name)
	expired = [name for name, first_answer_on in lapsed if not first_answer_on]
	if expired:
		update(expired).set(survey.status, "Expired").run()
	return len(expired)
