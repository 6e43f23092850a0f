"""Visits and complaints recorded before the contact's email was copied onto them get it from their
Contact; a copy already there is kept."""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.patches import fill_contact_emails
from followup_app.testing.fixtures import make_customer, make_visit


class TestFillContactEmails(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_blank_copies_are_filled_from_the_contact(self):
		customer = make_customer("_Test Patch Contact Customer").name
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Zhou",
				"email_ids": [{"email_id": "zhou.patch@example.com", "is_primary": 1}],
				"phone_nos": [{"phone": "13700001111", "is_primary_mobile_no": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer}],
			}
		).insert(ignore_permissions=True)
		old, kept = (make_visit(customer, contact=contact.name).name for _ in range(2))
		complaint = frappe.get_doc(
			{"doctype": "Complaint", "customer": customer, "contact": contact.name, "subject": "Old one"}
		).insert(ignore_permissions=True)
		none = make_visit(customer).name
		frappe.db.set_value("Visit Record", old, {"contact_email": None, "contact_mobile": ""})
		frappe.db.set_value("Visit Record", kept, "contact_email", "earlier@example.com")
		frappe.db.set_value("Complaint", complaint.name, "contact_email", None)
		fill_contact_emails.execute()
		fields = ["contact_email", "contact_mobile"]
		self.assertEqual(
			frappe.db.get_value("Visit Record", old, fields), ("zhou.patch@example.com", "13700001111")
		)
		self.assertEqual(
			frappe.db.get_value("Visit Record", kept, fields), ("earlier@example.com", "13700001111")
		)
		self.assertEqual(frappe.db.get_value("Visit Record", none, fields), (None, None))
		self.assertEqual(
			frappe.db.get_value("Complaint", complaint.name, "contact_email"), "zhou.patch@example.com"
		)
