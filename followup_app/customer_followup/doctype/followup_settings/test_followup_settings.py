# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

test_ignore = ["Holiday List", "User"]


class TestFollowupSettings(FrappeTestCase):
	def settings(self):
		return frappe.get_doc("Followup Settings")

	def assert_rejected(self, **values):
		before = frappe.db.get_singles_dict("Followup Settings")
		settings = self.settings()
		settings.update(values)
		with self.assertRaises(frappe.ValidationError):
			settings.save()
		self.assertEqual(frappe.db.get_singles_dict("Followup Settings"), before)

	def test_shipped_defaults(self):
		settings = self.settings()
		self.assertEqual(settings.response_sla_hours, 24)
		self.assertEqual(settings.resolution_sla_hours, 72)
		self.assertEqual(settings.sla_at_risk_percent, 80)
		self.assertEqual(settings.verification_visit_days, 3)
		self.assertEqual(settings.missed_visit_grace_days, 3)
		self.assertEqual(settings.survey_expiry_days, 14)
		self.assertEqual(settings.points_per_survey, 10)
		self.assertEqual(settings.points_expiry_days, 365)
		self.assertEqual(settings.inactive_days_at_risk, 90)
		self.assertEqual(settings.inactive_days_churned, 180)
		rules = {
			rule.severity: (rule.response_hours, rule.resolution_hours)
			for rule in settings.complaint_sla_rules
		}
		self.assertEqual(rules["Medium"], (24, 72))
		self.assertEqual(set(rules), {"Low", "Medium", "High", "Critical"})

	def test_rejects_zero_or_negative_hours_and_days(self):
		for fieldname in (
			"response_sla_hours",
			"resolution_sla_hours",
			"verification_visit_days",
			"missed_visit_grace_days",
			"survey_expiry_days",
			"points_expiry_days",
			"inactive_days_at_risk",
		):
			for value in (0, -1):
				with self.subTest(fieldname=fieldname, value=value):
					self.assert_rejected(**{fieldname: value})

	def test_rejects_at_risk_percent_outside_1_to_99(self):
		for value in (0, 100, -5, 150):
			with self.subTest(value=value):
				self.assert_rejected(sla_at_risk_percent=value)

	def test_rejects_negative_points_and_inverted_lifecycle(self):
		self.assert_rejected(points_per_survey=-1)
		self.assert_rejected(inactive_days_at_risk=200, inactive_days_churned=100)

	def test_rejects_bad_sla_rules(self):
		settings = self.settings()
		settings.append(
			"complaint_sla_rules", {"severity": "Low", "response_hours": 1, "resolution_hours": 2}
		)
		with self.assertRaises(frappe.ValidationError):
			settings.save()

		settings = self.settings()
		settings.complaint_sla_rules[0].response_hours = 0
		with self.assertRaises(frappe.ValidationError):
			settings.save()

		settings = self.settings()
		settings.complaint_sla_rules[0].response_hours = settings.complaint_sla_rules[0].resolution_hours + 1
		with self.assertRaises(frappe.ValidationError):
			settings.save()

	def test_error_message_is_translated(self):
		frappe.local.lang = "zh"
		try:
			settings = self.settings()
			settings.sla_at_risk_percent = 100
			with self.assertRaisesRegex(
				frappe.ValidationError, "^SLA时限用去百分之几后视为有风险必须在 1 到 99 之间。$"
			):
				settings.save()
		finally:
			frappe.local.lang = "en"

	def test_accepts_valid_values(self):
		original = self.settings()
		self.addCleanup(lambda: self.settings().update(original.as_dict(no_default_fields=True)).save())
		settings = self.settings()
		settings.response_sla_hours = 12
		settings.sla_at_risk_percent = 75
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Followup Settings", "response_sla_hours"), 12)
