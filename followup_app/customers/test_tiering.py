"""A tier set by a person pins it; auto-tiering can be turned off and writes its changes to the timeline."""

import json
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from followup_app.customers.refresh import refresh_customers
from followup_app.patches import pin_tiers_set_by_hand
from followup_app.platform.bulk import bulk_insert_dicts
from followup_app.testing.fixtures import make_customer, make_user


class TestTiering(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value("Followup Settings", "auto_tiering", 1)
		frappe.db.sql("update tabCustomer set do_not_contact = 1")  # no win-back visits planned

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def tier(self, name):
		return frappe.db.get_value(
			"Customer", name, ["followup_tier", "tier_pinned", "tier_set_by", "tier_set_on"], as_dict=True
		)

	def timeline(self, name):
		return frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Customer", "reference_name": name, "comment_type": "Info"},
			pluck="content",
		)

	def test_a_tier_set_by_a_person_is_pinned_and_survives_the_refresh(self):
		manager = make_user("tiering.manager@example.com", "Followup Manager")
		name = make_customer("_Test Tier By Hand").name  # no invoices: auto-tiering says Normal
		frappe.set_user(manager)
		customer = frappe.get_doc("Customer", name)
		customer.followup_tier = "VIP"
		customer.save()
		frappe.set_user("Administrator")
		tier = self.tier(name)
		self.assertEqual((tier.followup_tier, tier.tier_pinned, tier.tier_set_by), ("VIP", 1, manager))
		self.assertLess(abs((get_datetime(tier.tier_set_on) - now_datetime()).total_seconds()), 60)

		refresh_customers()
		self.assertEqual(self.tier(name).followup_tier, "VIP")
		self.assertEqual(self.timeline(name), [])

		customer.reload()
		customer.tier_pinned = 0
		customer.save()
		tier = self.tier(name)
		self.assertEqual((tier.tier_pinned, tier.tier_set_by, tier.tier_set_on), (0, None, None))
		refresh_customers()
		self.assertEqual(self.tier(name).followup_tier, "Normal")
		[entry] = self.timeline(name)
		self.assertIn("VIP", entry)
		self.assertIn("Normal", entry)

	def test_keeping_an_automatic_tier_records_who_and_when_and_clearing_it_unpins(self):
		name = make_customer("_Test Tier Kept").name
		refresh_customers()
		customer = frappe.get_doc("Customer", name)
		self.assertEqual((customer.followup_tier, customer.tier_pinned), ("Normal", 0))
		customer.tier_pinned = 1
		customer.save()
		self.assertEqual(self.tier(name).tier_set_by, "Administrator")

		customer.followup_tier = None
		customer.save()
		tier = self.tier(name)
		self.assertEqual((tier.tier_pinned, tier.tier_set_by), (0, None))

	def test_auto_tiering_turned_off_leaves_tiers_alone(self):
		name = make_customer("_Test Tier Auto Off").name
		frappe.db.set_single_value("Followup Settings", "auto_tiering", 0)
		refresh_customers()
		self.assertIsNone(self.tier(name).followup_tier)
		self.assertEqual(frappe.db.get_value("Customer", name, "lifecycle_stage"), "Prospect")
		self.assertEqual(self.timeline(name), [])

		frappe.db.set_single_value("Followup Settings", "auto_tiering", 1)
		refresh_customers()
		self.assertEqual(self.tier(name).followup_tier, "Normal")
		self.assertEqual(len(self.timeline(name)), 1)

	def test_the_refresh_writes_all_its_tier_changes_in_one_insert(self):
		names = [make_customer(f"_Test Tier Bulk {number}").name for number in range(3)]
		with patch("followup_app.customers.tiering.bulk_insert_dicts", wraps=bulk_insert_dicts) as insert:
			refresh_customers()
		self.assertEqual(insert.call_count, 1)
		logged = {row["reference_name"] for row in insert.call_args.args[1]}
		self.assertTrue(set(names) <= logged)
		for name in names:
			self.assertEqual(len(self.timeline(name)), 1)

		with patch("followup_app.customers.tiering.bulk_insert_dicts", wraps=bulk_insert_dicts) as insert:
			refresh_customers()
		self.assertEqual(insert.call_count, 0)  # nothing changed, nothing written


class TestPinTiersPatch(FrappeTestCase):
	"""The patch adds custom fields, whose DDL commits: its records are removed explicitly."""

	def setUp(self):
		self.customers = []
		self.addCleanup(self.cleanup)

	def cleanup(self):
		frappe.db.rollback()
		for name in self.customers:
			frappe.db.delete("Version", {"ref_doctype": "Customer", "docname": name})
			frappe.delete_doc("Customer", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def customer(self, name: str, tier: str, pinned: int, *versions) -> str:
		"""A customer with `tier` stored as is, and Versions (user, minutes ago, changes) in its history."""
		name = make_customer(name).name
		self.customers.append(name)
		frappe.db.set_value(
			"Customer",
			name,
			{"followup_tier": tier, "tier_pinned": pinned, "tier_set_by": None, "tier_set_on": None},
		)
		for user, minutes_ago, changes in versions:
			version = frappe.get_doc(
				{
					"doctype": "Version",
					"ref_doctype": "Customer",
					"docname": name,
					"data": json.dumps({"changed": changes}),
				}
			).insert(ignore_permissions=True)
			when = add_to_date(now_datetime(), minutes=-minutes_ago)
			frappe.db.set_value(
				"Version", version.name, {"owner": user, "creation": when}, update_modified=False
			)
		return name

	def test_existing_tiers_set_by_hand_are_kept_with_who_and_when(self):
		first, second = "first.setter@example.com", "second.setter@example.com"
		kept = self.customer(
			"_Test Patch Kept",
			"VIP",
			1,
			(first, 30, [["followup_tier", "Normal", "VIP"]]),
			(second, 10, [["tier_pinned", 0, 1]]),
		)
		set_by_hand = self.customer(
			"_Test Patch By Hand", "Key", 0, (first, 20, [["followup_tier", "Normal", "Key"]])
		)
		replaced = self.customer(
			"_Test Patch Replaced", "Normal", 0, (first, 20, [["followup_tier", "Normal", "VIP"]])
		)
		unpinned = self.customer(
			"_Test Patch Unpinned",
			"Key",
			0,
			(first, 20, [["followup_tier", "VIP", "Key"], ["tier_pinned", 1, 0]]),
		)
		pinned_no_history = self.customer("_Test Patch No History", "Key", 1)

		pin_tiers_set_by_hand.execute()

		def tier(name):
			return frappe.db.get_value("Customer", name, ["followup_tier", "tier_pinned", "tier_set_by"])

		self.assertEqual(tier(kept), ("VIP", 1, second))
		self.assertEqual(tier(set_by_hand), ("Key", 1, first))
		self.assertEqual(tier(replaced), ("Normal", 0, None))
		self.assertEqual(tier(unpinned), ("Key", 0, None))
		self.assertEqual(tier(pinned_no_history), ("Key", 1, None))
		# Tier Set On is when that person's change was made, as its Version records it.
		changed_on = frappe.db.get_value(
			"Version", {"docname": set_by_hand, "ref_doctype": "Customer"}, "creation"
		)
		self.assertEqual(
			get_datetime(frappe.db.get_value("Customer", set_by_hand, "tier_set_on")).replace(microsecond=0),
			get_datetime(changed_on).replace(microsecond=0),
		)
