"""What a completed survey changes: the customer's figures, points and a recovery task for detractors."""

import frappe
from frappe import _

from followup_app.customers.satisfaction import refresh_last_nps, refresh_satisfaction
from followup_app.platform.compat import add_assignment
from followup_app.platform.languages import in_language_of
from followup_app.points.sources import award


def completion_job_id(survey_name: str) -> str:
	"""The background job id of a survey's completion (tests wait for it by this id)."""
	return f"followup_app:survey_completion:{survey_name}"


def enqueue_completion(survey_name: str):
	"""Queue `apply_completion` after the commit, so a customer answering is not kept waiting."""
	frappe.enqueue(
		apply_completion,
		queue="short",
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		job_id=completion_job_id(survey_name),
		survey_name=survey_name,
	)


def apply_completion(survey_name: str):
	"""Run once when a survey becomes Completed (a background job)."""
	survey = frappe.get_doc("Satisfaction Survey", survey_name)
	refresh_last_nps(survey.customer)
	refresh_satisfaction(survey.customer)
	points = frappe.db.get_value(
		"Survey Template", survey.survey_template, "points_on_completion"
	) or frappe.db.get_single_value("Followup Settings", "points_per_survey")
	award(survey.customer, points or 0, "Survey Completed", survey.doctype, survey.name)
	if survey.nps_category == "Detractor" or (survey.csat and survey.csat <= 2):
		recover(survey)


def recover(survey):
	"""A recovery ToDo for the account manager (else the default visitor); optionally a Complaint. Both
	are written in that person's language."""
	owner = frappe.db.get_value("Customer", survey.customer, "account_manager") or frappe.db.get_single_value(
		"Followup Settings", "default_visitor"
	)
	customer = survey.customer_name or survey.customer
	with in_language_of(owner):
		task = _("Unhappy customer {0}: call back and recover the relationship").format(customer)
		subject = _("Low survey score from {0}").format(customer)
	if owner:
		add_assignment(
			{
				"assign_to": [owner],
				"doctype": survey.doctype,
				"name": survey.name,
				"description": task,
				"priority": "High",
			},
			ignore_permissions=True,
		)
	if frappe.db.get_single_value("Followup Settings", "complaint_on_detractor"):
		frappe.get_doc(
			{
				"doctype": "Complaint",
				"customer": survey.customer,
				"subject": subject,
				"channel": "Web",
				"severity": "Medium",
				"reference_doctype": survey.doctype,
				"reference_name": survey.name,
				"assigned_to": owner,
			}
		).insert(ignore_permissions=True)
