"""Sending a survey: a fresh secret link by email (Email Template), SMS or for staff to share."""

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from followup_app.surveys.branding import company_name, survey_company
from followup_app.surveys.one_click import answer_buttons, one_click_row
from followup_app.surveys.tokens import new_token, survey_link

INVITATION = {"en": "Satisfaction Survey", "zh": "Satisfaction Survey (zh)"}
REMINDER = {"en": "Satisfaction Survey Reminder", "zh": "Satisfaction Survey Reminder (zh)"}


def refuse_do_not_contact(record):
	"""No survey for a customer who opted out (`record`: a survey or visit, naming the customer)."""
	if frappe.db.get_value("Customer", record.customer, "do_not_contact"):
		frappe.throw(
			_("{0} asked not to be contacted: no survey is sent.").format(
				record.customer_name or record.customer
			),
			title=_("Do Not Contact"),
		)


def send_survey(survey) -> str:
	"""Issue the survey's link and deliver it by its channel; returns the link."""
	if survey.status != "Draft":
		frappe.throw(_("Only a draft survey can be sent."), title=_("Already Sent"))
	refuse_do_not_contact(survey)
	if survey.channel == "Email" and not survey.email:
		frappe.throw(_("Enter the email address to send the survey to."), title=_("Missing Email"))
	if survey.channel == "SMS" and not survey.mobile_no:
		frappe.throw(_("Enter the mobile number to send the survey to."), title=_("Missing Mobile No"))
	if survey.channel == "SMS" and not frappe.db.get_single_value("SMS Settings", "sms_gateway_url"):
		frappe.throw(_("Set up SMS Settings to send surveys by SMS."), title=_("SMS Not Configured"))
	token = issue_token(survey)
	if survey.channel == "Email":
		row = one_click_row(survey)
		email_survey(survey, token, row and (row.question_type, row.question), survey_company(survey))
	elif survey.channel == "SMS":
		sms_survey(survey, survey_link(token))
	return survey_link(token)


def issue_token(survey) -> str:
	"""A fresh secret token for the survey (only its hash is stored; an earlier link stops working),
	which is Sent from now on and open for Survey Link Expiry (Days)."""
	token, token_hash = new_token()
	days = frappe.db.get_single_value("Followup Settings", "survey_expiry_days") or 14
	now = now_datetime()
	survey.update(
		{
			"token_hash": token_hash,
			"status": "Sent",
			"sent_on": survey.sent_on or now,
			"expires_on": add_days(now, days),
		}
	)
	survey.save()
	return token


def email_survey(
	survey, token: str, question: tuple[str, str] | None, company: str | None, templates: dict = INVITATION
):
	"""Mail the survey's link (Email Template `templates` in the survey's language) from `company`,
	with the answer buttons of its one-click `question` (type, text) when it has one."""
	language = survey.language if survey.language in templates else "en"
	template = frappe.get_cached_doc("Email Template", templates[language])
	args = {
		"customer_name": survey.customer_name or survey.customer,
		"company": company_name(company),
		"link": survey_link(token),
		"answer_buttons": answer_buttons(token, *question, language) if question else "",
		"expires_on": survey.expires_on,
	}
	frappe.sendmail(
		recipients=[survey.email],
		subject=frappe.render_template(template.subject, args),
		message=frappe.render_template(
			template.response_html if template.use_html else template.response, args
		),
		reference_doctype="Satisfaction Survey",
		reference_name=survey.name,
	)


def sms_survey(survey, link: str):
	"""Through the SMS Settings gateway (checked before the link was issued)."""
	from frappe.core.doctype.sms_settings.sms_settings import send_sms

	send_sms([survey.mobile_no], _("{0}, please tell us how we did: {1}").format(survey.customer_name, link))


@frappe.whitelist()
def create_and_send(
	customer: str,
	survey_template: str,
	channel: str = "Email",
	reference_doctype: str | None = None,
	reference_name: str | None = None,
) -> dict:
	"""Create a survey for `customer` and send it; staff get the link back (to share it themselves)."""
	survey = frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"customer": customer,
			"survey_template": survey_template,
			"channel": channel,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
		}
	).insert()
	if channel in ("In Visit", "Phone"):
		return {"name": survey.name, "link": None}
	return {"name": survey.name, "link": send_survey(survey)}
