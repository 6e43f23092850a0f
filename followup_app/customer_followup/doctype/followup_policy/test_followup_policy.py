# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

test_ignore = ["Customer Group", "Territory", "User", "Role"]


class TestFollowupPolicy(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def new_policy(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Followup Policy",
				"policy_name": "_Test Policy",
				"priority": 50,
				"interval_days": 30,
				"lead_days": 3,
				"visit_type": "Routine Maintenance",
				**values,
			}
		)

	def assert_rejected(self, **values):
		with self.assertRaises(frappe.ValidationError):
			self.new_policy(**values).insert()
		self.assertFalse(frappe.db.exists("Followup Policy", "_Test Policy"))

	def test_shipped_policies_follow_the_seed_cadences(self):
		policies = {
			row.name: row
			for row in frappe.get_all(
				"Followup Policy",
				fields=[
					"name",
					"priority",
					"interval_days",
					"customer_tier",
					"lifecycle_stage",
					"visit_script",
				],
			)
		}
		self.assertEqual(policies["VIP"].interval_days, 15)
		self.assertEqual(policies["Key"].interval_days, 30)
		self.assertEqual(policies["Normal"].interval_days, 90)
		self.assertEqual(policies["New Customer"].interval_days, 14)
		self.assertEqual(policies["At Risk Win-back"].interval_days, 7)
		self.assertLess(policies["At Risk Win-back"].priority, policies["VIP"].priority)
		self.assertTrue(all(policy.visit_script for policy in policies.values()))

	def test_rejects_bad_cadence(self):
		self.assert_rejected(interval_days=0)
		self.assert_rejected(interval_days=-5)
		self.assert_rejected(lead_days=-1)
		self.assert_rejected(lead_days=30)
		self.assert_rejected(lead_days=45)

	def test_rejects_assignment_without_assignee(self):
		self.assert_rejected(assignment="Specific User")
		self.assert_rejected(assignment="Round Robin in Role")

	def test_rejects_script_of_another_visit_type(self):
		self.assert_rejected(visit_script="Win-back")

	def test_accepts_a_valid_policy_and_drops_unused_assignees(self):
		policy = self.new_policy(
			assignment="Round Robin in Role", assignee_role="Followup User", assignee_user="Administrator"
		).insert()
		self.assertIsNone(policy.assignee_user)
		self.assertEqual(policy.assignee_role, "Followup User")

	def test_error_is_translated(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaisesRegex(frappe.ValidationError, "间隔"):
				self.new_policy(interval_days=0).insert()
		finally:
			frappe.local.lang = "en"
