"""Who is asking and why: the company's name and logo and the survey's purpose, shown on the public
page, in its link previews and in the survey's messages."""

import frappe
from frappe import _
from frappe.utils import format_date, get_url

from followup_app.platform.defaults import default_company

# What a survey can be about: reference DocType -> the field dating it.
REFERENCE_DATES = {"Sales Invoice": "posting_date", "Visit Record": "planned_date", "Complaint": "opened_on"}


def survey_company(survey) -> str | None:
	"""The company asking: that of the invoice the survey follows, else the default company."""
	if survey.reference_doctype == "Sales Invoice" and survey.reference_name:
		return frappe.db.get_value("Sales Invoice", survey.reference_name, "company") or default_company()
	return default_company()


def company_name(company: str | None) -> str:
	"""The company's name, else the website's name."""
	name = company and frappe.get_cached_value("Company", company, "company_name")
	return name or frappe.db.get_single_value("Website Settings", "app_name") or ""


def company_logo(company: str | None) -> str | None:
	"""The absolute URL of the company's logo, else the website's; None when neither is public."""
	logo = company and frappe.get_cached_value("Company", company, "company_logo")
	logo = logo or frappe.db.get_single_value("Website Settings", "app_logo")
	if not logo or logo.startswith("/private/"):
		return None
	return get_url(logo)


def brand(survey) -> dict:
	"""Company name, logo and purpose (a sentence in the current language, or None) of a survey."""
	company = survey_company(survey)
	date_field = REFERENCE_DATES.get(survey.reference_doctype)
	day = (
		date_field
		and survey.reference_name
		and frappe.db.get_value(survey.reference_doctype, survey.reference_name, date_field)
	)
	return {
		"company": company_name(company),
		"logo": company_logo(company),
		"purpose": purpose(survey.reference_doctype, day) if day else None,
	}


def purpose(reference_doctype: str, day) -> str:
	"""Why the customer is asked: what the survey is about (one of REFERENCE_DATES), and when."""
	if reference_doctype == "Sales Invoice":
		return _("About your purchase on {0}").format(format_date(day))
	if reference_doctype == "Visit Record":
		return _("About our visit on {0}").format(format_date(day))
	return _("About the complaint you raised on {0}").format(format_date(day))
