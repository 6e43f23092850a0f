"""Personal data deletion: the part of a person's records Frappe's request cannot reach by itself.

Frappe's Personal Data Deletion Request redacts the fields `user_data_fields` (hooks.py) lists on the
app's visits, complaints and surveys found by the person's email, and replaces that email by the
request's anonymous address. It cannot reach child tables found through their parent, so once the
request is Deleted this clears the person's words kept there: the answers to a visit's script, the
feedback noted on a visit and the free-text answers of a survey. Scores, ratings, outcomes, feedback
types and categories stay, so the KPIs count the same.
"""

import frappe

REDACTED = "[REDACTED]"  # what Frappe's request writes into a redacted Data field
DELETED = "Deleted"


def redact_child_text(request, _method=None):
	"""doc_events on_change of Personal Data Deletion Request: once Deleted, redact the free text in
	the child rows of the records that now carry the request's anonymous address. Idempotent."""
	if request.status != DELETED:
		return
	anon = request.name
	visit = frappe.qb.DocType("Visit Record")
	visits = frappe.qb.from_(visit).select(visit.name).where(visit.contact_email == anon)
	script_answer = frappe.qb.DocType("Visit Script Answer")
	redact(script_answer, script_answer.answer, "Visit Record", visits)
	feedback = frappe.qb.DocType("Visit Feedback Item")
	redact(feedback, feedback.description, "Visit Record", visits)
	survey = frappe.qb.DocType("Satisfaction Survey")
	surveys = frappe.qb.from_(survey).select(survey.name).where(survey.email == anon)
	answer = frappe.qb.DocType("Survey Answer")
	redact(answer, answer.answer_text, "Satisfaction Survey", surveys, answer.question_type == "Text")


def redact(table, field, parenttype: str, parents, condition=None):
	"""One UPDATE: `field` of the rows of `table` under `parents` that hold text becomes REDACTED."""
	query = (
		frappe.qb.update(table)
		.set(field, REDACTED)
		.where(table.parenttype == parenttype)
		.where(table.parent.isin(parents))
		.where(field.isnotnull())
		.where(field != "")
		.where(field != REDACTED)
	)
	if condition is not None:
		query = query.where(condition)
	query.run()
