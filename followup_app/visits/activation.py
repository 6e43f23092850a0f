"""A customer's first submitted Sales Invoice plans a New Customer Activation visit."""

import frappe
from frappe.utils import getdate, nowdate

from followup_app.core.calendar import add_days_skipping_holidays
from followup_app.holidays import holidays_from
from followup_app.visits.planner import VISIT

ACTIVATION = "New Customer Activation"


def plan_activation_visit(invoice, method: str | None = None):
	"""Sales Invoice `on_submit` hook."""
	settings = frappe.get_single("Followup Settings")
	if not settings.enable_activation_visits or invoice.is_return:
		return
	customer = frappe.db.get_value(
		"Customer", invoice.customer, ["do_not_contact", "disabled", "account_manager"], as_dict=True
	)
	if not customer or customer.do_not_contact or customer.disabled:
		return
	if frappe.db.exists(
		"Sales Invoice",
		{"customer": invoice.customer, "docstatus": 1, "is_return": 0, "name": ("!=", invoice.name)},
	):
		return
	if frappe.db.exists(
		VISIT, {"customer": invoice.customer, "visit_type": ACTIVATION, "status": ("!=", "Cancelled")}
	):
		return

	today = getdate(nowdate())
	start = max(getdate(invoice.posting_date), today)
	visit = frappe.get_doc(
		{
			"doctype": VISIT,
			"customer": invoice.customer,
			"visit_type": ACTIVATION,
			"channel": "Phone",
			"status": "Planned",
			"planned_date": add_days_skipping_holidays(
				start, settings.activation_visit_days or 0, holidays_from(today)
			),
			"visitor": customer.account_manager or settings.default_visitor,
			"visit_script": frappe.db.get_value(
				"Visit Script", {"visit_type": ACTIVATION}, "name", order_by="name asc"
			),
			"reference_doctype": "Sales Invoice",
			"reference_name": invoice.name,
		}
	)
	visit.insert(ignore_permissions=True)
