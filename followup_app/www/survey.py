"""The public survey page (/survey?t=TOKEN[&a=ANSWER]): no login, the template's questions, mobile-first,
branded with the asking company. A link from a button of the survey's message carries the answer
picked (`a`): the page shows it selected and records it at once (a POST from the page, so that link
previews and scanners, which fetch without running scripts, record nothing)."""

import frappe
from frappe import _

from followup_app.core.surveys import SCALES, parse_scale_answer, scale_values
from followup_app.platform.defaults import default_company
from followup_app.surveys.answers import choices_of
from followup_app.surveys.branding import brand, company_logo, company_name
from followup_app.surveys.one_click import one_click_row, scale_ends
from followup_app.surveys.public import SurveyClosed, find_open_survey

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	try:
		survey = find_open_survey(frappe.form_dict.get("t"))
	except frappe.DoesNotExistError as error:
		return closed(context, 404, str(error))
	except SurveyClosed as error:
		return closed(context, 410, str(error))
	finally:
		frappe.clear_messages()
	frappe.local.lang = survey.language or "en"
	template = frappe.get_cached_doc("Survey Template", survey.survey_template)
	branding = brand(survey)
	context.update(
		{
			"lang": frappe.local.lang,
			"title": _("Customer Survey"),
			**branding,
			"description": branding["purpose"] or template.intro or _("Please tell us how we did."),
			"intro": template.intro,
			"token": frappe.form_dict.get("t"),
			"questions": [
				{
					"idx": row.idx,
					"question": row.question,
					"type": row.question_type,
					"required": row.required,
					"scale": scale_values(row.question_type) if row.question_type in SCALES else [],
					"ends": scale_ends(row.question_type),
					"choices": choices_of(row),
				}
				for row in survey.answers
			],
			"first": first_answer(survey, frappe.form_dict.get("a")),
			"labels": page_labels(),
		}
	)
	return context


def first_answer(survey, picked) -> dict | None:
	"""The one-click answer to show selected: the one stored, else the one the link carries (which
	the page then records); None when there is neither."""
	row = one_click_row(survey)
	if row is None:
		return None
	if survey.first_answer_on:
		return {"idx": row.idx, "value": int(row.answer_value), "record": False}
	value = parse_scale_answer(row.question_type, picked)
	return None if value is None else {"idx": row.idx, "value": value, "record": True}


def closed(context, status: int, message: str):
	company = default_company()
	context.http_status_code = status
	context.update(
		{
			"title": _("Customer Survey"),
			"company": company_name(company),
			"logo": company_logo(company),
			"description": message,
			"closed_message": message,
			"labels": page_labels(),
		}
	)
	return context


def page_labels() -> dict:
	return {
		"required": _("Required"),
		"submit": _("Submit"),
		"sending": _("Sending..."),
		"saved": _(
			"Thank you, your answer is saved. You may answer the other questions too, then press Submit."
		),
		"error": _("Something went wrong. Please try again."),
	}
