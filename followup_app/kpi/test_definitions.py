"""KPI definitions on a hand-computed dataset: exact values, by group, under record-level rules."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, nowdate

from followup_app.customer_followup.report.followup_kpi.followup_kpi import execute
from followup_app.kpi.definitions import kpi_rows
from followup_app.testing import make_customer, make_user, make_visit

GROUP = "_Test KPI Group"
VISITOR = "kpi.visitor@example.com"


class TestKpiDefinitions(FrappeTestCase):
	def setUp(self):
		if not frappe.db.exists("Customer Group", GROUP):
			frappe.get_doc(
				{
					"doctype": "Customer Group",
					"customer_group_name": GROUP,
					"parent_customer_group": "All Customer Groups",
				}
			).insert()
		make_user(VISITOR, "Followup User")
		self.a = make_customer("_Test KPI A", customer_group=GROUP, followup_tier="VIP").name
		self.b = make_customer("_Test KPI B", customer_group=GROUP, followup_tier="Normal").name
		self.start, self.end = add_days(nowdate(), -30), nowdate()
		day = add_days(nowdate(), -10)
		on_time = f"{day} 10:00:00"
		late = f"{add_days(day, 2)} 10:00:00"
		make_visit(
			self.a,
			status="Completed",
			planned_date=day,
			visit_datetime=on_time,
			outcome="Satisfied",
			visitor=VISITOR,
		)
		make_visit(self.a, status="Completed", planned_date=day, visit_datetime=late, outcome="Satisfied")
		missed = make_visit(self.a, planned_date=day)
		missed.status = "Missed"
		missed.save()
		make_visit(self.b, status="Completed", planned_date=day, visit_datetime=on_time, outcome="Satisfied")
		for customer, csat, category in (
			(self.a, 4, "Promoter"),
			(self.a, 2, "Detractor"),
			(self.b, 0, "Passive"),
			(self.b, 0, "Promoter"),
		):
			survey = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": customer,
					"survey_template": "Net Promoter Score (NPS)",
					"channel": "Phone",
				}
			).insert()
			frappe.db.set_value(
				"Satisfaction Survey",
				survey.name,
				{"status": "Completed", "completed_on": on_time, "csat": csat, "nps_category": category},
			)
		for responded_after_hours in (1, 30):
			complaint = frappe.get_doc(
				{"doctype": "Complaint", "customer": self.b, "subject": "Late", "severity": "Medium"}
			).insert()
			frappe.db.set_value(
				"Complaint",
				complaint.name,
				"first_response_on",
				add_to_date(get_datetime(complaint.opened_on), hours=responded_after_hours),
			)
		earn = frappe.get_doc(
			{
				"doctype": "Loyalty Points",
				"customer": self.a,
				"transaction_type": "Earn",
				"reason": "Manual",
				"points": 100,
			}
		).insert()
		earn.submit()
		redeem = frappe.get_doc(
			{"doctype": "Loyalty Points", "customer": self.a, "transaction_type": "Redeem", "points": 30}
		).insert()
		redeem.submit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def ours(self, key, group_by="customer_group", **kwargs):
		rows = kpi_rows(key, self.start, self.end, group_by, **kwargs)
		return {row["group"]: row for row in rows if group_by != "customer_group" or row["group"] == GROUP}

	def value(self, key, **kwargs):
		return self.ours(key, **kwargs)[GROUP]["value"]

	def test_exact_values(self):
		self.assertEqual(self.value("visit_completion_rate"), 75.0)  # 3 of 4
		self.assertEqual(self.value("on_time_visit_rate"), 66.67)  # 2 of 3
		self.assertEqual(self.value("average_satisfaction"), 3.0)  # (4 + 2) / 2
		self.assertEqual(self.value("nps"), 25.0)  # (2 promoters - 1 detractor) / 4
		self.assertEqual(self.value("response_sla"), 50.0)  # 1 within 24 h, 1 after
		self.assertEqual(self.value("points_issued"), 100.0)
		self.assertEqual(self.value("points_redeemed"), 30.0)

	def test_by_tier(self):
		rows = kpi_rows("visit_completion_rate", self.start, self.end, "tier")
		values = {row["group"]: row for row in rows}
		self.assertEqual((values["VIP"]["numerator"], values["VIP"]["denominator"]), (2, 3))
		self.assertEqual(values["Normal"]["value"], 100.0)

	def test_followup_user_counts_only_their_visits(self):
		frappe.set_user(VISITOR)
		rows = kpi_rows("visit_completion_rate", self.start, self.end, "total")
		self.assertEqual([(row["numerator"], row["denominator"]) for row in rows], [(1.0, 1.0)])

	def test_report_returns_table_and_chart(self):
		columns, rows, _message, chart = execute(
			{
				"metric": "visit_completion_rate",
				"from_date": self.start,
				"to_date": self.end,
				"group_by": "tier",
			}
		)
		self.assertEqual(columns[1]["fieldname"], "value")
		self.assertEqual(chart["type"], "bar")
		self.assertIn("VIP", chart["data"]["labels"])
		with self.assertRaises(frappe.ValidationError):
			execute({"metric": "visit_completion_rate", "from_date": self.end, "to_date": self.start})
