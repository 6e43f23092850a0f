"""First install on a bench whose module map was cached before the app joined it (issue 17, item 1).

There `install_app` syncs none of the app's DocTypes, and `after_install` used to fail creating the
Customer fields with WrongOptionsDoctypeLinkError. These tests change DocTypes and custom fields
(DDL, which commits) and put everything back in their cleanup.
"""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.setup.custom_fields import CUSTOM_FIELDS
from followup_app.setup.install import APP, after_install, after_migrate, delete_custom_fields

MISSING = "Customer Tier"


class TestFirstInstall(FrappeTestCase):
	def setUp(self):
		self.addCleanup(restore)
		self.tiers = sorted(frappe.get_all("Customer Tier", pluck="name"))
		# The module map as cached before the app was added to the bench.
		stale = {app: modules for app, modules in frappe.local.app_modules.items() if app != APP}
		frappe.cache.set_value("app_modules", stale)
		frappe.local.app_modules = stale
		# What the install of such a bench leaves: the app's DocType missing, no custom fields yet.
		for child in ("DocField", "DocPerm", "DocType Link", "DocType Action", "DocType State"):
			frappe.db.delete(child, {"parent": MISSING, "parenttype": "DocType"})
		frappe.db.delete("DocType", {"name": MISSING})
		frappe.clear_cache(doctype=MISSING)
		delete_custom_fields(CUSTOM_FIELDS)
		frappe.db.commit()

	def test_after_install_syncs_the_app_doctypes_before_adding_the_customer_fields(self):
		after_install()
		self.assertTrue(frappe.db.exists("DocType", MISSING))
		field = frappe.get_meta("Customer", cached=False).get_field("followup_tier")
		self.assertEqual(field.options, MISSING)
		self.assertEqual(sorted(frappe.get_all("Customer Tier", pluck="name")), self.tiers)  # records kept

	def test_after_install_says_what_is_missing_when_it_cannot_sync(self):
		with (
			patch("followup_app.setup.install.sync_for"),
			self.assertRaises(frappe.ValidationError) as raised,
		):
			after_install()
		self.assertIn(MISSING, str(raised.exception))
		self.assertIn("migrate", str(raised.exception))
		self.assertFalse(frappe.db.exists("Custom Field", {"dt": "Customer", "fieldname": "followup_tier"}))


def restore():
	"""The fresh module map, the app's DocTypes and its custom fields, as a migrate leaves them."""
	frappe.db.rollback()
	frappe.cache.delete_value("app_modules")
	frappe.setup_module_map()
	if not frappe.db.exists("DocType", MISSING):
		frappe.reload_doc("customer_followup", "doctype", frappe.scrub(MISSING), force=True)
	after_migrate()
	frappe.db.commit()
