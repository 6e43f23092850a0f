"""Feedback by Department on a hand-built dataset: exact counts, share and trend, blanks with nothing
to measure, the drill-down links, the filters and who may open it."""

from urllib.parse import unquote

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, getdate, nowdate

from followup_app.feedback.test_routing import (
	OWNER,
	VISITOR,
	RoutingTestCase,
	make_category,
	make_department,
)
from followup_app.platform.compat import desk_path
from followup_app.testing.fixtures import make_survey

REPORT = "Feedback by Department"


class TestFeedbackByDepartment(RoutingTestCase):
	def setUp(self):
		super().setUp()
		self.today = getdate(nowdate())
		self.packaging = make_category(
			"_Test Routing Packaging", department=self.department, owner_user=OWNER
		)
		this = self.complete(
			[
				("Problem", self.quality, "Scratched"),
				("Suggestion", self.quality, "Pack better"),
				("Request", self.packaging, "Foam inserts"),
				("Praise", self.quality, "Friendly"),
				("Need", self.quality, "Second unit"),
			]
		)
		before = self.complete(
			[("Problem", self.quality, "Dead pixel"), ("Problem", self.quality, "Cracked")]
		)
		long_ago = self.complete([("Problem", self.quality, "Old")])
		for visit, days in ((this, 1), (before, 12), (long_ago, 30)):
			frappe.db.set_value(
				"Visit Record", visit.name, "visit_datetime", f"{add_days(self.today, -days)} 10:00:00"
			)
		template = frappe.get_doc(
			{
				"doctype": "Survey Template",
				"template_name": f"_Test Routing Report {frappe.generate_hash(length=5)}",
				"enabled": 1,
				"questions": [{"question": "Anything else?", "question_type": "Text"}],
			}
		).insert()
		survey = make_survey(self.customer, template.name, "Phone")
		survey.answers[0].answer_text = "Boxes arrive crushed"
		survey.save()
		survey.complete_in_desk()
		survey.reload()
		survey.answers[0].category = self.packaging
		survey.save()
		frappe.db.set_value(
			"Satisfaction Survey", survey.name, "completed_on", f"{add_days(self.today, -2)} 09:00:00"
		)
		self.filters = {
			"from_date": str(add_days(self.today, -9)),
			"to_date": str(self.today),
			"department": self.department,
		}

	def rows(self, **filters) -> dict:
		result = run(REPORT, {**self.filters, **filters}, ignore_prepared_report=True)
		return {row["category"]: row for row in result["result"]}

	def test_exact_figures(self):
		rows = self.rows()
		self.assertEqual(set(rows), {self.quality, self.packaging})
		quality, packaging = rows[self.quality], rows[self.packaging]
		self.assertEqual(
			[quality[key] for key in ("problems", "requests", "suggestions", "survey_answers", "items")],
			[1, 0, 1, 0, 2],
		)
		self.assertEqual((quality["share"], quality["previous_items"], quality["trend"]), (50.0, 2, 0.0))
		self.assertEqual(
			[packaging[key] for key in ("problems", "requests", "suggestions", "survey_answers", "items")],
			[0, 1, 0, 1, 2],
		)
		self.assertEqual(packaging["share"], 50.0)
		self.assertEqual(packaging["previous_items"], 0)
		self.assertIsNone(packaging["trend"], "no previous items: the trend is blank, not 0")
		self.assertEqual(quality["department"], self.department)

	def test_previous_period_and_trend(self):
		rows = self.rows(from_date=str(add_days(self.today, -12)), to_date=str(add_days(self.today, -3)))
		quality = rows[self.quality]
		self.assertEqual((quality["problems"], quality["items"], quality["previous_items"]), (2, 2, 0))
		self.assertIsNone(quality["trend"])
		# Today only: nothing yet, yesterday's visit is the previous period.
		rows = self.rows(from_date=str(self.today), to_date=str(self.today))
		quality = rows[self.quality]
		self.assertEqual((quality["items"], quality["previous_items"], quality["trend"]), (0, 2, -100.0))
		self.assertIsNone(quality["share"], "no items in the period: no share")
		self.assertEqual(rows[self.packaging]["previous_items"], 1)

	def test_drilldown_links_to_the_records(self):
		links = self.rows()[self.quality]["_links"]
		problems = unquote(links["problems"])
		self.assertTrue(problems.startswith(desk_path("visit-record?")), problems)
		self.assertIn(f"Visit Feedback Item.category={self.quality}", problems)
		self.assertIn("Visit Feedback Item.feedback_type=Problem", problems)
		self.assertIn("status=Completed", problems)
		surveys = unquote(self.rows()[self.packaging]["_links"]["survey_answers"])
		self.assertTrue(surveys.startswith(desk_path("satisfaction-survey?")), surveys)
		self.assertIn(f"Survey Answer.category={self.packaging}", surveys)

	def test_filters(self):
		self.assertEqual(set(self.rows(category=self.packaging)), {self.packaging})
		company = frappe.db.get_value("Department", self.department, "company")
		self.assertEqual(set(self.rows(company=company)), {self.quality, self.packaging})
		self.assertEqual(self.rows(department=make_department("_Test Routing Empty")), {})
		with self.assertRaises(frappe.ValidationError):
			self.rows(from_date=str(self.today), to_date=str(add_days(self.today, -1)))

	def test_a_followup_user_opens_it_and_counts_their_own_visits(self):
		frappe.set_user(VISITOR)
		self.assertEqual(self.rows()[self.quality]["items"], 2)
		frappe.set_user(OWNER)
		rows = self.rows()
		self.assertEqual(set(rows), {self.packaging}, "another visitor's visits are not counted")
		self.assertEqual((rows[self.packaging]["survey_answers"], rows[self.packaging]["items"]), (1, 1))

	def test_a_user_without_the_apps_roles_may_not(self):
		from followup_app.testing.fixtures import make_user

		make_user("routing.nobody@example.com", "Accounts User")
		frappe.set_user("routing.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			self.rows()
