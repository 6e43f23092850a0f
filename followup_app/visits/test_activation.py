"""Integration tests of the activation visit planned by a customer's first Sales Invoice."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from followup_app.testing.fixtures import make_customer, make_invoice, make_user

VISITOR = "activation.manager@example.com"


class TestActivationVisit(FrappeTestCase):
	def setUp(self):
		make_user(VISITOR, "Followup User")
		frappe.db.set_single_value("Followup Settings", "activation_visit_days", 3)

	def tearDown(self):
		frappe.db.rollback()

	def activation_visits(self, customer):
		return frappe.get_all(
			"Visit Record",
			filters={"customer": customer, "visit_type": "New Customer Activation"},
			fields=["name", "planned_date", "visitor", "reference_doctype", "reference_name", "status"],
		)

	def test_first_invoice_plans_one_activation_visit(self):
		# A fresh name each run: submitted invoices outlive their customer, and the rule is "first invoice".
		customer = make_customer(
			f"_Test Activation {frappe.generate_hash(length=6)}", account_manager=VISITOR
		)
		draft = make_invoice(customer.name, submit=False)
		self.assertEqual(self.activation_visits(customer.name), [])
		draft.submit()
		[visit] = self.activation_visits(customer.name)
		self.assertEqual(visit.status, "Planned")
		self.assertEqual(visit.visitor, VISITOR)
		self.assertEqual((visit.reference_doctype, visit.reference_name), ("Sales Invoice", draft.name))
		self.assertEqual(getdate(visit.planned_date), getdate(add_days(nowdate(), 3)))
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": visit.name, "allocated_to": VISITOR}))

		make_invoice(customer.name)
		self.assertEqual(len(self.activation_visits(customer.name)), 1)

	def test_opted_out_customer_and_turned_off_setting_plan_nothing(self):
		opted_out = make_customer(
			f"_Test Activation Opted Out {frappe.generate_hash(length=6)}", do_not_contact=1
		)
		make_invoice(opted_out.name)
		self.assertEqual(self.activation_visits(opted_out.name), [])

		frappe.db.set_single_value("Followup Settings", "enable_activation_visits", 0)
		customer = make_customer(f"_Test Activation Off {frappe.generate_hash(length=6)}")
		make_invoice(customer.name)
		self.assertEqual(self.activation_visits(customer.name), [])
