"""Engagement points redeemed through ERPNext's Loyalty Program on a Sales Invoice."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from followup_app.points.api import redeem_points
from followup_app.testing.fixtures import make_customer

LEDGER = "Loyalty Points"
ENTRY = "Loyalty Point Entry"


def erpnext_balance(customer: str, company: str) -> int:
	from erpnext.accounts.doctype.loyalty_program.loyalty_program import get_loyalty_details

	program = frappe.db.get_value("Customer", customer, "loyalty_program")
	return int((get_loyalty_details(customer, program, company=company) or {}).get("loyalty_points") or 0)


class TestERPNextLoyalty(FrappeTestCase):
	def setUp(self):
		self.company = frappe.db.get_value("Company", {}, "name", order_by="creation asc")
		abbr = frappe.db.get_value("Company", self.company, "abbr")
		self.abbr = abbr
		program = frappe.get_doc(
			{
				"doctype": "Loyalty Program",
				"loyalty_program_name": f"_Test Engagement Program {frappe.generate_hash(length=6)}",
				"loyalty_program_type": "Single Tier Program",
				"from_date": add_days(nowdate(), -1),
				"conversion_factor": 1,
				"expiry_duration": 365,
				"company": self.company,
				"expense_account": frappe.db.get_value(
					"Account", {"company": self.company, "root_type": "Expense", "is_group": 0}
				),
				"cost_center": frappe.db.get_value("Company", self.company, "cost_center"),
				# A huge collection factor: invoices in this test earn no purchase points.
				"collection_rules": [{"tier_name": "Base", "min_spent": 0, "collection_factor": 1e9}],
			}
		).insert()
		# Fresh names: ERPNext's loyalty entries and invoices outlive a deleted customer.
		self.customer = make_customer(
			f"_Test Loyalty Customer {frappe.generate_hash(length=6)}", loyalty_program=program.name
		).name
		if not frappe.db.exists("Item", "_Test Loyalty Item"):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": "_Test Loyalty Item",
					"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
					"stock_uom": "Nos",
					"is_stock_item": 0,
				}
			).insert()

	def tearDown(self):
		frappe.db.rollback()

	def earn(self, points):
		entry = frappe.get_doc(
			{
				"doctype": LEDGER,
				"customer": self.customer,
				"company": self.company,
				"transaction_type": "Earn",
				"reason": "Manual",
				"points": points,
			}
		).insert()
		entry.submit()
		return entry

	def invoice(self, points):
		invoice = frappe.get_doc(
			{
				"doctype": "Sales Invoice",
				"customer": self.customer,
				"company": self.company,
				"posting_date": nowdate(),
				"due_date": nowdate(),
				"items": [{"item_code": "_Test Loyalty Item", "qty": 1, "rate": 500}],
				"redeem_loyalty_points": 1,
				"loyalty_points": points,
				"loyalty_amount": points,
			}
		).insert()
		invoice.submit()
		return invoice

	def test_earned_lot_is_mirrored_and_our_redemption_is_too(self):
		lot = self.earn(100)
		self.assertTrue(lot.reload().erpnext_entry)
		self.assertEqual(erpnext_balance(self.customer, self.company), 100)
		redeem_points(self.customer, 30, "Mug")
		self.assertEqual(erpnext_balance(self.customer, self.company), 70)
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 70)

	def test_invoice_redeems_engagement_points_once_in_each_ledger(self):
		lot = self.earn(100)
		invoice = self.invoice(40)
		self.assertEqual(invoice.outstanding_amount, 460)
		self.assertEqual(erpnext_balance(self.customer, self.company), 60)
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 60)
		self.assertEqual(frappe.db.get_value(LEDGER, lot.name, "remaining_points"), 60)
		redemption = frappe.get_last_doc(LEDGER, {"reference_name": invoice.name})
		self.assertEqual(redemption.points, -40)
		self.assertEqual([(row.lot, row.points) for row in redemption.allocations], [(lot.name, 40)])

		invoice.cancel()
		self.assertEqual(erpnext_balance(self.customer, self.company), 100)
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 100)
		self.assertEqual(frappe.db.get_value(LEDGER, redemption.name, "docstatus"), 2)

	def test_cancelling_a_mirrored_lot_removes_its_mirror(self):
		lot = self.earn(25)
		mirror = lot.reload().erpnext_entry
		lot.cancel()
		self.assertFalse(frappe.db.exists(ENTRY, mirror))
		self.assertEqual(erpnext_balance(self.customer, self.company), 0)
