"""Integration tests of the nightly customer refresh."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from followup_app.core.chunks import Span
from followup_app.customers.refresh import refresh_customers
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.testing.fixtures import make_customer, make_invoice


class TestCustomerRefresh(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value(
			"Followup Settings", {"inactive_days_at_risk": 90, "inactive_days_churned": 180}
		)
		frappe.db.sql("update tabCustomer set do_not_contact = 1")

	def tearDown(self):
		frappe.db.rollback()

	def values(self, name):
		return frappe.db.get_value(
			"Customer",
			name,
			[
				"lifecycle_stage",
				"churn_risk_score",
				"churn_risk_factors",
				"churn_risk_scored_on",
				"followup_tier",
			],
			as_dict=True,
		)

	def test_prospect_gets_the_lowest_tier_unless_pinned(self):
		prospect = make_customer("_Test Refresh Prospect").name
		pinned = make_customer("_Test Refresh Pinned", followup_tier="VIP", tier_pinned=1).name
		refresh_customers()
		self.assertEqual(self.values(prospect).lifecycle_stage, "Prospect")
		# Nothing bought and no risk signal: no churn risk to speak of, not a score of 0.
		self.assertIsNone(self.values(prospect).churn_risk_scored_on)
		self.assertEqual(self.values(prospect).followup_tier, "Normal")
		self.assertEqual(self.values(pinned).followup_tier, "VIP")

	def test_lapsed_buyer_is_at_risk_with_explained_score_and_a_win_back_visit(self):
		name = make_customer(
			f"_Test Refresh Lapsed {frappe.generate_hash(length=6)}"
		).name  # no invoices of old runs
		frappe.db.set_value("Customer", name, "do_not_contact", 0)
		for days_ago in (200, 100):
			make_invoice(name, posting_date=add_days(nowdate(), -days_ago), set_posting_time=1)
		frappe.db.delete("Visit Record", {"customer": name})  # the activation visit of the first invoice

		result = refresh_customers()
		values = self.values(name)
		self.assertEqual(values.lifecycle_stage, "At Risk")
		# rhythm 100 days and 100 days idle: no recency points; orders and value fell to nothing.
		self.assertEqual(values.churn_risk_score, 35)
		# Stored as data (factor codes and points), translated where shown.
		self.assertEqual(values.churn_risk_factors.splitlines(), ["frequency:20", "value:15"])
		self.assertEqual(getdate(values.churn_risk_scored_on), getdate())
		self.assertGreaterEqual(result["newly_at_risk"], 1)
		self.assertTrue(
			frappe.db.exists(
				"Visit Record", {"customer": name, "followup_policy": "At Risk Win-back", "status": "Planned"}
			)
		)
		self.assertEqual(refresh_customers()["changed"], 0)

	def test_turned_off_refresh_changes_nothing(self):
		name = make_customer("_Test Refresh Off").name
		frappe.db.set_single_value("Followup Settings", "enable_customer_refresh", 0)
		run_customer_steps(Span(), nowdate())
		self.assertFalse(self.values(name).lifecycle_stage)
		frappe.db.set_single_value("Followup Settings", "enable_customer_refresh", 1)
		run_customer_steps(Span(), nowdate())
		self.assertEqual(self.values(name).lifecycle_stage, "Prospect")
