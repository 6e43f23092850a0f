"""KPI definitions on a hand-computed dataset: exact values, by group, within scope filters, under
record-level rules. The dataset lives under its own customer group, so the scope filter isolates it
from whatever else the site holds."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, getdate, nowdate

from followup_app.kpi.definitions import Scope, kpi_rows, kpi_table, kpi_total
from followup_app.testing.fixtures import make_customer, make_invoice, make_survey, make_user, make_visit

GROUP = "_Test KPI Group"
LEAVES = ("_Test KPI Leaf A", "_Test KPI Leaf B")
VISITOR = "kpi.visitor@example.com"
CATEGORIES = ("_Test KPI Quality", "_Test KPI Delivery")
# Off while the dataset is built: they would add complaints and activation visits of their own.
TOGGLES = ("complaints_from_problems", "enable_activation_visits")


def make_group(name: str, parent: str, is_group: int = 0):
	if not frappe.db.exists("Customer Group", name):
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": name,
				"parent_customer_group": parent,
				"is_group": is_group,
			}
		).insert()


def make_kpi_dataset(test):
	"""Customers A (VIP, leaf A) and B (Normal, leaf B) with visits, feedback, surveys, complaints,
	points and invoices whose KPIs are worked out by hand in the assertions."""
	make_group(GROUP, "All Customer Groups", 1)
	for leaf in LEAVES:
		make_group(leaf, GROUP)
	for category in CATEGORIES:
		if not frappe.db.exists("Feedback Category", category):
			frappe.get_doc({"doctype": "Feedback Category", "category_name": category}).insert()
	make_user(VISITOR, "Followup User")
	for toggle in TOGGLES:
		frappe.db.set_single_value("Followup Settings", toggle, 0)
	test.a = make_customer("_Test KPI A", customer_group=LEAVES[0], followup_tier="VIP").name
	test.b = make_customer("_Test KPI B", customer_group=LEAVES[1], followup_tier="Normal").name
	for customer in (test.a, test.b):
		frappe.db.set_value("Customer", customer, "lifecycle_stage", "Active")
	test.start, test.end = getdate(add_days(nowdate(), -30)), getdate(nowdate())
	test.scope = Scope(test.start, test.end, customer_group=GROUP)
	day = add_days(nowdate(), -10)
	on_time, late = f"{day} 10:00:00", f"{add_days(day, 2)} 10:00:00"
	completed = {"status": "Completed", "planned_date": day, "outcome": "Satisfied"}
	make_visit(
		test.a,
		visit_datetime=on_time,
		visitor=VISITOR,
		feedback_items=[
			{"feedback_type": "Problem", "category": CATEGORIES[0], "description": "Scratched"},
			{"feedback_type": "Problem", "category": CATEGORIES[1], "description": "Late"},
			{"feedback_type": "Praise", "description": "Friendly"},
		],
		**completed,
	)
	make_visit(test.a, visit_datetime=late, **completed)
	missed = make_visit(test.a, planned_date=day)
	missed.status = "Missed"
	missed.save()
	make_visit(test.a, planned_date=nowdate())  # open, not overdue
	needs = make_visit(
		test.b,
		visit_datetime=on_time,
		feedback_items=[
			{"feedback_type": "Need", "description": "More capacity"},
			{"feedback_type": "Need", "description": "Training"},
			{"feedback_type": "Problem", "category": CATEGORIES[0], "description": "Dented"},
		],
		**completed,
	)
	quoted, dropped = (item.opportunity for item in needs.feedback_items if item.feedback_type == "Need")
	frappe.db.set_value("Opportunity", quoted, "status", "Quotation")
	frappe.db.set_value("Visit Feedback Item", {"opportunity": dropped}, "opportunity", None)
	# A bought again 5 days after both its completed visits; B did not.
	make_invoice(test.a, posting_date=add_days(day, 5), set_posting_time=1)
	for customer, csat, nps_category, ces in (
		(test.a, 4, "Promoter", 6),
		(test.a, 2, "Detractor", 0),
		(test.b, 0, "Passive", 0),
		(test.b, 0, "Promoter", 0),
	):
		survey = make_survey(customer, "Net Promoter Score (NPS)", "Phone")
		frappe.db.set_value(
			"Satisfaction Survey",
			survey.name,
			{
				"status": "Completed",
				"sent_on": on_time,
				"completed_on": on_time,
				"csat": csat,
				"nps_category": nps_category,
				"ces": ces,
			},
		)
	for responded_after_hours, resolved_after_hours, reopened in ((1, 10, 0), (30, 100, 1), (2, None, 0)):
		complaint = frappe.get_doc(
			{
				"doctype": "Complaint",
				"customer": test.b,
				"subject": "Late",
				"severity": "Medium",
				"category": CATEGORIES[1],
				"assigned_to": VISITOR if reopened else None,
			}
		).insert()
		# Opened five days ago with the Medium SLA (24 h to respond, 72 h to resolve).
		opened = add_to_date(get_datetime(complaint.opened_on), hours=-120)
		values = {
			"opened_on": opened,
			"response_due": add_to_date(opened, hours=24),
			"resolution_due": add_to_date(opened, hours=72),
			"first_response_on": add_to_date(opened, hours=responded_after_hours),
			"reopen_count": reopened,
		}
		if resolved_after_hours:
			values |= {"resolved_on": add_to_date(opened, hours=resolved_after_hours), "status": "Resolved"}
		frappe.db.set_value("Complaint", complaint.name, values)
	earn = frappe.get_doc(
		{
			"doctype": "Loyalty Points",
			"customer": test.a,
			"transaction_type": "Earn",
			"reason": "Manual",
			"points": 100,
		}
	).insert()
	earn.submit()
	frappe.get_doc(
		{"doctype": "Loyalty Points", "customer": test.a, "transaction_type": "Redeem", "points": 30}
	).insert().submit()


class KpiDatasetTestCase(FrappeTestCase):
	"""A test case on the KPI dataset, rolled back after each test."""

	def setUp(self):
		self.addCleanup(restore_toggles)
		self.addCleanup(frappe.db.rollback)  # also when building the dataset fails half-way
		self.addCleanup(frappe.set_user, "Administrator")
		make_kpi_dataset(self)


def restore_toggles():
	for toggle in TOGGLES:
		frappe.db.set_single_value("Followup Settings", toggle, 1)


class TestKpiDefinitions(KpiDatasetTestCase):
	def total(self, key, **scope):
		return kpi_total(key, Scope(self.start, self.end, customer_group=GROUP, **scope))

	def test_exact_values(self):
		expected = {
			"visits_planned": 5,  # 4 visits of A (one open) and 1 of B
			"open_visits": 1,
			"visit_completion_rate": 75.0,  # 3 completed of 4 completed or missed
			"on_time_visit_rate": 66.67,  # 2 of 3
			"repurchase_rate": 66.67,  # A's 2 completed visits were followed by an invoice; B's was not
			"average_satisfaction": 3.0,  # (4 + 2) / 2 surveys with a CSAT
			"nps": 25.0,  # (2 promoters - 1 detractor) / 4
			"customer_effort": 6.0,
			"survey_response_rate": 100.0,
			"complaints_opened": 3,
			"complaint_rate": 150.0,  # 3 complaints per 2 active customers
			"response_sla": 66.67,  # 2 of 3 answered within 24 h
			"resolution_sla": 50.0,  # 10 h within 72 h, 100 h not
			"average_resolution_hours": 55.0,  # (10 + 100) / 2
			"reopen_rate": 50.0,  # 1 of the 2 resolved or reopened
			"open_complaints": 1,
			"feedback_items": 6,
			"opportunity_rate": 50.0,  # 1 of 2 needs still linked to an Opportunity
			"demand_conversion_rate": 50.0,  # that one reached Quotation
			"order_rate": 0.0,
			"points_issued": 100.0,
			"points_redeemed": 30.0,
			"points_expired": 0.0,
		}
		self.assertEqual({key: self.total(key) for key in expected}, expected)

	def test_one_query_per_source(self):
		table = kpi_table(
			["visit_completion_rate", "on_time_visit_rate", "visits_planned"], self.scope, "tier"
		)
		self.assertEqual(table["VIP"]["visit_completion_rate"]["numerator"], 2)
		self.assertEqual(table["VIP"]["visit_completion_rate"]["denominator"], 3)
		self.assertEqual(table["VIP"]["visits_planned"]["value"], 4)
		self.assertEqual(table["Normal"]["on_time_visit_rate"]["value"], 100.0)

	def test_feedback_problem_distribution_by_category(self):
		rows = {
			row["group"]: row for row in kpi_rows("feedback_problem_distribution", self.scope, "category")
		}
		self.assertEqual(rows[CATEGORIES[0]]["value"], 66.67)  # 2 of the 3 problems
		self.assertEqual(rows[CATEGORIES[1]]["value"], 33.33)

	def test_complaint_rate_per_customer_group(self):
		rows = {row["group"]: row for row in kpi_rows("complaint_rate", self.scope, "customer_group")}
		self.assertEqual(rows[LEAVES[1]]["value"], 300.0)  # 3 complaints, 1 active customer in leaf B

	def test_periods_and_filters(self):
		month = getdate(add_days(nowdate(), -10)).strftime("%Y-%m")
		rows = {row["group"]: row for row in kpi_rows("visit_completion_rate", self.scope, "month")}
		self.assertEqual(rows[month]["numerator"], 3)
		self.assertEqual(self.total("visit_completion_rate", tier="Normal"), 100.0)
		self.assertEqual(self.total("visits_planned", visitor=VISITOR), 1)
		self.assertEqual(self.total("complaints_opened", category=CATEGORIES[1]), 3)
		outside = Scope(add_days(self.start, -60), add_days(self.start, -31), customer_group=GROUP)
		self.assertIsNone(kpi_total("visit_completion_rate", outside))

	def test_churn_rate(self):
		# C bought 200 days ago and never again: with 180 days it churned 20 days ago.
		c = make_customer("_Test KPI C", customer_group=LEAVES[0]).name
		make_invoice(c, posting_date=add_days(nowdate(), -200), set_posting_time=1)
		frappe.db.set_single_value("Followup Settings", "inactive_days_churned", 180)
		self.assertEqual(self.total("churn_rate"), 100.0)  # C was the one customer active at the start
		self.assertIsNone(
			kpi_total("churn_rate", Scope(self.start, self.end, tier="VIP", customer_group=GROUP))
		)

	def test_unsupported_grouping_and_filters_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			kpi_rows("nps", self.scope, "visitor")
		with self.assertRaises(frappe.ValidationError):
			kpi_total("nps", Scope(self.start, self.end, visitor=VISITOR))
		with self.assertRaises(frappe.ValidationError):
			kpi_total("visit_completion_rate", Scope(self.start, self.end, company="_Test Company"))
		with self.assertRaises(frappe.ValidationError):
			kpi_total("visits_planned", Scope(self.start, self.end, customer_group="_No Such Group"))

	def test_followup_user_counts_only_their_records(self):
		frappe.set_user(VISITOR)
		self.assertEqual(self.total("visits_planned"), 1)
		self.assertEqual(self.total("complaints_opened"), 1)  # the one assigned to them
		self.assertEqual(self.total("nps"), 25.0)  # surveys are not per user
