# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase


class TestCustomerTier(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def new_tier(self, **values):
		return frappe.get_doc({"doctype": "Customer Tier", "tier_name": "_Test Tier", "rank": 99, **values})

	def test_shipped_tiers(self):
		tiers = {
			row.name: row
			for row in frappe.get_all("Customer Tier", fields=["name", "rank", "min_annual_revenue"])
		}
		self.assertTrue({"VIP", "Key", "Normal"} <= set(tiers))
		self.assertLess(tiers["VIP"].rank, tiers["Key"].rank)
		self.assertLess(tiers["Key"].rank, tiers["Normal"].rank)

	def test_rejects_duplicate_rank(self):
		vip_rank = frappe.db.get_value("Customer Tier", "VIP", "rank")
		with self.assertRaises(frappe.ValidationError):
			self.new_tier(rank=vip_rank).insert()
		self.assertFalse(frappe.db.exists("Customer Tier", "_Test Tier"))

	def test_rejects_negative_revenue_and_rank_below_one(self):
		with self.assertRaises(frappe.ValidationError):
			self.new_tier(min_annual_revenue=-1).insert()
		with self.assertRaises(frappe.ValidationError):
			self.new_tier(rank=0).insert()
		self.assertFalse(frappe.db.exists("Customer Tier", "_Test Tier"))

	def test_rank_can_be_kept_when_editing(self):
		tier = self.new_tier(min_annual_revenue=10).insert()
		tier.description = "edited"
		tier.save()
		self.assertEqual(frappe.db.get_value("Customer Tier", tier.name, "description"), "edited")

	def test_warns_about_unreachable_tiers(self):
		frappe.clear_messages()
		self.new_tier(min_annual_revenue=5_000_000).insert()
		messages = [message.get("message", "") for message in frappe.get_message_log()]
		self.assertTrue(any("_Test Tier" in message for message in messages), messages)
