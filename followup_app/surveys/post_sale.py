"""The optional post-sale survey: a submitted Sales Invoice sends the settings' survey template."""

import frappe

from followup_app.surveys.sending import send_survey


def send_post_sale_survey(invoice, method: str | None = None):
	"""Sales Invoice `on_submit` hook (settings: Send a Survey after each Sales Invoice)."""
	settings = frappe.get_single("Followup Settings")
	if not settings.enable_post_sale_survey or not settings.post_sale_survey_template or invoice.is_return:
		return
	customer = frappe.db.get_value("Customer", invoice.customer, ["do_not_contact", "email_id"], as_dict=True)
	email = invoice.contact_email or customer.email_id
	if customer.do_not_contact or not email:
		return
	survey = frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"customer": invoice.customer,
			"contact": invoice.contact_person,
			"email": email,
			"survey_template": settings.post_sale_survey_template,
			"channel": "Email",
			"reference_doctype": invoice.doctype,
			"reference_name": invoice.name,
		}
	)
	survey.flags.ignore_permissions = True
	survey.insert()
	send_survey(survey)
