# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate

from followup_app.testing.fixtures import make_customer, make_user, make_visit

VISITOR = "visit.visitor@example.com"
OWNER = "visit.owner@example.com"


class TestVisitRecord(FrappeTestCase):
	def setUp(self):
		make_user(VISITOR, "Followup User")
		make_user(OWNER, "Followup User", "Sales User")
		self.customer = make_customer("_Test Visit Customer", followup_tier="Key")
		# The completion effects of the visit itself; the outcome playbooks have their own tests.
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [])
		settings.save()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def open_todos(self, visit):
		return frappe.get_all(
			"ToDo",
			filters={"reference_type": "Visit Record", "reference_name": visit.name, "status": "Open"},
			pluck="allocated_to",
		)

	def planned(self, **values):
		return make_visit(self.customer.name, visitor=VISITOR, visit_script="Routine Maintenance", **values)

	def answer_all(self, visit):
		for row in visit.script_answers:
			row.answer = "Fine"

	def assert_not_completed(self, visit, **values):
		visit.update({"status": "Completed", **values})
		with self.assertRaises(frappe.ValidationError):
			visit.save()
		self.assertEqual(frappe.db.get_value("Visit Record", visit.name, "status"), "Planned")
		self.assertIsNone(frappe.db.get_value("Customer", self.customer.name, "last_visit_date"))

	def test_planned_visit_loads_script_and_assigns_visitor(self):
		visit = self.planned()
		self.assertTrue(visit.name.startswith("VR-"))
		self.assertEqual(visit.customer_name, "_Test Visit Customer")
		script = frappe.get_doc("Visit Script", "Routine Maintenance")
		self.assertEqual(
			[row.question for row in visit.script_answers], [q.question for q in script.questions]
		)
		self.assertEqual(visit.script_opening, script.opening)
		self.assertEqual(self.open_todos(visit), [VISITOR])

		visit.visitor = OWNER
		visit.save()
		self.assertEqual(self.open_todos(visit), [OWNER])

	def test_completing_requires_time_outcome_and_required_answers(self):
		visit = self.planned()
		self.assert_not_completed(visit, outcome="Satisfied")
		visit.reload()
		self.assert_not_completed(visit, visit_datetime=now_datetime())
		visit.reload()
		self.assert_not_completed(
			visit, visit_datetime=add_to_date(now_datetime(), hours=2), outcome="Satisfied"
		)
		visit.reload()
		self.assert_not_completed(visit, visit_datetime=now_datetime(), outcome="Satisfied")

	def test_unreachable_needs_no_answers(self):
		visit = self.planned()
		visit.update({"status": "Completed", "visit_datetime": now_datetime(), "outcome": "Unreachable"})
		visit.save()
		self.assertEqual(visit.status, "Completed")

	def test_completion_updates_customer_todos_and_converts_needs(self):
		visit = self.planned()
		self.answer_all(visit)
		visit.update(
			{
				"status": "Completed",
				"visit_datetime": f"{nowdate()} 00:00:00",
				"outcome": "High Potential",
				"satisfaction": 0.8,
				"next_action": "Send the new price list",
				"next_action_owner": OWNER,
				"next_action_due": add_days(nowdate(), 2),
				"next_visit_date": add_days(nowdate(), 10),
			}
		)
		visit.append("feedback_items", {"feedback_type": "Need", "description": "Wants 200 more units"})
		visit.append("feedback_items", {"feedback_type": "Praise", "description": "Fast delivery"})
		visit.save()

		customer = frappe.db.get_value(
			"Customer",
			self.customer.name,
			["last_visit_date", "avg_satisfaction", "next_visit_due"],
			as_dict=True,
		)
		self.assertEqual(getdate(customer.last_visit_date), getdate(nowdate()))
		self.assertEqual(customer.avg_satisfaction, 4.0)
		self.assertEqual(getdate(customer.next_visit_due), getdate(add_days(nowdate(), 10)))

		self.assertEqual(
			frappe.get_all(
				"ToDo",
				filters={
					"reference_type": "Visit Record",
					"reference_name": visit.name,
					"allocated_to": VISITOR,
				},
				pluck="status",
			),
			["Closed"],
		)
		self.assertEqual(self.open_todos(visit), [OWNER])
		self.assertEqual(
			frappe.db.get_value("ToDo", {"reference_name": visit.name, "allocated_to": OWNER}, "description"),
			"Send the new price list",
		)

		visit.reload()
		need, praise = visit.feedback_items
		self.assertTrue(need.opportunity)
		self.assertFalse(praise.opportunity)
		opportunity = frappe.get_doc("Opportunity", need.opportunity)
		self.assertEqual(opportunity.party_name, self.customer.name)
		self.assertEqual(opportunity.followup_visit, visit.name)

		# Saving again converts nothing twice.
		visit.remarks = "checked"
		visit.save()
		self.assertEqual(frappe.db.count("Opportunity", {"followup_visit": visit.name}), 1)

	def test_average_satisfaction_covers_all_rated_visits(self):
		for stars in (1.0, 0.6):
			make_visit(
				self.customer.name,
				status="Completed",
				visit_datetime=now_datetime(),
				outcome="Satisfied",
				satisfaction=stars,
			)
		make_visit(
			self.customer.name, status="Completed", visit_datetime=now_datetime(), outcome="Unreachable"
		)
		self.assertEqual(frappe.db.get_value("Customer", self.customer.name, "avg_satisfaction"), 4.0)

	def test_status_changes_follow_the_allowed_transitions(self):
		visit = make_visit(
			self.customer.name, status="Completed", visit_datetime=now_datetime(), outcome="Satisfied"
		)
		visit.status = "Planned"
		self.assertRaises(frappe.ValidationError, visit.save)
		with self.assertRaises(frappe.ValidationError):
			make_visit(self.customer.name, status="Missed")

	def test_cancelling_closes_the_todo(self):
		visit = self.planned()
		visit.status = "Cancelled"
		visit.save()
		self.assertEqual(self.open_todos(visit), [])

	def test_next_action_needs_owner_and_due_date(self):
		with self.assertRaises(frappe.ValidationError):
			make_visit(self.customer.name, next_action="Call back")

	def test_only_policy_visits_without_reference_hold_the_planned_key(self):
		policy_visit = make_visit(self.customer.name, followup_policy="Key")
		manual = make_visit(self.customer.name)
		self.assertEqual(policy_visit.planned_visit_key, self.customer.name)
		self.assertIsNone(manual.planned_visit_key)
		policy_visit.status = "Cancelled"
		policy_visit.save()
		self.assertIsNone(policy_visit.planned_visit_key)

	def test_errors_are_translated(self):
		visit = self.planned()
		frappe.local.lang = "zh"
		try:
			visit.update({"status": "Completed", "visit_datetime": now_datetime()})
			with self.assertRaisesRegex(frappe.ValidationError, "回访结果"):
				visit.save()
		finally:
			frappe.local.lang = "en"

	def test_customer_connections_list_visits(self):
		data = frappe.get_meta("Customer").get_dashboard_data()
		self.assertTrue(any("Visit Record" in group["items"] for group in data.transactions))
		visit_data = frappe.get_meta("Visit Record").get_dashboard_data()
		self.assertEqual(visit_data.fieldname, "followup_visit")
