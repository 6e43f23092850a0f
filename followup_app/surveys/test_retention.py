"""Survey text retention: Keep Survey Text (Days), the nightly step and its count."""

import frappe
from frappe.query_builder.functions import Max
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime, nowdate

from followup_app.core.chunks import Span
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.surveys.public import complete
from followup_app.surveys.retention import clear_survey_text
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer
from followup_app.testing.mail import OutgoingMailTestMixin

CSAT = "Customer Satisfaction (CSAT)"
OTHER_STEPS = (
	"enable_customer_refresh",
	"enable_missed_visits",
	"enable_visit_planning",
	"enable_points_expiry",
	"enable_survey_expiry",
	"enable_survey_reminders",
)


class TestSurveyTextRetention(OutgoingMailTestMixin, FrappeTestCase):
	def setUp(self):
		self.customer = make_customer("_Test Retention Customer", email_id="retention@example.com").name
		self.old = self.answered(days_ago=40, text="Please call my assistant Ms Zhao on 139 0000 1111")
		self.recent = self.answered(days_ago=10, text="Delivery was fine")
		self.blank = self.answered(days_ago=40, text=None)
		# This customer alone, whatever else the site holds (the span of a chunk of one customer).
		customer = frappe.qb.DocType("Customer")
		before = (
			frappe.qb.from_(customer)
			.select(Max(customer.name))
			.where(customer.name < self.customer)
			.run()[0][0]
		)
		self.span = Span(after=before, last=self.customer)

	def tearDown(self):
		frappe.db.rollback()

	def answered(self, days_ago: int, text: str | None) -> str:
		survey = frappe.get_doc("Satisfaction Survey", create_and_send(self.customer, CSAT, "Email")["name"])
		answers = {"1": 4, "2": "5", "3": 6}
		if text:
			answers["4"] = text
		complete(survey, answers)
		frappe.db.set_value(
			"Satisfaction Survey", survey.name, "completed_on", add_days(now_datetime(), -days_ago)
		)
		return survey.name

	def answers(self, survey: str) -> list[tuple]:
		return [
			(row.question_type, row.answer_value, row.answer_text)
			for row in frappe.get_doc("Satisfaction Survey", survey).answers
		]

	def test_text_is_kept_for_ever_by_default(self):
		frappe.db.set_single_value("Followup Settings", "keep_survey_text_days", 0)
		self.assertEqual(clear_survey_text(nowdate(), self.span), 0)
		self.assertEqual(self.answers(self.old)[-1][2], "Please call my assistant Ms Zhao on 139 0000 1111")

	def test_text_answers_older_than_the_setting_are_cleared_once(self):
		frappe.db.set_single_value("Followup Settings", "keep_survey_text_days", 30)
		before = {name: self.answers(name) for name in (self.old, self.recent, self.blank)}
		scores = frappe.db.get_value("Satisfaction Survey", self.old, ["csat", "ces", "overall_score"])
		self.assertEqual(clear_survey_text(nowdate(), self.span), 1)
		self.assertEqual(
			self.answers(self.old),
			[(*row[:2], None if row[0] == "Text" else row[2]) for row in before[self.old]],
		)
		self.assertEqual(self.answers(self.recent), before[self.recent])
		self.assertEqual(self.answers(self.blank), before[self.blank])
		self.assertEqual(
			frappe.db.get_value("Satisfaction Survey", self.old, ["csat", "ces", "overall_score"]), scores
		)
		self.assertEqual(clear_survey_text(nowdate(), self.span), 0)  # idempotent

	def test_another_span_is_left_alone(self):
		frappe.db.set_single_value("Followup Settings", "keep_survey_text_days", 30)
		self.assertEqual(clear_survey_text(nowdate(), Span(after=self.customer, last=self.customer)), 0)
		self.assertEqual(
			self.answers(self.old)[-1][0:3:2], ("Text", "Please call my assistant Ms Zhao on 139 0000 1111")
		)

	def test_nightly_step_records_its_count(self):
		frappe.db.set_single_value(
			"Followup Settings", {**dict.fromkeys(OTHER_STEPS, 0), "keep_survey_text_days": 30}
		)
		result = run_customer_steps(self.span, nowdate())
		self.assertEqual(result.counts["survey_text"], {"cleared": 1})
		self.assertEqual(run_customer_steps(self.span, nowdate()).counts["survey_text"], {"cleared": 0})
		frappe.db.set_single_value("Followup Settings", "keep_survey_text_days", 0)
		self.assertNotIn("survey_text", run_customer_steps(self.span, nowdate()).counts)
