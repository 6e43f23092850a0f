"""The guest endpoint behind the public survey page: a secret token in, answers stored once."""

import json

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import get_datetime, now_datetime

from followup_app.platform.bulk import update_by_name
from followup_app.surveys.answers import score, store_answers, stored_scores
from followup_app.surveys.completion import enqueue_completion
from followup_app.surveys.one_click import record_first_answer
from followup_app.surveys.tokens import hash_token

MAX_PAYLOAD = 50_000


class SurveyClosed(frappe.ValidationError):
	"""The survey behind a valid link was already answered or has expired."""

	http_status_code = 410


def find_open_survey(token: str | None, for_update: bool = False):
	"""The Sent, unexpired survey of `token`; else DoesNotExistError (404) or SurveyClosed (410)."""
	name = None
	if token and len(token) <= 100:
		# The link of the survey's message, or of its reminder (each has a token of its own).
		digest = hash_token(token)
		table = frappe.qb.DocType("Satisfaction Survey")
		query = (
			frappe.qb.from_(table)
			.select(table.name)
			.where((table.token_hash == digest) | (table.reminder_token_hash == digest))
		)
		found = (query.for_update() if for_update else query).run()
		name = found[0][0] if found else None
	if not name:
		frappe.throw(
			_("This survey link is not valid."), frappe.DoesNotExistError, title=_("Survey Not Found")
		)
	survey = frappe.get_doc("Satisfaction Survey", name)
	if survey.status == "Completed":
		frappe.throw(
			_("This survey has already been answered. Thank you!"), SurveyClosed, title=_("Already Answered")
		)
	if survey.status != "Sent" or (survey.expires_on and get_datetime(survey.expires_on) < now_datetime()):
		frappe.throw(_("This survey link has expired."), SurveyClosed, title=_("Survey Expired"))
	return survey


def survey_rate_limit() -> int:
	"""Submissions allowed per IP per minute (site config `followup_survey_rate_limit`, default 30)."""
	return int(frappe.conf.get("followup_survey_rate_limit") or 30)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=survey_rate_limit, seconds=60)
def submit(token: str, answers: str) -> dict:
	"""Store the answers of the survey the token opens, once; returns the thank-you message."""
	if not isinstance(answers, str) or len(answers) > MAX_PAYLOAD:
		frappe.throw(_("The answers are too long."), title=_("Invalid Answer"))
	try:
		submitted = json.loads(answers)
	except ValueError:
		submitted = None
	if not isinstance(submitted, dict):
		frappe.throw(_("The answers could not be read."), title=_("Invalid Answer"))
	survey = find_open_survey(token, for_update=True)
	frappe.local.lang = survey.language or "en"
	store_completion(survey, submitted)
	thank_you = frappe.db.get_value("Survey Template", survey.survey_template, "thank_you")
	return {"message": thank_you or _("Thank you for your answers!")}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=survey_rate_limit, seconds=60)
def answer_first(token: str, answer: str) -> dict:
	"""Store the answer picked by a button of the survey's message, once; returns the stored answer."""
	survey = find_open_survey(token, for_update=True)
	frappe.local.lang = survey.language or "en"
	return {"answer": record_first_answer(survey, answer)}


def store_completion(survey, submitted: dict):
	"""The guest path of `complete`: the same checks and scores, written with three UPDATEs instead
	of a full document save (this endpoint is the one customers wait on), then the same background
	job the document's on_update queues. The survey's status and completed_on record the answer."""
	store_answers(survey, submitted)
	score(survey)
	now = now_datetime()
	update_by_name(
		"Survey Answer",
		# Number columns are NOT NULL (0 when empty), as a document save would store them.
		{
			row.name: {"answer_value": row.answer_value or 0, "answer_text": row.answer_text}
			for row in survey.answers
		},
	)
	table = frappe.qb.DocType("Satisfaction Survey")
	query = (
		frappe.qb.update(table)
		.set(table.status, "Completed")
		.set(table.completed_on, now)
		.set(table.modified, now)
	)
	for field, stored in stored_scores(survey).items():
		query = query.set(table[field], stored)
	query.where(table.name == survey.name).where(table.status == "Sent").run()
	enqueue_completion(survey.name)


def complete(survey, submitted: dict):
	"""Validate and store the answers, score them and mark the survey Completed."""
	store_answers(survey, submitted)
	score(survey)
	survey.status = "Completed"
	survey.completed_on = now_datetime()
	survey.flags.ignore_permissions = True
	survey.save()
