"""Bulk writes: per-document values land on their own documents only, whatever their types."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from followup_app.platform.bulk import update_by_name
from followup_app.testing.fixtures import make_customer


class TestUpdateByName(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_each_document_gets_its_own_fields_and_values(self):
		names = [
			make_customer(f"_Test Bulk {number} {frappe.generate_hash(length=5)}").name for number in range(4)
		]
		frappe.db.set_value("Customer", names[3], "lifecycle_stage", "Loyal")
		long_text = "长" * 3000
		update_by_name(
			"Customer",
			{
				names[0]: {"lifecycle_stage": None, "churn_risk_score": 35},
				names[1]: {"lifecycle_stage": "At Risk", "churn_risk_factors": "O'Brien\\; DROP TABLE x"},
				names[2]: {"churn_risk_factors": long_text, "churn_risk_scored_on": getdate("2026-11-30")},
			},
			chunk=1,
		)
		rows = {
			row.name: row
			for row in frappe.get_all(
				"Customer",
				filters={"name": ("in", names)},
				fields=[
					"name",
					"lifecycle_stage",
					"churn_risk_score",
					"churn_risk_factors",
					"churn_risk_scored_on",
				],
			)
		}
		self.assertEqual((rows[names[0]].lifecycle_stage, rows[names[0]].churn_risk_score), (None, 35))
		self.assertEqual(rows[names[1]].lifecycle_stage, "At Risk")
		self.assertEqual(rows[names[1]].churn_risk_factors, "O'Brien\\; DROP TABLE x")
		self.assertEqual(rows[names[2]].churn_risk_factors, long_text)
		self.assertEqual(rows[names[2]].churn_risk_scored_on, getdate("2026-11-30"))
		self.assertEqual(rows[names[3]].lifecycle_stage, "Loyal", "a document not named is left alone")

	def test_a_field_name_that_is_not_one_is_refused(self):
		name = make_customer(f"_Test Bulk Bad {frappe.generate_hash(length=5)}").name
		with self.assertRaises(ValueError):
			update_by_name("Customer", {name: {"lifecycle_stage` = 'x', `customer_name": "y"}})
