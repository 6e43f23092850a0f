"""On-site QR code: the visitor shows a fresh secret link of an In Visit survey as a QR code, which the
customer scans to answer on their own phone. Drawn here (segno), no outside service."""

import frappe
import segno
from frappe import _

from followup_app.surveys.sending import issue_token, refuse_do_not_contact
from followup_app.surveys.tokens import survey_link

OPEN = ("Draft", "Sent")


@frappe.whitelist()
def visit_survey_qr(visit: str, survey_template: str) -> dict:
	"""The QR code of the visit's open In Visit survey of `survey_template`, created when it has none
	(linked to the visit). Needs write permission on the On-site visit."""
	record = frappe.get_doc("Visit Record", visit)
	record.check_permission("write")
	if record.channel != "On-site" or record.status not in ("Planned", "Completed"):
		frappe.throw(
			_("A survey QR code is shown on a planned or completed On-site visit."), title=_("Not Allowed")
		)
	refuse_do_not_contact(record)
	name = frappe.db.get_value(
		"Satisfaction Survey",
		{
			"reference_doctype": "Visit Record",
			"reference_name": visit,
			"survey_template": survey_template,
			"channel": "In Visit",
			"status": ("in", OPEN),
		},
	)
	if name:
		survey = frappe.get_doc("Satisfaction Survey", name)
		survey.check_permission("write")
	else:
		survey = frappe.get_doc(
			{
				"doctype": "Satisfaction Survey",
				"customer": record.customer,
				"contact": record.contact,
				"survey_template": survey_template,
				"channel": "In Visit",
				"reference_doctype": "Visit Record",
				"reference_name": visit,
			}
		).insert()
	return qr_code(survey)


@frappe.whitelist()
def survey_qr(survey: str) -> dict:
	"""The QR code of an open In Visit survey. Needs write permission on the survey."""
	doc = frappe.get_doc("Satisfaction Survey", survey)
	doc.check_permission("write")
	if doc.channel != "In Visit" or doc.status not in OPEN:
		frappe.throw(
			_("A QR code is shown for a draft or sent survey taken In Visit."), title=_("Not Allowed")
		)
	return qr_code(doc)


def qr_code(survey) -> dict:
	"""Issue the survey a fresh link (the one shown before stops working) and draw it as an SVG."""
	refuse_do_not_contact(survey)
	link = survey_link(issue_token(survey))
	return {
		"survey": survey.name,
		"link": link,
		"expires_on": survey.expires_on,
		"qr": segno.make(link, error="m").svg_data_uri(scale=6, border=2),
	}
