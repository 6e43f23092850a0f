"""The demo loader on a small demo: records through their controllers, figures in the reports."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate, now_datetime

from followup_app.demo.records import PREFIX, load_demo
from followup_app.kpi.definitions import Scope, kpi_total


def remove_demo(since):
	"""Remove the demo's customers with their records, and the goals made since `since`, and commit:
	in the full suite something the loader runs may commit (a first DDL statement, say), and the demo
	must not outlive its test."""
	frappe.db.rollback()
	customers = frappe.get_all("Customer", filters={"customer_name": ("like", f"{PREFIX}%")}, pluck="name")
	if customers:
		for doctype, field in (
			("Visit Record", "customer"),
			("Complaint", "customer"),
			("Satisfaction Survey", "customer"),
			("Loyalty Points", "customer"),
			("Sales Invoice", "customer"),
			("Opportunity", "party_name"),
			("GL Entry", "party"),
			("Payment Ledger Entry", "party"),
		):
			for name in frappe.get_all(doctype, filters={field: ("in", customers)}, pluck="name"):
				for table in frappe.get_meta(doctype).get_table_fields():
					frappe.db.delete(table.options, {"parent": name})
				frappe.db.delete(doctype, {"name": name})
		frappe.db.delete("Customer", {"name": ("in", customers)})
	frappe.db.delete("Followup Goal", {"creation": (">=", since)})
	frappe.db.commit()


class TestDemo(FrappeTestCase):
	def test_small_demo_gives_figures_and_loads_once(self):
		self.addCleanup(remove_demo, now_datetime())
		summary = load_demo(seed=3, echo=lambda *_args: None, size=4)
		self.assertEqual(summary["customers"], 4)
		self.assertGreater(summary["invoices"], 0)
		self.assertGreater(summary["visits"], 0)
		customers = frappe.get_all(
			"Customer", filters={"customer_name": ("like", f"{PREFIX}%")}, pluck="name"
		)
		self.assertEqual(len(customers), 4)
		# History does not plan activation visits for today.
		self.assertFalse(
			frappe.db.exists(
				"Visit Record", {"customer": ("in", customers), "visit_type": "New Customer Activation"}
			)
		)
		year = Scope(add_months(getdate(), -12), getdate())
		self.assertIsNotNone(kpi_total("visit_completion_rate", year))
		self.assertTrue(frappe.db.count("Followup Goal", {"goal_name": ("like", "%quarter%")}))
		with self.assertRaises(frappe.ValidationError):
			load_demo(echo=lambda *_args: None, size=1)
