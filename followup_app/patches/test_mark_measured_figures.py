"""The patch marks the figures that were really measured, from the data behind them, and leaves the
rest blank; churn risk factors written as sentences become codes."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from followup_app.patches import mark_measured_figures
from followup_app.surveys.public import complete
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer, make_visit

CSAT = "Customer Satisfaction (CSAT)"
NPS = "Net Promoter Score (NPS)"


class TestMarkMeasuredFigures(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def answered(self, customer, template, answers):
		survey = frappe.get_doc("Satisfaction Survey", create_and_send(customer, template, "Link")["name"])
		complete(survey, answers)
		survey.reload()
		return survey

	def customer(self, name):
		return frappe.db.get_value(
			"Customer",
			name,
			[
				"last_nps",
				"last_nps_on",
				"satisfaction_ratings",
				"churn_risk_score",
				"churn_risk_factors",
				"churn_risk_scored_on",
			],
			as_dict=True,
		)

	def test_figures_with_data_are_marked_and_the_rest_stay_blank(self):
		csat_only = make_customer("_Test Patch CSAT Only").name
		self.answered(csat_only, CSAT, {"1": 4, "2": "5", "3": 6})
		promoter = make_customer("_Test Patch Promoter").name
		survey = self.answered(promoter, NPS, {"1": 9})
		rated = make_customer("_Test Patch Rated Visit").name
		make_visit(
			rated,
			status="Completed",
			visit_datetime=survey.completed_on,
			outcome="Satisfied",
			satisfaction=0.8,
		)
		scored = make_customer("_Test Patch Scored").name
		untouched = make_customer("_Test Patch Never Scored").name
		# As the app stored them before: a 0 for every NPS not answered, no companions, sentences.
		frappe.db.sql(
			"update tabCustomer set last_nps_on = null, satisfaction_ratings = 0, churn_risk_scored_on = null"
		)
		frappe.db.set_value("Customer", csat_only, "last_nps", 0)
		frappe.db.set_value(
			"Customer",
			scored,
			{
				"churn_risk_score": 35,
				"churn_risk_factors": "Fewer orders than before: +20\nLower order value than before: +15",
			},
		)

		# What execute() runs after making sure the fields exist (which can alter the table, and so
		# commit: not under test).
		mark_measured_figures.mark_last_nps()
		mark_measured_figures.mark_satisfaction_ratings()
		mark_measured_figures.mark_churn_scores(getdate())

		self.assertEqual(
			(self.customer(csat_only).last_nps_on, self.customer(csat_only).satisfaction_ratings), (None, 1)
		)
		self.assertEqual(
			(self.customer(promoter).last_nps, self.customer(promoter).last_nps_on), (9, survey.completed_on)
		)
		self.assertEqual(self.customer(rated).satisfaction_ratings, 1)
		self.assertEqual(
			(self.customer(scored).churn_risk_scored_on, self.customer(scored).churn_risk_factors),
			(getdate(), "frequency:20\nvalue:15"),
		)
		self.assertEqual(self.customer(scored).churn_risk_score, 35)
		self.assertIsNone(self.customer(untouched).churn_risk_scored_on)

	def test_factors_in_the_language_they_were_written_in_become_codes(self):
		codes = mark_measured_figures.factor_codes()
		zh_recency = frappe._("No purchase for longer than usual", lang="zh")
		self.assertEqual(codes[zh_recency], "recency")
		self.assertEqual(
			mark_measured_figures.parse_factors(f"{zh_recency}: +35\nrecency:5\nSomething else: +3", codes),
			[("recency", 35), ("recency", 5)],
		)
