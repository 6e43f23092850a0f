# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestFeedbackCategory(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_shipped_categories(self):
		names = set(frappe.get_all("Feedback Category", pluck="name"))
		self.assertTrue({"Product Quality", "Service Response", "Delivery", "Price", "Other"} <= names)

	def test_category_names_are_unique(self):
		with self.assertRaises(frappe.DuplicateEntryError):
			frappe.get_doc({"doctype": "Feedback Category", "category_name": "Delivery"}).insert()
