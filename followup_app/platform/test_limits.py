"""Every numeric input of the app refuses a value outside its range with a message, and saves nothing.

Driven by core.limits.LIMITS: each field gets the values just outside its range on a saved record.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.core.limits import LIMITS, Limit
from followup_app.testing.fixtures import make_customer, make_visit

CUSTOMER = "_Test Limits Customer"


def outside(limit: Limit) -> list[float]:
	"""The values just outside `limit`."""
	values = [limit.minimum - 1]
	if limit.exclusive_minimum:
		values.append(limit.minimum)
	if limit.maximum is not None:
		values.append(limit.maximum + 1)
	return values


class TestLimits(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_customer(CUSTOMER)
		tier = frappe.get_doc(
			{
				"doctype": "Customer Tier",
				"tier_name": "_Test Limits Tier",
				"rank": 900,
				"min_annual_revenue": 5,
			}
		).insert()
		policy = frappe.get_doc(
			{
				"doctype": "Followup Policy",
				"policy_name": "_Test Limits Policy",
				"enabled": 0,
				"priority": 50,
				"interval_days": 30,
				"lead_days": 3,
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"assignment": "Account Manager",
			}
		).insert()
		template = frappe.get_doc(
			{
				"doctype": "Survey Template",
				"template_name": "_Test Limits Template",
				"points_on_completion": 5,
				"questions": [{"question": "How was it?", "question_type": "Rating 1-5", "weight": 1}],
			}
		).insert()
		complaint = frappe.get_doc(
			{"doctype": "Complaint", "customer": CUSTOMER, "subject": "Limits", "compensation_points": 5}
		).insert()
		visit = make_visit(CUSTOMER, duration_minutes=10, satisfaction=0.6)
		cls.records = {
			"Followup Settings": ("Followup Settings", "Followup Settings", None),
			"Complaint SLA Rule": ("Followup Settings", "Followup Settings", "complaint_sla_rules"),
			"Followup Outcome Rule": ("Followup Settings", "Followup Settings", "outcome_rules"),
			"Customer Tier": ("Customer Tier", tier.name, None),
			"Followup Policy": ("Followup Policy", policy.name, None),
			"Survey Template": ("Survey Template", template.name, None),
			"Survey Question": ("Survey Template", template.name, "questions"),
			"Complaint": ("Complaint", complaint.name, None),
			"Visit Record": ("Visit Record", visit.name, None),
		}

	def test_every_limited_doctype_is_exercised(self):
		self.assertEqual(set(self.records), set(LIMITS))

	def test_values_outside_their_range_are_refused_and_nothing_changes(self):
		for doctype, fields in LIMITS.items():
			parent_type, name, table = self.records[doctype]
			for fieldname, limit in fields.items():
				for value in outside(limit):
					with self.subTest(doctype=doctype, fieldname=fieldname, value=value):
						self.assert_refused(parent_type, name, table, fieldname, value)

	def assert_refused(self, parent_type, name, table, fieldname, value):
		doc = frappe.get_doc(parent_type, name)
		record = doc.get(table)[0] if table else doc
		before = record.get(fieldname)
		record.set(fieldname, value)
		with self.assertRaises(frappe.ValidationError) as refused:
			doc.save()
		label = frappe.get_meta(record.doctype).get_label(fieldname)
		self.assertIn(label, str(refused.exception))
		stored = frappe.get_doc(parent_type, name)
		stored_record = stored.get(table)[0] if table else stored
		self.assertEqual(stored_record.get(fieldname), before)

	def test_values_inside_their_range_are_saved(self):
		policy = frappe.get_doc("Followup Policy", self.records["Followup Policy"][1])
		policy.lead_days = 0
		policy.save()
		visit = frappe.get_doc("Visit Record", self.records["Visit Record"][1])
		visit.duration_minutes = 0
		visit.save()
		template = frappe.get_doc("Survey Template", self.records["Survey Template"][1])
		template.questions[0].weight = 0  # an unscored question
		template.save()
		self.assertEqual(frappe.db.get_value("Followup Policy", policy.name, "lead_days"), 0)
