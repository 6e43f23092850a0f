"""Who may write the Customer's Follow-up tab, proven through the document and the REST API."""

from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client, now_datetime

from followup_app.setup.custom_fields import FOLLOWUP_PERMLEVEL
from followup_app.testing.fixtures import (
	CommittedCustomerTestCase,
	api_token,
	make_customer,
	make_user,
	make_visit,
)

MANAGER = "followup.tab.manager@example.com"
VISITOR = "followup.tab.visitor@example.com"
SALES = "followup.tab.sales@example.com"
CUSTOMER = "_Test Followup Tab"
WEBSITE = "https://before.example.com"


class TestFollowupTab(CommittedCustomerTestCase):
	"""Uses committed records, because REST requests run on their own database connection."""

	customer = CUSTOMER

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "Followup Manager")
		make_user(VISITOR, "Followup User")
		make_user(SALES, "Sales User")
		cls.manager_token = api_token(MANAGER)
		make_customer(CUSTOMER, website=WEBSITE)
		frappe.db.commit()

	def stored(self, *fields):
		return frappe.db.get_value("Customer", CUSTOMER, fields, as_dict=True)

	def test_a_followup_manager_saves_the_tab_and_nothing_else(self):
		frappe.set_user(MANAGER)
		customer = frappe.get_doc("Customer", CUSTOMER)
		customer.run_method("onload")
		self.assertTrue(customer.get_onload().followup_tab_only)
		customer.followup_tier = "VIP"
		customer.preferred_channel = "WeChat"
		customer.website = "https://changed.example.com"
		customer.save()

		stored = self.stored("followup_tier", "preferred_channel", "website", "tier_pinned", "tier_set_by")
		self.assertEqual(stored.followup_tier, "VIP")
		self.assertEqual(stored.preferred_channel, "WeChat")
		self.assertEqual(stored.website, WEBSITE)
		self.assertEqual((stored.tier_pinned, stored.tier_set_by), (1, MANAGER))
		self.assertFalse(frappe.has_permission("Customer", "create", user=MANAGER))
		self.assertFalse(frappe.has_permission("Customer", "delete", user=MANAGER))

	def test_a_followup_manager_saves_the_tab_over_rest(self):
		response = make_request(
			target=get_test_client().put,
			args=("/api/resource/Customer/" + quote(CUSTOMER),),
			kwargs={
				"headers": {"Authorization": self.manager_token},
				"json": {"followup_tier": "Key", "do_not_contact": 1, "website": "https://rest.example.com"},
			},
		)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.addCleanup(self.restore)
		frappe.db.rollback()  # see what the request committed
		stored = self.stored("followup_tier", "do_not_contact", "website", "tier_set_by")
		self.assertEqual((stored.followup_tier, stored.do_not_contact), ("Key", 1))
		self.assertEqual(stored.website, WEBSITE)
		self.assertEqual(stored.tier_set_by, MANAGER)

	def restore(self):
		frappe.db.set_value(
			"Customer",
			CUSTOMER,
			{
				"followup_tier": None,
				"tier_pinned": 0,
				"tier_set_by": None,
				"tier_set_on": None,
				"do_not_contact": 0,
			},
		)
		frappe.db.commit()

	def test_a_followup_user_reads_the_tab_but_writes_no_customer(self):
		meta = frappe.get_meta("Customer")
		self.assertIn(FOLLOWUP_PERMLEVEL, meta.get_permlevel_access("read", user=VISITOR))
		self.assertNotIn(FOLLOWUP_PERMLEVEL, meta.get_permlevel_access("write", user=VISITOR))
		frappe.set_user(VISITOR)
		customer = frappe.get_doc("Customer", CUSTOMER)
		customer.followup_tier = "VIP"
		self.assertRaises(frappe.PermissionError, customer.save)

	def test_erpnext_roles_keep_what_they_had_on_the_tab(self):
		meta = frappe.get_meta("Customer")
		self.assertIn(FOLLOWUP_PERMLEVEL, meta.get_permlevel_access("write", user=SALES))
		frappe.set_user(SALES)
		customer = frappe.get_doc("Customer", CUSTOMER)
		customer.run_method("onload")
		self.assertFalse(customer.get_onload().get("followup_tab_only"))
		customer.followup_tier = "Key"
		customer.website = "https://sales.example.com"
		customer.save()
		stored = self.stored("followup_tier", "website", "tier_set_by")
		self.assertEqual(
			(stored.followup_tier, stored.website, stored.tier_set_by), ("Key", customer.website, SALES)
		)

	def test_fields_the_app_maintains_are_still_written_for_a_followup_user(self):
		visit = make_visit(CUSTOMER, visitor=VISITOR)
		frappe.set_user(VISITOR)
		visit = frappe.get_doc("Visit Record", visit.name)
		visit.update(
			{
				"status": "Completed",
				"visit_datetime": now_datetime(),
				"outcome": "Satisfied",
				"satisfaction": 0.8,
			}
		)
		visit.save()
		stored = self.stored("last_visit_date", "avg_satisfaction")
		self.assertEqual(stored.last_visit_date, now_datetime().date())
		self.assertEqual(stored.avg_satisfaction, 4)
