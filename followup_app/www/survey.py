"""The public survey page (/survey?t=TOKEN): no login, the template's questions, mobile-first."""

import frappe
from frappe import _

from followup_app.surveys.answers import choices_of
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
	context.update(
		{
			"lang": frappe.local.lang,
			"title": _("Customer Survey"),
			"intro": template.intro,
			"token": frappe.form_dict.get("t"),
			"questions": [
				{
					"idx": row.idx,
					"question": row.question,
					"type": row.question_type,
					"required": row.required,
					"choices": choices_of(row),
				}
				for row in survey.answers
			],
			"labels": page_labels(),
		}
	)
	return context


def closed(context, status: int, message: str):
	context.http_status_code = status
	context.update({"title": _("Customer Survey"), "closed_message": message, "labels": page_labels()})
	return context


def page_labels() -> dict:
	return {
		"required": _("Required"),
		"submit": _("Submit"),
		"sending": _("Sending..."),
		"least": _("Not likely"),
		"most": _("Very likely"),
		"hard": _("Very difficult"),
		"easy": _("Very easy"),
		"error": _("Something went wrong. Please try again."),
	}
