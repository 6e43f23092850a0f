"""Integration tests of install, migrate and uninstall behaviour."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_time

from followup_app.setup.custom_fields import CUSTOM_FIELDS
from followup_app.setup.install import PLATFORM_INDEXES, after_migrate, before_uninstall, ship_default_records

CUSTOMER_FIELDNAMES = [field["fieldname"] for field in CUSTOM_FIELDS["Customer"]]


class TestInstall(FrappeTestCase):
	def test_app_is_installed_with_roles_and_workspace(self):
		self.assertIn("followup_app", frappe.get_installed_apps())
		for role in ("Followup Manager", "Followup User"):
			self.assertTrue(frappe.db.exists("Role", role), role)
		self.assertTrue(frappe.db.exists("Workspace", "Customer Follow-up"))

	def test_customer_has_follow_up_tab(self):
		meta = frappe.get_meta("Customer", cached=False)
		for fieldname in CUSTOMER_FIELDNAMES:
			self.assertTrue(meta.has_field(fieldname), fieldname)
		self.assertEqual(meta.get_field("followup_tab").fieldtype, "Tab Break")
		self.assertEqual(meta.get_field("followup_tier").options, "Customer Tier")

	def test_customer_saves_with_follow_up_fields_empty(self):
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": f"_Test Followup Customer {frappe.generate_hash(length=8)}",
				"customer_type": "Company",
			}
		).insert()
		self.assertFalse(customer.followup_tier)
		self.assertFalse(customer.do_not_contact)
		customer.followup_tier = "VIP"
		customer.lifecycle_stage = "Active"
		customer.save()
		self.assertEqual(frappe.db.get_value("Customer", customer.name, "followup_tier"), "VIP")

	def test_migrate_is_idempotent(self):
		def snapshot():
			return (
				frappe.db.count("Customer Tier"),
				frappe.db.count("Feedback Category"),
				frappe.db.count("Visit Script"),
				frappe.db.count("Followup Policy"),
				len(frappe.get_doc("Followup Settings").complaint_sla_rules),
				frappe.db.count("Custom Field", {"dt": "Customer", "fieldname": ("in", CUSTOMER_FIELDNAMES)}),
			)

		after_migrate()
		first = snapshot()
		after_migrate()
		self.assertEqual(snapshot(), first)
		self.assertEqual(first[-1], len(CUSTOMER_FIELDNAMES))

	def test_migrate_keeps_admin_changes_and_deletions(self):
		self.addCleanup(restore, frappe.get_doc("Followup Settings"), frappe.get_doc("Customer Tier", "Key"))
		frappe.db.set_value("Customer Tier", "Key", "min_annual_revenue", 123)
		frappe.delete_doc("Feedback Category", "Price")
		settings = frappe.get_doc("Followup Settings")
		settings.response_sla_hours = 6
		settings.complaint_sla_rules = [
			rule for rule in settings.complaint_sla_rules if rule.severity != "Low"
		]
		settings.save()

		ship_default_records()

		self.assertEqual(frappe.db.get_value("Customer Tier", "Key", "min_annual_revenue"), 123)
		self.assertFalse(frappe.db.exists("Feedback Category", "Price"))
		settings = frappe.get_doc("Followup Settings")
		self.assertEqual(settings.response_sla_hours, 6)
		self.assertNotIn("Low", {rule.severity for rule in settings.complaint_sla_rules})

	def test_new_shipped_record_arrives_on_migrate(self):
		settings = frappe.get_doc("Followup Settings")
		self.addCleanup(restore, frappe.get_doc("Followup Settings"))
		shipped = set(json.loads(settings.shipped_defaults))
		self.assertIn("Feedback Category:Delivery", shipped)
		frappe.delete_doc("Feedback Category", "Delivery", force=True)  # records may link it
		settings.shipped_defaults = json.dumps(sorted(shipped - {"Feedback Category:Delivery"}))
		settings.save()

		ship_default_records()

		self.assertTrue(frappe.db.exists("Feedback Category", "Delivery"))

	def test_migrate_turns_on_a_new_toggle_but_keeps_one_turned_off(self):
		self.addCleanup(frappe.db.rollback)
		frappe.db.set_single_value("Followup Settings", "enable_missed_visits", 0)
		# A toggle added by an upgrade has no stored value yet.
		frappe.db.delete("Singles", {"doctype": "Followup Settings", "field": "enable_sla_escalation"})
		frappe.clear_document_cache("Followup Settings", "Followup Settings")
		ship_default_records()
		self.assertEqual(frappe.db.get_single_value("Followup Settings", "enable_sla_escalation"), 1)
		self.assertEqual(frappe.db.get_single_value("Followup Settings", "enable_missed_visits"), 0)

	def test_migrate_gives_contact_hours_their_default_over_frappes_placeholder_time(self):
		self.addCleanup(frappe.db.rollback)
		# A new document gets the current time, with microseconds, in every Time field.
		frappe.db.set_single_value("Followup Settings", "contact_day_start", "23:45:58.243939")
		frappe.db.set_single_value("Followup Settings", "contact_day_end", "17:30:00")  # chosen
		frappe.clear_document_cache("Followup Settings", "Followup Settings")
		ship_default_records()
		settings = frappe.get_single("Followup Settings")
		self.assertEqual(get_time(settings.contact_day_start), get_time("09:00:00"))
		self.assertEqual(get_time(settings.contact_day_end), get_time("17:30:00"))

	def test_uninstall_removes_custom_fields_and_install_restores_them(self):
		try:
			before_uninstall()
			self.assertEqual(
				frappe.db.count("Custom Field", {"dt": "Customer", "fieldname": ("in", CUSTOMER_FIELDNAMES)}),
				0,
			)
			self.assertFalse(frappe.get_meta("Customer", cached=False).has_field("followup_tier"))
			for doctype, _columns, index in PLATFORM_INDEXES:
				self.assertFalse(frappe.db.has_index(f"tab{doctype}", index))
		finally:
			after_migrate()
			# The custom-field DDL committed the uninstall's deletion of the settings; commit their
			# re-creation too, so later tests find complete settings.
			frappe.db.commit()
		self.assertTrue(frappe.db.get_single_value("Followup Settings", "enable_visit_planning"))
		self.assertTrue(frappe.get_meta("Customer", cached=False).has_field("followup_tier"))
		for doctype, _columns, index in PLATFORM_INDEXES:
			self.assertTrue(frappe.db.has_index(f"tab{doctype}", index))


def restore(*documents):
	"""Put documents back as they were (DDL in after_migrate may have committed the test's changes)."""
	for document in documents:
		current = frappe.get_doc(document.doctype, document.name)
		current.update({key: value for key, value in document.as_dict().items() if key != "modified"})
		current.save()
	for name in ("Price", "Delivery"):
		if not frappe.db.exists("Feedback Category", name):
			frappe.get_doc({"doctype": "Feedback Category", "category_name": name}).insert()
