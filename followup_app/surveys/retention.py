"""Survey text retention: free-text answers are cleared once Keep Survey Text (Days) has passed."""

import frappe
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import add_days, cint, getdate

from followup_app.core.chunks import Span
from followup_app.scheduling.spans import within

SURVEY = "Satisfaction Survey"
TEXT = "Text"


def keep_days() -> int:
	"""Followup Settings, Keep Survey Text (Days); 0 keeps the text for ever."""
	return cint(frappe.db.get_single_value("Followup Settings", "keep_survey_text_days"))


def clear_survey_text(today, customers: Span | None = None) -> int:
	"""Clear the answers to Text questions of the surveys (of the customers in `customers`, else of
	all) answered more than Keep Survey Text (Days) before `today`; returns how many answers were
	cleared. Scores and choice answers stay. One count and one UPDATE, whatever the number of
	surveys; a second run clears nothing more."""
	days = keep_days()
	if days <= 0:
		return 0
	survey, answer = frappe.qb.DocType(SURVEY), frappe.qb.DocType("Survey Answer")
	answered = Coalesce(survey.completed_on, survey.first_answer_on, survey.creation)
	expired = within(
		frappe.qb.from_(survey).select(survey.name).where(answered < add_days(getdate(today), -days)),
		survey.customer,
		customers,
	)

	def with_text(query):
		return (
			query.where(answer.parenttype == SURVEY)
			.where(answer.parentfield == "answers")
			.where(answer.question_type == TEXT)
			.where(answer.answer_text.isnotnull())
			.where(answer.answer_text != "")
			.where(answer.parent.isin(expired))
		)

	cleared = with_text(frappe.qb.from_(answer).select(Count("*"))).run()[0][0]
	if cleared:
		with_text(frappe.qb.update(answer).set(answer.answer_text, None)).run()
	return cleared
