# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, nowdate

from followup_app.complaints.intake import customer_for_email
from followup_app.testing.fixtures import make_customer, make_user, make_visit, use_holiday_list

HANDLER = "complaint.handler@example.com"
MANAGER = "complaint.manager@example.com"


def make_complaint(customer: str, **values):
	return frappe.get_doc(
		{
			"doctype": "Complaint",
			"customer": customer,
			"subject": "Late delivery",
			"severity": "Medium",
			"assigned_to": HANDLER,
			**values,
		}
	).insert()


class TestComplaint(FrappeTestCase):
	def setUp(self):
		make_user(HANDLER, "Followup User")
		make_user(MANAGER, "Followup Manager")
		frappe.db.set_single_value("Followup Settings", "verification_visit_days", 3)
		self.customer = make_customer("_Test Complaint Customer")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def move(self, complaint, status, **values):
		complaint.update({"status": status, **values})
		complaint.save()
		return complaint

	def assert_refused(self, complaint, exception=frappe.ValidationError, **values):
		before = frappe.db.get_value("Complaint", complaint.name, ["status", "resolved_on", "closed_on"])
		complaint.update(values)
		with self.assertRaises(exception):
			complaint.save()
		complaint.reload()
		self.assertEqual(
			frappe.db.get_value("Complaint", complaint.name, ["status", "resolved_on", "closed_on"]), before
		)

	def test_new_complaint_starts_the_sla_clock_of_its_severity(self):
		complaint = make_complaint(self.customer.name, severity="Critical")
		self.assertEqual(complaint.status, "Open")
		self.assertTrue(complaint.name.startswith("CMP-"))
		opened = get_datetime(complaint.opened_on)
		self.assertEqual(get_datetime(complaint.response_due), add_to_date(opened, hours=2))
		self.assertEqual(get_datetime(complaint.resolution_due), add_to_date(opened, hours=24))
		self.assertEqual(complaint.sla_status, "On Track")
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": complaint.name, "allocated_to": HANDLER, "status": "Open"}
			)
		)

	def test_sla_clock_skips_holidays(self):
		use_holiday_list("_Test Complaint Holidays", [add_days(nowdate(), 1)], from_days=-1)
		complaint = make_complaint(self.customer.name, severity="Critical")
		opened = get_datetime(complaint.opened_on)
		self.assertEqual(get_datetime(complaint.resolution_due), add_to_date(opened, hours=48))

	def test_invalid_transition_changes_nothing(self):
		complaint = make_complaint(self.customer.name)
		self.assert_refused(complaint, status="Reopened", reopen_reason="x")

	def test_in_progress_is_the_first_response_and_history_is_timestamped(self):
		complaint = self.move(make_complaint(self.customer.name), "In Progress")
		self.assertTrue(complaint.first_response_on)
		[change] = complaint.status_changes
		self.assertEqual(
			(change.from_status, change.to_status, change.changed_by),
			("Open", "In Progress", "Administrator"),
		)
		self.assertTrue(change.changed_on)

	def test_first_email_sent_is_the_first_response(self):
		complaint = make_complaint(self.customer.name)
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": "Re: Late delivery",
				"content": "We are on it",
				"reference_doctype": "Complaint",
				"reference_name": complaint.name,
			}
		).insert(ignore_permissions=True)
		self.assertTrue(frappe.db.get_value("Complaint", complaint.name, "first_response_on"))

	def test_resolving_needs_resolution_and_for_serious_ones_root_cause(self):
		complaint = make_complaint(self.customer.name, severity="High")
		self.assert_refused(complaint, status="Resolved")
		self.assert_refused(complaint, status="Resolved", resolution="Re-shipped")
		self.assert_refused(complaint, status="Resolved", resolution="Re-shipped", root_cause="Wrong address")
		self.move(
			complaint,
			"Resolved",
			resolution="Re-shipped",
			root_cause="Wrong address",
			corrective_action="Address check at order entry",
		)
		self.assertTrue(complaint.resolved_on)

	def test_negative_compensation_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_complaint(self.customer.name, compensation_points=-5)

	def resolve(self, complaint):
		return self.move(complaint, "Resolved", resolution="Replaced the part")

	def complete_verification(self, complaint, outcome, summary=""):
		visit = frappe.get_doc("Visit Record", complaint.verification_visit)
		for row in visit.script_answers:
			row.answer = "Yes"
		visit.update(
			{"status": "Completed", "visit_datetime": now_datetime(), "outcome": outcome, "summary": summary}
		)
		visit.save()
		complaint.reload()
		return complaint

	def test_resolution_plans_a_verification_visit_and_satisfied_closes(self):
		complaint = self.resolve(make_complaint(self.customer.name))
		visit = frappe.get_doc("Visit Record", complaint.verification_visit)
		self.assertEqual(visit.visit_type, "Complaint Verification")
		self.assertEqual((visit.reference_doctype, visit.reference_name), ("Complaint", complaint.name))
		self.assertEqual(visit.visitor, HANDLER)
		self.assertEqual(getdate(visit.planned_date), getdate(add_days(nowdate(), 3)))

		complaint = self.complete_verification(complaint, "Satisfied")
		self.assertEqual(complaint.status, "Closed")
		self.assertTrue(complaint.closed_on)
		self.assertEqual(complaint.sla_status, "Met")
		self.assertEqual(complaint.verification_outcome, "Satisfied")
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": complaint.name, "status": "Open"}))

	def test_unsatisfied_verification_reopens_and_restarts_the_resolution_clock(self):
		complaint = self.resolve(make_complaint(self.customer.name))
		old_due = get_datetime(complaint.resolution_due)
		complaint = self.complete_verification(complaint, "Has Issues", "Still broken")
		self.assertEqual(complaint.status, "Reopened")
		self.assertIn("Still broken", complaint.reopen_reason)
		self.assertEqual(complaint.reopen_count, 1)
		self.assertIsNone(complaint.resolved_on)
		self.assertGreater(get_datetime(complaint.resolution_due), old_due)
		self.assertEqual(complaint.status_changes[-1].to_status, "Reopened")
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": complaint.name, "allocated_to": HANDLER, "status": "Open"}
			)
		)

		# The second resolution plans a new verification visit.
		complaint = self.resolve(complaint)
		self.assertEqual(frappe.db.count("Visit Record", {"reference_name": complaint.name}), 2)

	def test_closing_without_verification_needs_a_manager_and_a_reason(self):
		complaint = make_complaint(self.customer.name)
		self.assert_refused(complaint, status="Closed")
		frappe.set_user(HANDLER)
		complaint = frappe.get_doc("Complaint", complaint.name)
		self.assert_refused(
			complaint, frappe.PermissionError, status="Closed", override_reason="Customer left"
		)
		frappe.set_user(MANAGER)
		complaint = frappe.get_doc("Complaint", complaint.name)
		self.move(complaint, "Closed", override_reason="Customer moved abroad")
		self.assertEqual(complaint.status, "Closed")
		self.assertIn("Customer moved abroad", complaint.status_changes[-1].reason)
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": complaint.name, "content": ("like", "%Customer moved abroad%")}
			)
		)

	def test_remaining_transitions_of_the_workflow(self):
		complaint = self.resolve(self.move(make_complaint(self.customer.name), "In Progress"))
		complaint = self.complete_verification(complaint, "Satisfied")
		self.move(complaint, "Reopened", reopen_reason="Same fault again")
		self.move(complaint, "In Progress")
		self.assertEqual(
			[(row.from_status, row.to_status) for row in complaint.status_changes],
			[
				("Open", "In Progress"),
				("In Progress", "Resolved"),
				("Resolved", "Closed"),
				("Closed", "Reopened"),
				("Reopened", "In Progress"),
			],
		)
		self.assertIsNone(complaint.closed_on)
		self.assertIsNone(complaint.verification_outcome)
		self.assertEqual(complaint.reopen_count, 1)
		self.assert_refused(complaint, status="Closed")

	def test_visit_problem_becomes_one_complaint_linked_both_ways(self):
		make_user("complaint.visitor@example.com", "Followup User")
		visit = make_visit(
			self.customer.name,
			status="Completed",
			visit_datetime=now_datetime(),
			outcome="Has Issues",
			visitor="complaint.visitor@example.com",
			feedback_items=[
				{"feedback_type": "Problem", "category": "Delivery", "description": "Parcel arrived damaged"}
			],
		)
		visit.reload()
		complaint = frappe.get_doc("Complaint", visit.feedback_items[0].complaint)
		self.assertEqual(complaint.source_visit, visit.name)
		self.assertEqual(complaint.subject, "Parcel arrived damaged")
		self.assertEqual(complaint.category, "Delivery")
		self.assertEqual(complaint.assigned_to, "complaint.visitor@example.com")
		visit.remarks = "again"
		visit.save()
		self.assertEqual(frappe.db.count("Complaint", {"source_visit": visit.name}), 1)

	def test_email_sender_finds_the_customer(self):
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Mail",
				"email_ids": [{"email_id": "buyer@complaint.example.com", "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": self.customer.name}],
			}
		).insert()
		self.assertTrue(contact.name)
		self.assertEqual(customer_for_email("buyer@complaint.example.com"), self.customer.name)
		self.assertIsNone(customer_for_email("nobody@complaint.example.com"))
		complaint = frappe.get_doc(
			{"doctype": "Complaint", "subject": "By mail", "raised_by": "buyer@complaint.example.com"}
		)
		complaint.flags.ignore_mandatory = True
		complaint.insert(ignore_permissions=True)
		self.assertEqual(complaint.customer, self.customer.name)

	def test_errors_are_translated(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "补偿积分"):
				make_complaint(self.customer.name, compensation_points=-1)
		finally:
			frappe.local.lang = "en"
