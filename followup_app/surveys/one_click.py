"""Answering from the message: the survey's first NPS 0-10 or 1-5 rating question as buttons in its
email, each button the survey's secret link carrying that answer; the public page records it once."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from followup_app.core.surveys import (
	EFFORT,
	NPS,
	RATING,
	SCALES,
	one_click_index,
	parse_scale_answer,
	scale_values,
)
from followup_app.surveys.answers import score, stored_scores
from followup_app.surveys.tokens import survey_link

BUTTONS_TEMPLATE = "followup_app/templates/emails/survey_answer_buttons.html"


def scale_ends(question_type: str, lang: str | None = None) -> tuple[str, str] | None:
	"""The labels under a scale's lowest and highest answer, in `lang` (else the current language)."""
	if question_type == NPS:
		return _("Not likely", lang=lang), _("Very likely", lang=lang)
	if question_type == RATING:
		return _("Very dissatisfied", lang=lang), _("Very satisfied", lang=lang)
	if question_type == EFFORT:
		return _("Very difficult", lang=lang), _("Very easy", lang=lang)
	return None


def one_click_row(survey):
	"""The survey's answer row that its message asks, or None when it has no NPS or 1-5 rating."""
	index = one_click_index([row.question_type for row in survey.answers])
	return None if index is None else survey.answers[index]


def answer_buttons(token: str, question_type: str, question: str, lang: str) -> str:
	"""The question and its answer buttons for an email (HTML, table layout, inline styles)."""
	low, high = scale_ends(question_type, lang)
	return frappe.render_template(
		BUTTONS_TEMPLATE,
		{
			"question": question,
			"buttons": [
				{"value": value, "link": survey_link(token, value)} for value in scale_values(question_type)
			],
			"low_label": low,
			"high_label": high,
		},
	)


def record_first_answer(survey, raw) -> int:
	"""Store the answer picked in the message, unless one is stored already; return the stored answer.

	The survey stays Sent: the rest can still be answered on the page, which completes it. Its
	scores are those of this answer until then. `survey` was read locked (find_open_survey), so two
	clicks at once store one answer.
	"""
	row = one_click_row(survey)
	if row is None:
		frappe.throw(_("This survey has no question to answer from the message."), title=_("Invalid Answer"))
	if survey.first_answer_on:
		return int(row.answer_value)
	value = parse_scale_answer(row.question_type, raw)
	if value is None:
		low, high = SCALES[row.question_type]
		frappe.throw(
			_("The answer to question {0} must be a whole number from {1} to {2}.").format(
				row.idx, low, high
			),
			title=_("Invalid Answer"),
		)
	for answer in survey.answers:
		answer.answer_value = None  # nothing else is answered yet (stored as 0)
	row.answer_value = value
	score(survey)
	now = now_datetime()
	frappe.db.set_value("Survey Answer", row.name, "answer_value", value, update_modified=False)
	table = frappe.qb.DocType("Satisfaction Survey")
	query = frappe.qb.update(table).set(table.first_answer_on, now).set(table.modified, now)
	for field, stored in stored_scores(survey).items():
		query = query.set(table[field], stored)
	query.where(table.name == survey.name).where(table.status == "Sent").run()
	return value
