"""Repurchase after a visit: the flag follows invoices submitted and cancelled, and visits completed."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from followup_app.kpi.definitions import VISIT_KPI_INDEX, VISIT_OWNER_INDEX
from followup_app.patches import set_followed_by_purchase
from followup_app.setup.install import PLATFORM_INDEXES
from followup_app.testing.fixtures import make_customer, make_invoice, make_visit


def completed_visit(customer: str, days_ago: int):
	day = add_days(nowdate(), -days_ago)
	return make_visit(
		customer, status="Completed", planned_date=day, visit_datetime=f"{day} 10:00:00", outcome="Satisfied"
	)


def flag(visit) -> int:
	return frappe.db.get_value("Visit Record", visit.name, "followed_by_purchase")


class TestRepurchase(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value("Followup Settings", "enable_activation_visits", 0)
		self.addCleanup(frappe.db.set_single_value, "Followup Settings", "enable_activation_visits", 1)
		self.addCleanup(frappe.db.rollback)
		self.customer = make_customer("_Test Repurchase Customer").name

	def test_invoice_within_the_window_marks_the_visits_before_it(self):
		recent, old = completed_visit(self.customer, 10), completed_visit(self.customer, 120)
		invoice = make_invoice(self.customer, posting_date=add_days(nowdate(), -5), set_posting_time=1)
		self.assertEqual((flag(recent), flag(old)), (1, 0))  # 5 days after one, 115 after the other
		invoice.cancel()
		self.assertEqual(flag(recent), 0)

	def test_visit_completed_after_the_purchase_is_not_marked(self):
		make_invoice(self.customer, posting_date=add_days(nowdate(), -5), set_posting_time=1)
		self.assertEqual(flag(completed_visit(self.customer, 2)), 0)
		self.assertEqual(flag(completed_visit(self.customer, 30)), 1)  # completing it finds the invoice

	def test_patch_marks_existing_visits_and_indexes_exist(self):
		visit = completed_visit(self.customer, 10)
		make_invoice(self.customer, posting_date=add_days(nowdate(), -5), set_posting_time=1)
		frappe.db.set_value("Visit Record", visit.name, "followed_by_purchase", 0)
		set_followed_by_purchase.execute()
		self.assertEqual(flag(visit), 1)
		for index in (VISIT_KPI_INDEX, VISIT_OWNER_INDEX):
			self.assertTrue(frappe.db.has_index("tabVisit Record", index))
		for doctype, _columns, name in PLATFORM_INDEXES:
			self.assertTrue(frappe.db.has_index(f"tab{doctype}", name))
