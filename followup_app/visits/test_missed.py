"""Integration tests of the missed-visit job."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from followup_app.core.chunks import Span
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.testing.fixtures import make_customer, make_user, make_visit
from followup_app.visits.missed import mark_missed_visits

VISITOR = "missed.visitor@example.com"
MANAGER = "missed.manager@example.com"


class TestMissedVisits(FrappeTestCase):
	def setUp(self):
		make_user(VISITOR, "Followup User")
		make_user(MANAGER, "Followup Manager")
		frappe.db.set_single_value("Followup Settings", "missed_visit_grace_days", 3)
		frappe.db.sql("update tabCustomer set do_not_contact = 1")
		self.customer = make_customer("_Test Missed Customer", followup_tier="VIP", created_days_ago=40)

	def tearDown(self):
		frappe.db.rollback()

	def test_overdue_planned_visit_is_missed_and_planned_anew(self):
		old = make_visit(
			self.customer.name, visitor=VISITOR, followup_policy="VIP", planned_date=add_days(nowdate(), -4)
		)
		recent = make_visit(self.customer.name, visitor=VISITOR, planned_date=add_days(nowdate(), -3))
		alerts_before = frappe.db.count("Notification Log", {"for_user": MANAGER})

		self.assertEqual(mark_missed_visits(), 1)
		self.assertEqual(frappe.db.get_value("Visit Record", old.name, "status"), "Missed")
		self.assertIsNone(frappe.db.get_value("Visit Record", old.name, "planned_visit_key"))
		self.assertEqual(frappe.db.get_value("Visit Record", recent.name, "status"), "Planned")
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": old.name, "status": "Open"}),
		)
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": MANAGER}), alerts_before + 1)

		# The customer still had a Planned visit (the recent one), so nothing new yet; once that one
		# is missed too, the planner plans a fresh visit.
		self.assertEqual(mark_missed_visits(add_days(nowdate(), 1)), 1)
		fresh = frappe.get_all(
			"Visit Record",
			filters={"customer": self.customer.name, "status": "Planned"},
			pluck="planned_date",
		)
		self.assertEqual([getdate(day) for day in fresh], [getdate(add_days(nowdate(), 1))])

	def test_running_twice_changes_nothing_more(self):
		make_visit(self.customer.name, visitor=VISITOR, planned_date=add_days(nowdate(), -10))
		self.assertEqual(mark_missed_visits(), 1)
		self.assertEqual(mark_missed_visits(), 0)
		self.assertEqual(
			frappe.db.count("Visit Record", {"customer": self.customer.name, "status": "Missed"}), 1
		)

	def test_turned_off_marks_nothing(self):
		visit = make_visit(self.customer.name, planned_date=add_days(nowdate(), -10))
		frappe.db.set_single_value("Followup Settings", "enable_missed_visits", 0)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(frappe.db.get_value("Visit Record", visit.name, "status"), "Planned")
		frappe.db.set_single_value("Followup Settings", "enable_missed_visits", 1)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(frappe.db.get_value("Visit Record", visit.name, "status"), "Missed")
