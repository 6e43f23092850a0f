"""Integration tests of the platform rights granted to the app's roles."""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.setup.platform_permissions import (
	MANAGER,
	PLATFORM_PERMISSIONS,
	USER,
	grant_platform_permissions,
	revoke_platform_permissions,
)
from followup_app.testing.fixtures import make_user

VISITOR = "followup-perm-visitor@example.com"
MANAGER_USER = "followup-perm-manager@example.com"


class TestPlatformPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(VISITOR, USER)
		make_user(MANAGER_USER, MANAGER)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_role_only_users_get_exactly_the_granted_rights(self):
		for (doctype, role, level), rights in PLATFORM_PERMISSIONS.items():
			if role not in (USER, MANAGER):
				continue  # ERPNext roles on the Follow-up tab: customers/test_followup_tab.py
			user = VISITOR if role == USER else MANAGER_USER
			for right in rights:
				if level:
					levels = frappe.get_meta(doctype).get_permlevel_access(right, user=user)
					self.assertIn(level, levels, (doctype, role, level, right))
				else:
					self.assertTrue(frappe.has_permission(doctype, right, user=user), (doctype, role, right))
		self.assertTrue(frappe.has_permission("Customer", "read", user=VISITOR))
		self.assertFalse(frappe.has_permission("Customer", "write", user=VISITOR))
		self.assertFalse(frappe.has_permission("Customer", "delete", user=MANAGER_USER))
		self.assertFalse(frappe.has_permission("Opportunity", "write", user=VISITOR))
		self.assertFalse(frappe.has_permission("Sales Invoice", "read", user=VISITOR))

	def test_standard_rules_still_apply_to_other_roles(self):
		sales_user = frappe.get_all("Custom DocPerm", filters={"parent": "Customer", "role": "Sales User"})
		self.assertTrue(sales_user, "the standard Sales User rule was copied with the grant")
		self.assertTrue(frappe.has_permission("Customer", "write", user="Administrator"))

	def test_revoke_removes_the_rights_and_grant_restores_them(self):
		try:
			revoke_platform_permissions()
			self.assertFalse(frappe.db.exists("Custom DocPerm", {"role": ("in", (USER, MANAGER))}))
			self.assertFalse(frappe.has_permission("Customer", "read", user=VISITOR))
			# Where the grant had only copied the standard rules, the copy is gone too.
			self.assertFalse(frappe.db.exists("Custom DocPerm", {"parent": "Contact"}))
		finally:
			grant_platform_permissions()
			frappe.db.commit()
		self.assertTrue(frappe.has_permission("Customer", "read", user=VISITOR))

	def test_grant_keeps_what_an_admin_added(self):
		name = frappe.db.get_value("Custom DocPerm", {"parent": "Contact", "role": USER, "permlevel": 0})
		self.addCleanup(frappe.db.set_value, "Custom DocPerm", name, "write", 0)
		frappe.db.set_value("Custom DocPerm", name, "write", 1)
		grant_platform_permissions()
		self.assertEqual(frappe.db.get_value("Custom DocPerm", name, "write"), 1)
		self.assertEqual(
			frappe.db.count("Custom DocPerm", {"parent": "Contact", "role": USER, "permlevel": 0}), 1
		)
