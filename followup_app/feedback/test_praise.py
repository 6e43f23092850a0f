"""Praise on a completed visit reaches the visitor's manager (Employee reports_to) once, or nobody."""

import frappe
from frappe.utils import add_years, nowdate

from followup_app.feedback.praise import manager_of
from followup_app.feedback.test_routing import VISITOR, RoutingTestCase
from followup_app.testing.fixtures import make_user

MANAGER = "routing.manager@example.com"


def make_employee(user: str, reports_to: str | None = None) -> str:
	company = frappe.db.get_value("Company", {}, "name", order_by="creation asc")
	frappe.db.delete("Employee", {"user_id": user})
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": user.split("@")[0],
				"company": company,
				"status": "Active",
				"gender": frappe.db.get_value("Gender", {}, "name"),
				"date_of_birth": add_years(nowdate(), -30),
				"date_of_joining": add_years(nowdate(), -2),
				"user_id": user,
				"reports_to": reports_to,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestPraiseNotification(RoutingTestCase):
	def setUp(self):
		super().setUp()
		make_user(MANAGER, "Followup Manager")
		self.manager_employee = make_employee(MANAGER)

	def notifications(self, visit) -> list[str]:
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": MANAGER, "document_type": "Visit Record", "document_name": visit.name},
			pluck="subject",
		)

	def test_the_visitors_manager_is_told_once(self):
		make_employee(VISITOR, reports_to=self.manager_employee)
		self.assertEqual(manager_of(VISITOR), MANAGER)
		visit = self.complete(
			[("Praise", self.quality, "工程师很专业"), ("Problem", self.quality, "Noisy fan")]
		)
		subjects = self.notifications(visit)
		self.assertEqual(len(subjects), 1)
		self.assertIn("工程师很专业", subjects[0])
		self.assertIn(frappe.db.get_value("Customer", self.customer, "customer_name"), subjects[0])
		self.assertNotIn("Noisy fan", subjects[0])
		visit.reload()
		self.assertTrue(visit.praise_notified_on)
		visit.append(
			"feedback_items", {"feedback_type": "Praise", "category": self.quality, "description": "Again"}
		)
		visit.save()
		visit.reload()
		visit.save()
		self.assertEqual(len(self.notifications(visit)), 1, "once per visit")

	def test_no_manager_no_notification(self):
		make_employee(VISITOR)
		self.assertIsNone(manager_of(VISITOR))
		visit = self.complete([("Praise", self.quality, "Great")])
		self.assertEqual(self.notifications(visit), [])
		visit.reload()
		self.assertFalse(visit.praise_notified_on)
		frappe.db.delete("Employee", {"user_id": VISITOR})
		self.assertIsNone(manager_of(VISITOR), "a visitor without an Employee has no manager")

	def test_a_visit_without_praise_tells_nobody(self):
		make_employee(VISITOR, reports_to=self.manager_employee)
		visit = self.complete([("Problem", self.quality, "Noisy fan")])
		self.assertEqual(self.notifications(visit), [])
