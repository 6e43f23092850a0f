# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestVisitScript(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_one_shipped_script_per_visit_type(self):
		visit_types = frappe.get_meta("Visit Script").get_field("visit_type").options.split("\n")
		self.assertEqual(len(visit_types), 6)
		shipped = frappe.get_all("Visit Script", fields=["name", "visit_type"])
		self.assertTrue(set(visit_types) <= {script.visit_type for script in shipped})
		for visit_type in visit_types:
			script = frappe.get_doc("Visit Script", visit_type)
			self.assertTrue(script.opening and script.closing)
			self.assertTrue(any(question.required for question in script.questions))

	def test_rejects_a_question_asked_twice(self):
		script = frappe.get_doc(
			{
				"doctype": "Visit Script",
				"script_name": "_Test Script",
				"visit_type": "Routine Maintenance",
				"questions": [{"question": "How are you?"}, {"question": " how are you? "}],
			}
		)
		with self.assertRaises(frappe.ValidationError):
			script.insert()
		self.assertFalse(frappe.db.exists("Visit Script", "_Test Script"))
