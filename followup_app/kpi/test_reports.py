"""The nine Script Reports and the number cards on the KPI dataset: figures, charts, drill-down
links, refused groupings and record-level rules."""

import json
from urllib.parse import parse_qs, unquote, urlparse

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, getdate, nowdate

from followup_app.kpi import cards
from followup_app.kpi.reports import Column, report_chart
from followup_app.kpi.test_definitions import CATEGORIES, GROUP, VISITOR, KpiDatasetTestCase
from followup_app.platform.compat import desk_path
from followup_app.platform.languages import in_language

REPORTS = (
	"Followup KPI",
	"Visit Completion",
	"Customer Satisfaction",
	"Complaint Analysis",
	"Feedback Distribution",
	"Demand Conversion",
	"Loyalty Points Summary",
	"Churn Risk",
	"Visitor Performance",
)


class TestReports(KpiDatasetTestCase):
	def setUp(self):
		super().setUp()
		self.filters = {"from_date": str(self.start), "to_date": str(self.end), "customer_group": GROUP}

	def report(self, name, **filters):
		result = run(name, {**self.filters, **filters}, ignore_prepared_report=True)
		return result["columns"], result["result"], result.get("chart")

	def rows_by_group(self, name, **filters):
		_columns, rows, _chart = self.report(name, **filters)
		return {row["group"]: row for row in rows}

	def test_every_report_runs_with_a_chart(self):
		for name in REPORTS:
			filters = {"metric": "nps"} if name == "Followup KPI" else {}
			columns, rows, chart = self.report(name, **filters)
			self.assertTrue(columns, name)
			self.assertTrue(rows or name == "Churn Risk", name)
			self.assertTrue(chart and chart["data"]["datasets"], name)

	def test_option_values_are_select_cells_the_desk_translates(self):
		for name, group_by in (
			("Complaint Analysis", "severity"),
			("Feedback Distribution", "feedback_type"),
			("Customer Satisfaction", "channel"),
		):
			columns, _rows, _chart = self.report(name, group_by=group_by)
			self.assertEqual(columns[0]["fieldtype"], "Select", name)

	def test_visit_completion_by_tier(self):
		rows = self.rows_by_group("Visit Completion", group_by="tier")
		vip = rows["VIP"]
		self.assertEqual(
			(
				vip["visits_planned_numerator"],
				vip["visit_completion_rate_numerator"],
				vip["visit_completion_rate_rest"],
			),
			(4, 2, 1),
		)
		self.assertEqual(vip["open_visits_numerator"], 1)
		self.assertEqual(vip["visit_completion_rate"], 66.67)
		self.assertEqual(rows["Normal"]["on_time_visit_rate"], 100.0)

	def test_rows_with_nothing_to_draw_give_an_empty_chart(self):
		"""So a workspace chart says No Data instead of charting the rows' bare labels."""
		rate, planned = Column("visit_completion_rate"), Column("visits_planned", "numerator")
		rows = [{"group": "2026-11", rate.fieldname: None, planned.fieldname: 2}]
		self.assertEqual(report_chart("month", rows, [rate], None), {"data": {}})
		drawn = report_chart("month", [{"group": "2026-11", rate.fieldname: 50.0}], [rate], None)
		self.assertEqual((drawn["type"], drawn["data"]["labels"]), ("bar", ["2026-11"]))

	def test_drilldown_links(self):
		rows = self.rows_by_group("Visit Completion", group_by="customer")
		link = urlparse(rows[self.a]["_links"]["visit_completion_rate_rest"])
		self.assertEqual(link.path, desk_path("visit-record"))
		query = {key: values[0] for key, values in parse_qs(link.query).items()}
		self.assertEqual(query["status"], "Missed")
		self.assertEqual(query["customer"], self.a)
		self.assertEqual(json.loads(query["planned_date"]), ["Between", [str(self.start), str(self.end)]])
		# The desk reads the query with decodeURIComponent, which leaves a "+" as it is.
		raw = urlparse(rows[self.a]["_links"]["visits_planned_numerator"]).query
		self.assertNotIn("+", raw)
		status = dict(part.split("=") for part in raw.split("&"))["status"]
		self.assertEqual(json.loads(unquote(status)), ["in", ["Planned", "Completed", "Missed"]])
		# A tier cannot be a list filter: the link opens the report by customer within the tier.
		tier_link = urlparse(
			self.rows_by_group("Visit Completion", group_by="tier")["VIP"]["_links"][
				"visits_planned_numerator"
			]
		)
		self.assertEqual(tier_link.path, desk_path("query-report/Visit%20Completion"))
		self.assertEqual(parse_qs(tier_link.query)["customer_tier"], ["VIP"])
		self.assertEqual(parse_qs(tier_link.query)["group_by"], ["customer"])

	def test_customer_satisfaction_and_complaints(self):
		total = self.rows_by_group("Customer Satisfaction", group_by="total")["total"]
		self.assertEqual(
			(total["nps"], total["promoters_numerator"], total["detractors_numerator"]), (25.0, 2, 1)
		)
		complaints = self.rows_by_group("Complaint Analysis", group_by="category")[CATEGORIES[1]]
		self.assertEqual(complaints["complaints_opened_numerator"], 3)
		self.assertEqual(complaints["average_resolution_hours"], 55.0)
		columns, _rows, _chart = self.report("Complaint Analysis", group_by="visitor")
		self.assertNotIn("complaint_rate", [column["fieldname"] for column in columns])
		self.assertEqual(columns[0]["label"], "Assigned To")

	def test_feedback_demand_points_and_visitors(self):
		problems = self.rows_by_group("Feedback Distribution")
		self.assertEqual(problems[CATEGORIES[0]]["feedback_problem_distribution"], 66.67)
		demand = self.rows_by_group("Demand Conversion", group_by="total")["total"]
		self.assertEqual(
			(
				demand["opportunity_rate_denominator"],
				demand["opportunity_rate_numerator"],
				demand["demand_conversion_rate"],
			),
			(2, 1, 50.0),
		)
		points = self.rows_by_group("Loyalty Points Summary")[self.a]
		self.assertEqual(
			(points["points_issued"], points["points_redeemed"], points["net_points"]), (100, 30, 70)
		)
		self.assertEqual(points["balance"], 70)
		visitor = self.rows_by_group("Visitor Performance")[VISITOR]
		self.assertEqual(
			(visitor["visits_planned_numerator"], visitor["complaints_opened_numerator"]), (1, 1)
		)

	def score(self, customer, score, factors=None, stage=None):
		frappe.db.set_value(
			"Customer",
			customer,
			{
				"churn_risk_score": score,
				"churn_risk_factors": factors,
				"churn_risk_scored_on": getdate(),
				"lifecycle_stage": stage,
			},
		)

	def test_churn_risk_lists_customers_above_the_minimum(self):
		self.score(self.a, 80, "recency:35\ncomplaints:15")
		self.score(self.b, 20)
		result = run("Churn Risk", {**self.filters, "min_score": 50}, ignore_prepared_report=True)
		self.assertEqual([row["customer"] for row in result["result"]], [self.a])
		self.assertEqual(result["result"][0]["risk_band"], "Critical")
		self.assertEqual(
			result["result"][0]["churn_risk_factors"],
			"No purchase for longer than usual: +35\nOpen or breached complaints: +15",
		)
		self.assertEqual(result["report_summary"][0]["value"], 1)

	def test_churn_risk_speaks_the_reader_language_and_shows_no_score_for_the_unscored(self):
		self.score(self.a, 80, "recency:35", stage="At Risk")
		frappe.db.set_value(
			"Customer",
			self.b,
			{"churn_risk_score": 0, "churn_risk_factors": None, "churn_risk_scored_on": None},
		)
		with in_language("zh"):
			result = run("Churn Risk", {**self.filters, "min_score": 0}, ignore_prepared_report=True)
		rows = {row["customer"]: row for row in result["result"]}
		zh = lambda text: frappe._(text, lang="zh")  # noqa: E731
		self.assertEqual(
			(rows[self.a]["churn_risk_factors"], rows[self.a]["lifecycle_stage"], rows[self.a]["risk_band"]),
			(
				zh("{0}: +{1}").format(zh("No purchase for longer than usual"), 35),
				zh("At Risk"),
				zh("Critical"),
			),
		)
		self.assertNotIn("No purchase", rows[self.a]["churn_risk_factors"])
		unscored = rows[self.b]
		self.assertEqual(
			(unscored["churn_risk_score"], unscored["risk_band"], unscored["churn_risk_factors"]),
			(None, None, None),
		)
		low = next(dataset["values"] for dataset in result["chart"]["data"]["datasets"])[0]
		self.assertNotIn(self.b, [row["customer"] for row in result["result"] if row["risk_band"]])
		self.assertEqual(low, sum(1 for row in result["result"] if row["risk_band"] == zh("Low")))

	def test_bad_filters_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			self.report("Visit Completion", group_by="severity")
		with self.assertRaises(frappe.ValidationError):
			self.report("Visit Completion", from_date=str(self.end), to_date=str(self.start))
		with self.assertRaises(frappe.ValidationError):
			self.report("Followup KPI", metric="no_such_kpi")
		with self.assertRaises(frappe.ValidationError):
			self.report("Followup KPI", metric="nps", group_by="visitor")
		with self.assertRaises(frappe.ValidationError):
			self.report("Churn Risk", limit=-5)

	def test_followup_user_sees_only_their_records(self):
		frappe.set_user(VISITOR)
		rows = self.rows_by_group("Visit Completion", group_by="visitor")
		self.assertEqual(list(rows), [VISITOR])
		self.assertEqual(list(self.rows_by_group("Complaint Analysis", group_by="visitor")), [VISITOR])

	def test_number_cards(self):
		today = getdate()
		self.assertGreaterEqual(cards.visits_due_today()["value"], 1)
		overdue = frappe.get_all(
			"Visit Record", filters={"status": "Planned", "planned_date": ("<", today)}, pluck="name"
		)
		self.assertEqual(cards.overdue_visits()["value"], len(overdue))
		open_complaints = frappe.db.count(
			"Complaint", {"status": ("in", ["Open", "In Progress", "Reopened"])}
		)
		self.assertEqual(cards.open_complaints()["value"], open_complaints)
		frappe.db.set_value("Complaint", {"customer": self.b, "status": "Open"}, "sla_status", "Breached")
		breached = frappe.db.count(
			"Complaint", {"status": ("in", ["Open", "In Progress", "Reopened"]), "sla_status": "Breached"}
		)
		self.assertEqual(cards.sla_breached()["value"], breached)
		self.assertEqual(cards.sla_breached()["route_options"]["sla_status"], "Breached")
		nps = cards.nps_90_days()
		self.assertEqual((nps["fieldtype"], nps["precision"]), ("Float", 1))
		self.assertEqual(nps["route"], ["query-report", "Customer Satisfaction"])
		frappe.db.set_value(
			"Satisfaction Survey", {"status": "Completed"}, "completed_on", add_days(nowdate(), -400)
		)
		self.assertEqual(cards.average_csat_30_days(), "–")

	def test_number_cards_follow_record_rules(self):
		frappe.set_user(VISITOR)
		mine = frappe.db.count(
			"Visit Record", {"visitor": VISITOR, "status": "Planned", "planned_date": getdate()}
		)
		self.assertEqual(cards.visits_due_today()["value"], mine)

	def test_workspace_cards_and_charts_are_installed(self):
		workspace = frappe.get_doc("Workspace", "Customer Follow-up")
		self.assertEqual(len(workspace.number_cards), 8)
		for card in workspace.number_cards:
			self.assertEqual(frappe.db.get_value("Number Card", card.number_card_name, "type"), "Custom")
		for chart in workspace.charts:
			report = frappe.db.get_value("Dashboard Chart", chart.chart_name, "report_name")
			self.assertTrue(frappe.db.exists("Report", report))
			filters = json.loads(frappe.db.get_value("Dashboard Chart", chart.chart_name, "filters_json"))
			result = run(report, {**self.filters, **filters}, ignore_prepared_report=True)
			self.assertTrue(result["chart"]["data"]["labels"], chart.chart_name)

	def test_chart_labels_of_translated_values(self):
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "zh"
		_columns, _rows, chart = self.report("Feedback Distribution", group_by="feedback_type")
		self.assertIn("问题", chart["data"]["labels"])  # Problem
		self.assertNotIn("Problem", chart["data"]["labels"])
