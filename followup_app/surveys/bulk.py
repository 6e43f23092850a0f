"""Bulk survey sending to a filtered set of customers, as a background job with progress."""

import frappe
from frappe import _

from followup_app.surveys.sending import send_survey

MANAGER_ROLES = {"Followup Manager", "System Manager"}


@frappe.whitelist()
def send_to_customers(
	survey_template: str, channel: str = "Email", filters: str | dict | None = None
) -> None:
	"""Queue one survey per customer matching `filters` (Customer list filters); managers only."""
	if not MANAGER_ROLES & set(frappe.get_roles()):
		frappe.throw(_("Only Followup Managers can send surveys in bulk."), frappe.PermissionError)
	if channel not in ("Email", "SMS"):
		frappe.throw(_("Bulk surveys go by Email or SMS."), title=_("Invalid Channel"))
	# Managers choose whom to survey: the filter runs without their Customer read restrictions.
	customers = frappe.get_all("Customer", filters=frappe.parse_json(filters) or {}, pluck="name")
	frappe.enqueue(
		send_bulk,
		queue="long",
		timeout=6 * 3600,
		now=frappe.flags.in_test,
		customers=customers,
		survey_template=survey_template,
		channel=channel,
	)


def send_bulk(customers: list[str], survey_template: str, channel: str) -> dict:
	"""Send the survey to each customer; opted-out customers and those without an address are skipped."""
	contactable = {
		row.name: row
		for row in frappe.get_all(
			"Customer",
			filters={"name": ("in", customers), "do_not_contact": 0, "disabled": 0},
			fields=["name", "email_id", "mobile_no"],
		)
	}
	sent = skipped = failed = 0
	for index, customer in enumerate(customers, start=1):
		row = contactable.get(customer)
		if not row or not (row.email_id if channel == "Email" else row.mobile_no):
			skipped += 1
		else:
			try:
				survey = frappe.get_doc(
					{
						"doctype": "Satisfaction Survey",
						"customer": customer,
						"survey_template": survey_template,
						"channel": channel,
					}
				).insert()
				send_survey(survey)
				sent += 1
			except Exception:
				failed += 1
				frappe.log_error(
					_("Survey could not be sent to {0}").format(customer),
					reference_doctype="Customer",
					reference_name=customer,
				)
		if index % 50 == 0 or index == len(customers):
			frappe.publish_progress(
				index * 100 / len(customers),
				title=_("Sending Surveys"),
				description=_("{0} of {1} customers").format(index, len(customers)),
			)
	return {"sent": sent, "skipped": skipped, "failed": failed}
