"""Followup Goal: validation, baseline and evaluation on the KPI dataset, status rules, outcome
notifications (once) and the daily job."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from followup_app.goals.evaluation import evaluate, evaluate_open_goals, report_filters
from followup_app.kpi.digest import digest_figures
from followup_app.kpi.test_definitions import GROUP, VISITOR, KpiDatasetTestCase
from followup_app.testing.fixtures import make_user

OWNER = "goal.owner@example.com"


def make_goal(name: str, metric: str, target: float, start_days: int, end_days: int, **values):
	return frappe.get_doc(
		{
			"doctype": "Followup Goal",
			"goal_name": name,
			"metric": metric,
			"target_value": target,
			"period_start": add_days(nowdate(), start_days),
			"period_end": add_days(nowdate(), end_days),
			"customer_group": GROUP,
			"responsible_user": OWNER,
			**values,
		}
	).insert()


def notifications(goal) -> int:
	return frappe.db.count(
		"Notification Log", {"document_type": "Followup Goal", "document_name": goal.name, "for_user": OWNER}
	)


class TestFollowupGoal(KpiDatasetTestCase):
	def setUp(self):
		super().setUp()
		make_user(OWNER, "Followup Manager")

	def test_progress_and_status_during_the_period(self):
		# Completion is 75 % (3 of 4); the 31 days before the period had no visits: no baseline.
		behind = make_goal("_Test Goal Behind", "Visit Completion Rate", 80, -20, 10)
		self.assertEqual((behind.current_value, behind.baseline_value, behind.progress), (75.0, None, 0))
		self.assertEqual(behind.status, "At Risk")
		self.assertEqual(getdate(behind.baseline_computed_on), getdate())
		self.assertTrue(behind.higher_is_better)
		ahead = make_goal("_Test Goal Ahead", "Visit Completion Rate", 70, -20, 10)
		self.assertEqual((ahead.progress, ahead.status), (100, "On Track"))
		fewer = make_goal("_Test Goal Complaints", "Complaint Rate (per 100 active customers)", 200, -20, 10)
		self.assertEqual((fewer.current_value, fewer.status, fewer.higher_is_better), (150.0, "On Track", 0))
		later = make_goal("_Test Goal Later", "NPS", 30, 5, 30)
		self.assertEqual(
			(later.status, later.current_value, later.baseline_computed_on), ("Not Started", None, None)
		)

	def test_outcomes_are_notified_once(self):
		achieved = make_goal("_Test Goal Points", "Points Issued", 100, -20, 10)
		self.assertEqual(achieved.status, "Achieved")  # a total that reached its target stays reached
		self.assertEqual(notifications(achieved), 1)
		missed = make_goal("_Test Goal Missed", "Visit Completion Rate", 90, -20, -1)
		self.assertEqual(missed.status, "Missed")
		missed.save()
		self.assertEqual(notifications(missed), 1)

	def test_baseline_is_the_period_before(self):
		goal = make_goal("_Test Goal Baseline", "Visit Completion Rate", 90, 5, 20)  # baseline window -11..4
		self.assertIsNone(goal.baseline_value)
		goal.period_start = add_days(nowdate(), 0)
		goal.save()
		self.assertEqual(goal.baseline_value, 75.0)  # the visits of day -10 lie in -20..-1
		self.assertEqual(goal.current_value, None)  # none planned today was completed or missed

	def test_invalid_goals_are_refused(self):
		for metric, target, start, end, values in (
			("Visit Completion Rate", 80, 0, -1, {}),  # ends before it starts
			("Visit Completion Rate", 150, 0, 10, {}),  # a rate above 100
			("NPS", -120, 0, 10, {}),
			("Average Satisfaction (CSAT)", 0, 0, 10, {}),
			("Average Satisfaction (CSAT)", 7, 0, 10, {}),  # CSAT is 1-5
			("Customer Effort", -2, 0, 10, {}),
			("Points Issued", -100, 0, 10, {}),
			("Average Resolution Hours", -8, 0, 10, {}),
			("NPS", 30, 0, 10, {"visitor": VISITOR}),  # surveys are not per visitor
			("No Such KPI", 30, 0, 10, {}),
		):
			with self.assertRaises(frappe.ValidationError):
				make_goal("_Test Goal Invalid", metric, target, start, end, **values)
		self.assertFalse(frappe.db.exists("Followup Goal", "_Test Goal Invalid"))

	def test_nothing_to_measure_is_stored_as_unmeasured_not_zero(self):
		# The 31 days before the period had no visits: the baseline is unknown, not 0 %.
		behind = make_goal("_Test Goal Behind", "Visit Completion Rate", 80, -20, 10)
		later = make_goal("_Test Goal Later", "NPS", 30, 5, 30)
		behind.reload()
		later.reload()
		self.assertEqual((behind.baseline_measured, behind.current_measured), (0, 1))
		self.assertEqual((later.baseline_measured, later.current_measured), (0, 0))
		behind.save()  # evaluated again from the stored record
		self.assertEqual((behind.progress, behind.status), (0, "At Risk"))
		# Nothing measured yet is its own status: not At Risk, not in the digest's goals at risk.
		self.assertEqual((later.status, later.current_measured), ("Not Started", 0))
		evaluate(later, add_days(getdate(), 10))
		self.assertEqual(later.status, "Not Measured")
		later.db_update()
		self.assertNotIn(later.name, [goal.name for goal in digest_figures(getdate())["goals_at_risk"]])
		self.assertIn(later.name, [goal.name for goal in digest_figures(getdate())["goals_not_measured"]])
		digest_goal = next(
			goal for goal in digest_figures(getdate())["goals_at_risk"] if goal.name == behind.name
		)
		self.assertEqual(digest_goal.current_value, 75.0)
		frappe.db.set_value("Followup Goal", behind.name, "current_measured", 0)
		digest_goal = next(
			goal for goal in digest_figures(getdate())["goals_at_risk"] if goal.name == behind.name
		)
		self.assertIsNone(digest_goal.current_value)

	def test_daily_job_updates_open_goals_idempotently(self):
		goal = make_goal("_Test Goal Daily", "Visit Completion Rate", 80, -20, 10)
		missed = frappe.get_all(
			"Visit Record", filters={"customer": self.a, "status": "Missed"}, pluck="name"
		)
		frappe.db.set_value("Visit Record", missed[0], "status", "Completed")
		evaluate_open_goals()
		evaluate_open_goals()
		goal.reload()
		self.assertEqual((goal.current_value, goal.status), (100.0, "On Track"))
		frappe.db.set_single_value("Followup Settings", "enable_goal_evaluation", 0)
		frappe.db.set_value("Visit Record", missed[0], "status", "Missed")
		evaluate_open_goals()
		frappe.db.set_single_value("Followup Settings", "enable_goal_evaluation", 1)
		self.assertEqual(frappe.db.get_value("Followup Goal", goal.name, "current_value"), 100.0)

	def test_report_filters_open_the_goal_in_followup_kpi(self):
		goal = make_goal("_Test Goal Report", "NPS", 30, -20, 10)
		filters = report_filters(goal.name)
		self.assertEqual(filters["metric"], "nps")
		self.assertEqual(filters["customer_group"], GROUP)
		outsider = make_user("goal.outsider@example.com", "Sales User")
		frappe.set_user(VISITOR)  # Followup Users read goals
		self.assertEqual(report_filters(goal.name)["group_by"], "week")
		frappe.set_user(outsider)
		self.assertRaises(frappe.PermissionError, report_filters, goal.name)
