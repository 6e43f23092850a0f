"""Integration tests of the hourly SLA job."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime

from followup_app.complaints.escalation import update_sla
from followup_app.core.chunks import Span
from followup_app.scheduling.hourly import run_complaint_steps, scheduled_sla_run
from followup_app.testing.fixtures import make_customer, make_user
from followup_app.testing.queries import counted_queries

MANAGER = "escalation.manager@example.com"


class TestEscalation(FrappeTestCase):
	def setUp(self):
		make_user(MANAGER, "Followup Manager")
		customer = make_customer("_Test Escalation Customer")
		self.complaint = frappe.get_doc(
			{"doctype": "Complaint", "customer": customer.name, "subject": "Broken", "severity": "Critical"}
		).insert()
		# Only this test's complaint is open.
		frappe.db.sql("update tabComplaint set status = 'Closed' where name != %s", self.complaint.name)
		self.opened = get_datetime(self.complaint.opened_on)

	def tearDown(self):
		frappe.db.rollback()

	def state(self):
		return frappe.db.get_value("Complaint", self.complaint.name, ["sla_status", "escalation_level"])

	def manager_todos(self):
		return frappe.db.count(
			"ToDo", {"reference_name": self.complaint.name, "allocated_to": MANAGER, "status": "Open"}
		)

	def test_at_risk_then_breached_each_escalate_once(self):
		alerts = frappe.db.count("Notification Log", {"for_user": MANAGER})
		update_sla(add_to_date(self.opened, hours=1))
		self.assertEqual(self.state(), ("On Track", 0))

		# Critical: response within 2 h; 80 % of it is 96 minutes.
		at_risk = add_to_date(self.opened, minutes=100)
		self.assertEqual(update_sla(at_risk)["escalated"], 1)
		self.assertEqual(self.state(), ("At Risk", 1))
		self.assertEqual(self.manager_todos(), 1)
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": MANAGER}), alerts + 1)

		self.assertEqual(update_sla(at_risk)["escalated"], 0)
		self.assertEqual(self.manager_todos(), 1)

		breached = add_to_date(self.opened, hours=3)
		update_sla(breached)
		self.assertEqual(self.state(), ("Breached", 2))
		self.assertEqual(self.manager_todos(), 2)
		update_sla(breached)
		self.assertEqual(self.manager_todos(), 2)

	def test_responded_complaint_runs_on_the_resolution_clock(self):
		frappe.db.set_value(
			"Complaint", self.complaint.name, "first_response_on", add_to_date(self.opened, hours=1)
		)
		update_sla(add_to_date(self.opened, hours=10))
		self.assertEqual(self.state(), ("On Track", 0))
		update_sla(add_to_date(self.opened, hours=20))
		self.assertEqual(self.state(), ("At Risk", 1))

	def test_turned_off_changes_nothing(self):
		frappe.db.set_single_value("Followup Settings", "enable_sla_escalation", 0)
		frappe.db.set_value(
			"Complaint",
			self.complaint.name,
			{
				"opened_on": add_to_date(self.opened, days=-5),
				"response_due": add_to_date(self.opened, days=-4),
				"resolution_due": add_to_date(self.opened, days=-3),
			},
		)
		scheduled_sla_run()  # turned off: records no run, changes nothing
		self.assertFalse(
			frappe.db.exists("Followup Job Run", {"job": "SLA Update", "creation": (">=", self.opened)})
		)
		self.assertEqual(self.state(), ("On Track", 0))
		frappe.db.set_single_value("Followup Settings", "enable_sla_escalation", 1)
		run_complaint_steps(Span(), "hour")  # what each chunk of the hourly run does
		self.assertEqual(self.state()[1], 2)

	def test_query_count_does_not_grow_with_complaints(self):

		def queries(count):
			frappe.db.sql("update tabComplaint set status = 'Closed'")
			for index in range(count):
				frappe.get_doc(
					{
						"doctype": "Complaint",
						"customer": "_Test Escalation Customer",
						"subject": f"Q{index}",
						"severity": "Critical",
					}
				).insert()
			with counted_queries() as statements:
				self.assertEqual(update_sla(add_to_date(self.opened, hours=3))["escalated"], count)
			return len(statements)

		queries(1)
		self.assertEqual(queries(2), queries(20))
