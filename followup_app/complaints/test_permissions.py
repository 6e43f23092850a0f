"""Record-level complaint permissions through the list and the form."""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.testing.fixtures import make_customer, make_user

HANDLER = "complaint.perm.handler@example.com"
ACCOUNT_MANAGER = "complaint.perm.am@example.com"
OTHER = "complaint.perm.other@example.com"
MANAGER = "complaint.perm.manager@example.com"


class TestComplaintPermissions(FrappeTestCase):
	def setUp(self):
		for user in (HANDLER, ACCOUNT_MANAGER, OTHER):
			make_user(user, "Followup User")
		make_user(MANAGER, "Followup Manager")
		managed = make_customer("_Test Complaint Managed", account_manager=ACCOUNT_MANAGER)
		other = make_customer("_Test Complaint Unmanaged")
		self.assigned = self.complaint(other.name, HANDLER)
		self.on_managed = self.complaint(managed.name, None)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def complaint(self, customer, assigned_to):
		return (
			frappe.get_doc(
				{"doctype": "Complaint", "customer": customer, "subject": "Noise", "assigned_to": assigned_to}
			)
			.insert()
			.name
		)

	def visible(self, user):
		frappe.set_user(user)
		return set(
			frappe.get_list(
				"Complaint",
				filters={"name": ("in", [self.assigned, self.on_managed])},
				pluck="name",
			)
		)

	def test_list_follows_assignment_and_account_manager(self):
		self.assertEqual(self.visible(HANDLER), {self.assigned})
		self.assertEqual(self.visible(ACCOUNT_MANAGER), {self.on_managed})
		self.assertEqual(self.visible(OTHER), set())
		self.assertEqual(self.visible(MANAGER), {self.assigned, self.on_managed})

	def test_form_access_follows_the_same_rule(self):
		frappe.set_user(HANDLER)
		self.assertTrue(frappe.get_doc("Complaint", self.assigned).has_permission("write"))
		self.assertFalse(frappe.get_doc("Complaint", self.on_managed).has_permission("read"))
		frappe.set_user(OTHER)
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("Complaint", self.assigned).check_permission, "read"
		)

	def test_followup_user_may_log_a_complaint(self):
		frappe.set_user(OTHER)
		name = self.complaint("_Test Complaint Unmanaged", OTHER)
		self.assertTrue(frappe.db.exists("Complaint", name))
