"""Checking and storing answers, and turning them into scores (core.surveys does the math)."""

import frappe
from frappe import _
from frappe.utils import cstr, escape_html

from followup_app.core.surveys import (
	SCALES,
	ScoredAnswer,
	ces,
	csat,
	in_range,
	nps_category,
	nps_score,
	overall_score,
)

MAX_TEXT = 2000
CHOICES = ("Single Choice", "Multiple Choice")


def choices_of(row) -> list[str]:
	return [line.strip() for line in cstr(row.options).splitlines() if line.strip()]


def store_answers(survey, submitted: dict):
	"""Validate `submitted` (answer per row index, as text or list) and write it into the answer rows.

	Raises a translated ValidationError naming the first bad answer; nothing is written then.
	"""
	values = {}
	for row in survey.answers:
		raw = submitted.get(str(row.idx), submitted.get(row.idx))
		values[row.idx] = parse_answer(row, raw)
	for row in survey.answers:
		number, text = values[row.idx]
		row.answer_value = number
		row.answer_text = text


def parse_answer(row, raw):
	"""(answer_value, answer_text) for one row, or a ValidationError."""
	empty = raw is None or raw == "" or raw == []
	if empty:
		if row.required:
			frappe.throw(_("Please answer question {0}.").format(row.idx), title=_("Missing Answer"))
		return None, None
	if row.question_type in SCALES:
		try:
			number = float(raw)
		except (TypeError, ValueError):
			number = None
		if number is None or not in_range(row.question_type, number):
			low, high = SCALES[row.question_type]
			frappe.throw(
				_("The answer to question {0} must be a whole number from {1} to {2}.").format(
					row.idx, low, high
				),
				title=_("Invalid Answer"),
			)
		return number, None
	if row.question_type in CHOICES:
		picked = raw if isinstance(raw, list) else [raw]
		picked = [cstr(item) for item in picked]
		allowed = choices_of(row)
		if any(item not in allowed for item in picked) or (
			row.question_type == "Single Choice" and len(picked) > 1
		):
			frappe.throw(
				_("Choose one of the offered answers to question {0}.").format(row.idx),
				title=_("Invalid Answer"),
			)
		return None, escape_html("\n".join(picked))
	text = cstr(raw)
	if len(text) > MAX_TEXT:
		frappe.throw(
			_("The answer to question {0} is longer than {1} characters.").format(row.idx, MAX_TEXT),
			title=_("Invalid Answer"),
		)
	return None, escape_html(text)


def score(survey):
	"""Set the survey's CSAT, NPS, CES and overall score from its answers."""
	scored = [
		ScoredAnswer(row.question_type, row.answer_value, row.weight if row.weight is not None else 1)
		for row in survey.answers
		if row.question_type in SCALES and row.answer_value is not None
	]
	survey.csat = csat(scored)
	survey.ces = ces(scored)
	survey.nps_score = nps_score(scored)
	survey.nps_category = nps_category(survey.nps_score)
	survey.overall_score = overall_score(scored)


def stored_scores(survey) -> dict:
	"""The survey's score columns as a save would store them (numbers are NOT NULL: 0 when empty)."""
	return {
		"csat": survey.csat or 0,
		"ces": survey.ces or 0,
		"nps_score": survey.nps_score or 0,
		"nps_category": survey.nps_category or "",
		"overall_score": survey.overall_score or 0,
	}
