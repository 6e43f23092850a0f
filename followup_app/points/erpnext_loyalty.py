"""Engagement points inside ERPNext's Loyalty Program, without double counting.

Model: our ledger is the source of the engagement points. When a customer enrolled in an ERPNext
Loyalty Program (of the entry's company) earns a lot, the lot is mirrored as a positive ERPNext
Loyalty Point Entry (invoice type "Loyalty Points", same points and expiry), so ERPNext counts it
as available on Sales Invoices. Every use of a mirrored lot is recorded once in each ledger:

- our own redemption posts, per lot it used, a negative ERPNext entry against the lot's mirror;
- a Sales Invoice redeeming loyalty points: ERPNext only redeems against entries made by Sales
  Invoices, so after it ran we redeem the rest of the invoice's points against our mirrors (negative
  entries of that invoice, which ERPNext deletes itself on cancel) and post the same lots as a Redeem
  in our ledger; cancelling the invoice cancels that Redeem.

Expiry needs no mirror: ERPNext ignores entries past their expiry date, our daily job expires the
lot. Lots earned before the customer enrolled stay in our ledger only.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from followup_app.points.ledger import LEDGER

ENTRY = "Loyalty Point Entry"


def program_for(customer: str, company: str) -> str | None:
	"""The customer's ERPNext Loyalty Program, when it belongs to `company`."""
	program = frappe.db.get_value("Customer", customer, "loyalty_program")
	if program and frappe.db.get_value("Loyalty Program", program, "company") in (company, None, ""):
		return program
	return None


def insert_entry(values: dict) -> str:
	entry = frappe.get_doc({"doctype": ENTRY, "purchase_amount": 0, **values})
	entry.flags.ignore_permissions = True
	entry.insert()
	return entry.name


def mirror_lot(lot):
	"""Mirror a just-submitted positive entry of an enrolled customer."""
	program = program_for(lot.customer, lot.company)
	if not program or lot.points <= 0:
		return
	name = insert_entry(
		{
			"customer": lot.customer,
			"company": lot.company,
			"loyalty_program": program,
			"loyalty_points": lot.points,
			"posting_date": lot.posting_date,
			"expiry_date": lot.expiry_date,
			"invoice_type": LEDGER,
			"invoice": lot.name,
		}
	)
	lot.db_set("erpnext_entry", name)


def mirror_use(entry):
	"""Record in ERPNext the mirrored lots a just-submitted redemption (or negative adjustment) used."""
	if entry.flags.from_sales_invoice:
		return
	for row in entry.allocations:
		mirror = frappe.db.get_value(LEDGER, row.lot, "erpnext_entry")
		if not mirror:
			continue
		source = frappe.db.get_value(
			ENTRY, mirror, ["loyalty_program", "expiry_date", "company"], as_dict=True
		)
		insert_entry(
			{
				"customer": entry.customer,
				"company": source.company,
				"loyalty_program": source.loyalty_program,
				"loyalty_points": -row.points,
				"posting_date": entry.posting_date,
				"expiry_date": source.expiry_date,
				"invoice_type": LEDGER,
				"invoice": entry.name,
				"redeem_against": mirror,
			}
		)


def remove_mirrors(entry):
	"""On cancel: remove the ERPNext entries this ledger entry made."""
	frappe.db.delete(ENTRY, {"invoice_type": LEDGER, "invoice": entry.name})


def redeem_on_sales_invoice(invoice, method: str | None = None):
	"""Sales Invoice `on_submit` hook: redeem what ERPNext left unredeemed against our mirrors."""
	if not (invoice.redeem_loyalty_points and invoice.loyalty_points and invoice.loyalty_program):
		return
	entry = frappe.qb.DocType(ENTRY)
	done = -int(
		frappe.qb.from_(entry)
		.select(frappe.query_builder.functions.Sum(entry.loyalty_points))
		.where(entry.invoice_type == invoice.doctype)
		.where(entry.invoice == invoice.name)
		.where(entry.loyalty_points < 0)
		.run()[0][0]
		or 0
	)
	wanted = invoice.loyalty_points - done
	if wanted <= 0:
		return
	mirrors = (
		frappe.qb.from_(entry)
		.select(entry.name, entry.invoice, entry.loyalty_points, entry.expiry_date)
		.where(entry.customer == invoice.customer)
		.where(entry.loyalty_program == invoice.loyalty_program)
		.where(entry.company == invoice.company)
		.where(entry.invoice_type == LEDGER)
		.where(entry.loyalty_points > 0)
		.where(entry.expiry_date >= invoice.posting_date)
		.orderby(entry.expiry_date)
		.orderby(entry.name)
		.for_update()
		.run(as_dict=True)
	)
	used = {
		against: -int(points or 0)
		for against, points in frappe.qb.from_(entry)
		.select(entry.redeem_against, frappe.query_builder.functions.Sum(entry.loyalty_points))
		.where(entry.redeem_against.isin([mirror.name for mirror in mirrors] or [""]))
		.where(entry.loyalty_points < 0)
		.groupby(entry.redeem_against)
		.run()
	}
	allocations = []
	for mirror in mirrors:
		available = mirror.loyalty_points - used.get(mirror.name, 0)
		take = min(available, wanted)
		if take <= 0:
			continue
		insert_entry(
			{
				"customer": invoice.customer,
				"company": invoice.company,
				"loyalty_program": invoice.loyalty_program,
				"loyalty_points": -take,
				"posting_date": invoice.posting_date,
				"expiry_date": mirror.expiry_date,
				"invoice_type": invoice.doctype,
				"invoice": invoice.name,
				"redeem_against": mirror.name,
			}
		)
		allocations.append((mirror.invoice, take))
		wanted -= take
		if wanted == 0:
			break
	if wanted > 0:
		frappe.throw(
			_("The customer's loyalty points do not cover the {0} points redeemed on this invoice.").format(
				invoice.loyalty_points
			),
			title=_("Not Enough Points"),
		)
	if allocations:
		redemption = frappe.get_doc(
			{
				"doctype": LEDGER,
				"customer": invoice.customer,
				"company": invoice.company,
				"transaction_type": "Redeem",
				"reason": "Redemption",
				"points": sum(points for _lot, points in allocations),
				"posting_date": getdate(invoice.posting_date),
				"reward": _("Discount on Sales Invoice {0}").format(invoice.name),
				"reference_doctype": invoice.doctype,
				"reference_name": invoice.name,
			}
		)
		redemption.flags.ignore_permissions = True
		redemption.flags.from_sales_invoice = True
		redemption.flags.lots = allocations
		redemption.insert()
		redemption.submit()


def cancel_sales_invoice_redemption(invoice, method: str | None = None):
	"""Sales Invoice `on_cancel` hook: cancel the ledger redemption the invoice made."""
	for name in frappe.get_all(
		LEDGER,
		filters={"reference_doctype": invoice.doctype, "reference_name": invoice.name, "docstatus": 1},
		pluck="name",
	):
		redemption = frappe.get_doc(LEDGER, name)
		redemption.flags.ignore_permissions = True
		redemption.cancel()
