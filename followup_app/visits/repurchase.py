"""Repurchase after a visit: a completed visit is *followed by a purchase* when its customer has a
submitted (non-return) Sales Invoice dated within `REPURCHASE_WINDOW_DAYS` after the visit day.

The answer is kept on the visit (`followed_by_purchase`), so the Repurchase Rate is a plain sum over
the visits' KPI index instead of an invoice lookup per visit. It is recomputed, set-based, for a
customer whenever one of its invoices is submitted or cancelled and whenever one of its visits is
completed; a patch computes it once for existing visits.
"""

import frappe
from frappe.query_builder.functions import Date
from pypika.terms import ExistsCriterion, Interval

from followup_app.core.kpi import REPURCHASE_WINDOW_DAYS


def update_followed_by_purchase(customers: list[str] | None = None):
	"""Recompute the flag on the visits of `customers` (every customer when None): two UPDATEs."""
	if customers is not None and not customers:
		return
	visit = frappe.qb.DocType("Visit Record")
	invoice = frappe.qb.DocType("Sales Invoice")
	visit_day = Date(visit.visit_datetime)
	bought = ExistsCriterion(
		frappe.qb.from_(invoice)
		.select(invoice.name)
		.where(invoice.customer == visit.customer)
		.where(invoice.docstatus == 1)
		.where(invoice.is_return == 0)
		.where(invoice.posting_date > visit_day)
		.where(invoice.posting_date <= visit_day + Interval(days=REPURCHASE_WINDOW_DAYS))
	)
	clear = frappe.qb.update(visit).set(visit.followed_by_purchase, 0).where(visit.followed_by_purchase == 1)
	mark = (
		frappe.qb.update(visit)
		.set(visit.followed_by_purchase, 1)
		.where(visit.status == "Completed")
		.where(bought)
	)
	if customers is not None:
		clear = clear.where(visit.customer.isin(customers))
		mark = mark.where(visit.customer.isin(customers))
	clear.run()
	mark.run()


def on_sales_invoice_change(doc, method=None):
	"""Sales Invoice on_submit / on_cancel: the customer's visits before it may now count, or not."""
	update_followed_by_purchase([doc.customer])
