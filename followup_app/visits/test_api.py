"""Integration tests of the desk actions on visits."""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.testing.fixtures import make_user
from followup_app.visits.api import plan_visits_now


class TestVisitApi(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_only_managers_may_run_the_planner(self):
		frappe.set_user(make_user("api.user@example.com", "Followup User"))
		self.assertRaises(frappe.PermissionError, plan_visits_now)

	def test_manager_runs_the_planner(self):
		frappe.db.sql("update tabCustomer set do_not_contact = 1")
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": "_Test Plan Now",
				"followup_tier": "VIP",
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
				"territory": frappe.db.get_value("Territory", {"is_group": 0}),
			}
		).insert()
		frappe.db.set_value(
			"Customer", customer.name, "creation", frappe.utils.add_days(frappe.utils.nowdate(), -30)
		)
		frappe.set_user(make_user("api.manager@example.com", "Followup Manager"))
		plan_visits_now()
		self.assertTrue(frappe.db.exists("Visit Record", {"customer": customer.name, "status": "Planned"}))
