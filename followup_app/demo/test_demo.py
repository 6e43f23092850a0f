"""The demo loader on a small demo: records through their controllers, figures in the reports."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, getdate

from followup_app.demo.records import PREFIX, load_demo
from followup_app.kpi.definitions import Scope, kpi_total


class TestDemo(FrappeTestCase):
	def test_small_demo_gives_figures_and_loads_once(self):
		self.addCleanup(frappe.db.rollback)
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
