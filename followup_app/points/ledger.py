"""Row-locked access to a customer's point lots and balance."""

import frappe
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from followup_app.core.points import Lot

LEDGER = "Loyalty Points"


def lock_customers(customers: list[str]):
	"""Lock the customers' rows, in name order: every ledger change holds this lock first."""
	if not customers:
		return
	customer = frappe.qb.DocType("Customer")
	(
		frappe.qb.from_(customer)
		.select(customer.name)
		.where(customer.name.isin(sorted(customers)))
		.orderby(customer.name)
		.for_update()
		.run()
	)


def load_lots(customer: str) -> list[Lot]:
	"""The customer's submitted lots with points left, locked for update."""
	entry = frappe.qb.DocType(LEDGER)
	rows = (
		frappe.qb.from_(entry)
		.select(entry.name, entry.posting_date, entry.expiry_date, entry.remaining_points)
		.where(entry.customer == customer)
		.where(entry.docstatus == 1)
		.where(entry.remaining_points > 0)
		.for_update()
		.run()
	)
	return [
		Lot(name, getdate(posted), getdate(expiry), remaining) for name, posted, expiry, remaining in rows
	]


def change_remaining(lot: str, delta: int):
	"""Add `delta` (negative to consume) to a lot's points left."""
	entry = frappe.qb.DocType(LEDGER)
	frappe.qb.update(entry).set(entry.remaining_points, entry.remaining_points + delta).where(
		entry.name == lot
	).run()


def refresh_balances(customers: list[str]):
	"""Set each customer's loyalty_points_balance to the sum of its submitted entries."""
	if not customers:
		return
	frappe.db.sql(
		"""
		update `tabCustomer` customer
		left join (
			select `customer`, sum(`points`) as total from `tabLoyalty Points`
			where `docstatus` = 1 and `customer` in %(customers)s group by `customer`
		) ledger on ledger.`customer` = customer.`name`
		set customer.`loyalty_points_balance` = coalesce(ledger.total, 0)
		where customer.`name` in %(customers)s
		""",
		{"customers": customers},
	)


def balance(customer: str) -> int:
	"""The customer's ledger balance."""
	entry = frappe.qb.DocType(LEDGER)
	total = (
		frappe.qb.from_(entry)
		.select(Sum(entry.points))
		.where(entry.customer == customer)
		.where(entry.docstatus == 1)
		.run()[0][0]
	)
	return int(total or 0)
