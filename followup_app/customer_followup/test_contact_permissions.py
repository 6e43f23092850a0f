"""Phone and email fields on the app's records (permission level 1): the app's roles and System
Managers see them; Sales roles, who read the records, do not — not in the desk form's document, not
through the REST calls (frappe.client.get / get_list, as /api/resource serves them)."""

import frappe
import frappe.client
from frappe.tests.utils import FrappeTestCase

from followup_app.testing.fixtures import make_customer, make_user, make_visit

SALES = "contact.perm.sales@example.com"
VISITOR = "contact.perm.visitor@example.com"
MANAGER = "contact.perm.manager@example.com"
ADMIN = "contact.perm.admin@example.com"
EMAIL = "li.lei.perm@example.com"
MOBILE = "+86 139 8765 4321"
CONTACT_FIELDS = {
	"Visit Record": ("contact_email", "contact_mobile"),
	"Complaint": ("contact_email", "raised_by"),
	"Satisfaction Survey": ("email", "mobile_no"),
}


class TestContactFieldPermissions(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_user(SALES, "Sales Manager", "Sales User")
		make_user(VISITOR, "Followup User")
		make_user(MANAGER, "Followup Manager")
		make_user(ADMIN, "System Manager")
		customer = make_customer("_Test Contact Perm Customer", account_manager=VISITOR).name
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Li",
				"email_ids": [{"email_id": EMAIL, "is_primary": 1}],
				"phone_nos": [{"phone": MOBILE, "is_primary_mobile_no": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer}],
			}
		).insert(ignore_permissions=True)
		self.names = {
			"Visit Record": make_visit(customer, contact=contact.name, visitor=VISITOR).name,
			"Complaint": frappe.get_doc(
				{
					"doctype": "Complaint",
					"customer": customer,
					"contact": contact.name,
					"raised_by": EMAIL,
					"subject": "Broken seal",
					"severity": "Low",
					"assigned_to": VISITOR,
				}
			)
			.insert(ignore_permissions=True)
			.name,
			"Satisfaction Survey": frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": customer,
					"contact": contact.name,
					"email": EMAIL,
					"mobile_no": MOBILE,
					"survey_template": "Customer Satisfaction (CSAT)",
					"channel": "Email",
				}
			)
			.insert(ignore_permissions=True)
			.name,
		}

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def seen(self, user: str) -> dict:
		"""What `user` gets of each record's contact fields from frappe.client.get and get_list."""
		frappe.set_user(user)
		try:
			found = {}
			for doctype, fields in CONTACT_FIELDS.items():
				doc = frappe.client.get(doctype, self.names[doctype])
				listed = frappe.client.get_list(
					doctype, fields=["name", *fields], filters={"name": self.names[doctype]}
				)
				found[doctype] = (
					tuple(doc.get(field) for field in fields),
					tuple(listed[0].get(field) for field in fields),
				)
			return found
		finally:
			frappe.set_user("Administrator")

	def test_the_app_roles_and_system_managers_see_phone_and_email(self):
		expected = {
			"Visit Record": ((EMAIL, MOBILE),) * 2,
			"Complaint": ((EMAIL, EMAIL),) * 2,
			"Satisfaction Survey": ((EMAIL, MOBILE),) * 2,
		}
		for user in (VISITOR, MANAGER, ADMIN):
			self.assertEqual(self.seen(user), expected, user)

	def test_sales_roles_read_the_records_without_phone_and_email(self):
		self.assertEqual(self.seen(SALES), {doctype: ((None, None),) * 2 for doctype in CONTACT_FIELDS})
		frappe.set_user(SALES)
		for doctype, fields in CONTACT_FIELDS.items():
			meta = frappe.get_meta(doctype)
			self.assertNotIn(1, meta.get_permlevel_access("read"), doctype)
			doc = frappe.get_doc(doctype, self.names[doctype])
			doc.apply_fieldlevel_read_permissions()  # what the desk form receives
			self.assertEqual([doc.get(field) for field in fields], [None, None], doctype)
