"""The daily survey reminder: once, through the survey's own channel (Email or SMS), for Sent surveys
nobody has answered *Remind after (Days)* after sending, unless the link expires within a day or the
customer asked not to be contacted.

The reminder carries a fresh secret link of its own (only its hash is stored, beside the first
link's, which keeps working). Due surveys are read in chunks, one query each with their customer
and company, their one-click questions in one more; each chunk's reminders are then recorded in two
UPDATEs. A survey whose reminder fails is written to the Error Log and tried again the next day.
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from followup_app.core.chunks import Span
from followup_app.core.surveys import ONE_CLICK_TYPES, reminder_window
from followup_app.platform.bulk import update_by_name
from followup_app.platform.defaults import default_company
from followup_app.scheduling.spans import within
from followup_app.surveys.sending import REMINDER, email_survey
from followup_app.surveys.tokens import new_token, survey_link

CHANNELS = ("Email", "SMS")
CHUNK = 500


def send_survey_reminders(customers: Span | None = None) -> int:
	"""Remind every survey due for its reminder (of the customers in `customers`, else of all);
	returns how many were reminded."""
	days = cint(frappe.db.get_single_value("Followup Settings", "survey_reminder_days")) or 3
	now = now_datetime()
	window = reminder_window(now, days)
	company = default_company()
	reminded, failed = 0, []
	while rows := due_surveys(window, failed, customers):
		questions = one_click_questions([row.name for row in rows])
		issued = {}
		for row in rows:
			try:
				token_hash = remind(row, questions.get(row.name), row.company or company)
			except Exception:
				failed.append(row.name)
				frappe.log_error(
					_("Survey reminder could not be sent to {0}").format(row.customer),
					reference_doctype="Satisfaction Survey",
					reference_name=row.name,
				)
			else:
				issued[row.name] = {"reminder_token_hash": token_hash, "reminder_sent_on": now}
		update_by_name("Satisfaction Survey", issued)
		reminded += len(issued)
	return reminded


def due_surveys(window, skip: list[str], customers: Span | None = None) -> list:
	"""Up to CHUNK surveys due for their reminder, with what sending needs."""
	survey = frappe.qb.DocType("Satisfaction Survey")
	customer = frappe.qb.DocType("Customer")
	invoice = frappe.qb.DocType("Sales Invoice")
	query = (
		frappe.qb.from_(survey)
		.join(customer)
		.on(customer.name == survey.customer)
		.left_join(invoice)
		.on((survey.reference_doctype == "Sales Invoice") & (invoice.name == survey.reference_name))
		.select(
			survey.name,
			survey.customer,
			survey.customer_name,
			survey.channel,
			survey.email,
			survey.mobile_no,
			survey.language,
			survey.expires_on,
			invoice.company,
		)
		.where(survey.status == "Sent")
		.where(survey.reminder_sent_on.isnull())
		.where(survey.first_answer_on.isnull())
		.where(survey.sent_on <= window.sent_before)
		.where(survey.expires_on > window.expires_after)
		.where(
			((survey.channel == "Email") & (survey.email.isnotnull()) & (survey.email != ""))
			| ((survey.channel == "SMS") & (survey.mobile_no.isnotnull()) & (survey.mobile_no != ""))
		)
		.where(customer.do_not_contact == 0)
		.where(customer.disabled == 0)
		.orderby(survey.sent_on)
		.limit(CHUNK)
	)
	if skip:
		query = query.where(survey.name.notin(skip))
	return within(query, survey.customer, customers).run(as_dict=True)


def one_click_questions(names: list[str]) -> dict[str, tuple[str, str]]:
	"""{survey: (question type, question)} of the surveys' one-click questions, in one query."""
	answer = frappe.qb.DocType("Survey Answer")
	rows = (
		frappe.qb.from_(answer)
		.select(answer.parent, answer.question_type, answer.question)
		.where(answer.parenttype == "Satisfaction Survey")
		.where(answer.parent.isin(names))
		.where(answer.question_type.isin(ONE_CLICK_TYPES))
		.orderby(answer.idx, order=frappe.qb.desc)
		.run()
	)
	# Ordered last question first, so each survey keeps its first one.
	return {parent: (kind, question) for parent, kind, question in rows}


def remind(row, question: tuple[str, str] | None, company: str) -> str:
	"""Send one reminder with a fresh link; returns the link's token hash."""
	token, token_hash = new_token()
	if row.channel == "Email":
		email_survey(row, token, question, company, REMINDER)
	else:
		from frappe.core.doctype.sms_settings.sms_settings import send_sms

		send_sms(
			[row.mobile_no],
			_("{0}, a reminder: please tell us how we did: {1}", lang=row.language).format(
				row.customer_name or row.customer, survey_link(token)
			),
			success_msg=False,
		)
	return token_hash
