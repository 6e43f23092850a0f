"""A customer's first submitted Sales Invoice plans a New Customer Activation visit."""

import frappe
from frappe.utils import getdate, nowdate

from followup_app.visits.planner import VISIT
from followup_app.visits.referenced import plan_referenced_visit

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

	plan_referenced_visit(
		invoice.customer,
		ACTIVATION,
		max(getdate(invoice.posting_date), getdate(nowdate())),
		settings.activation_visit_days,
		customer.account_manager or settings.default_visitor,
		"Sales Invoice",
		invoice.name,
	)
