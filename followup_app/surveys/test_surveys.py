"""Integration tests of surveys: sending, scoring, completion effects, staff entry, expiry."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime

from followup_app.surveys.expiry import expire_surveys
from followup_app.surveys.public import complete
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer, make_survey, make_user
from followup_app.testing.mail import OutgoingMailTestMixin, mail_text

CSAT = "Customer Satisfaction (CSAT)"
NPS = "Net Promoter Score (NPS)"
MANAGER = "survey.am@example.com"


class TestSurveys(OutgoingMailTestMixin, FrappeTestCase):
	def setUp(self):
		make_user(MANAGER, "Followup User")
		frappe.db.set_single_value("Followup Settings", {"points_per_survey": 10, "survey_expiry_days": 14})
		self.customer = make_customer(
			"_Test Survey Customer", email_id="survey.customer@example.com", account_manager=MANAGER
		).name

	def tearDown(self):
		frappe.db.rollback()

	def sent(self, template=CSAT, channel="Email"):
		return frappe.get_doc(
			"Satisfaction Survey", create_and_send(self.customer, template, channel)["name"]
		)

	def test_sending_issues_a_hashed_expiring_link_by_email(self):
		result = create_and_send(self.customer, CSAT, "Email")
		survey = frappe.get_doc("Satisfaction Survey", result["name"])
		token = result["link"].split("t=")[1]
		self.assertGreaterEqual(len(token), 22)  # 128 bits or more, URL-safe
		self.assertNotIn(survey.name, result["link"])
		self.assertEqual(len(survey.token_hash), 64)
		self.assertNotEqual(survey.token_hash, token)
		self.assertEqual(survey.status, "Sent")
		self.assertEqual(
			get_datetime(survey.expires_on).date(), get_datetime(add_days(survey.sent_on, 14)).date()
		)
		mail = frappe.get_last_doc("Email Queue", {"reference_name": survey.name})
		self.assertIn(token, mail_text(mail.message))
		self.assertEqual(len(survey.answers), 4)

	def test_do_not_contact_customer_gets_no_survey(self):
		frappe.db.set_value("Customer", self.customer, "do_not_contact", 1)
		with self.assertRaises(frappe.ValidationError):
			create_and_send(self.customer, CSAT, "Email")
		self.assertFalse(
			frappe.db.exists("Satisfaction Survey", {"customer": self.customer, "status": "Sent"})
		)

	def test_sms_needs_a_configured_gateway(self):
		frappe.db.set_value("Customer", self.customer, "mobile_no", "+8613800000000")
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		survey = make_survey(self.customer, CSAT, "SMS")
		self.assertEqual(survey.mobile_no, "+8613800000000")
		with self.assertRaisesRegex(frappe.ValidationError, "SMS"):
			survey.send()
		self.assertEqual(frappe.db.get_value("Satisfaction Survey", survey.name, "status"), "Draft")

	def test_completion_scores_and_updates_the_customer_once(self):
		survey = self.sent()
		complete(survey, {"1": 4, "2": "5", "3": 6, "4": "Faster delivery please"})
		survey.reload()
		self.assertEqual((survey.csat, survey.ces, survey.status), (4.5, 6, "Completed"))
		self.assertEqual(survey.overall_score, 86.11)  # (3/4 + 1 + 5/6) / 3
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "avg_satisfaction"), 4.5)
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 10)
		survey.save()
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "loyalty_points_balance"), 10)

	def test_a_customer_shows_only_figures_it_has_answers_for(self):
		customer = frappe.db.get_value(
			"Customer", self.customer, ["last_nps_on", "satisfaction_ratings"], as_dict=True
		)
		self.assertEqual((customer.last_nps_on, customer.satisfaction_ratings), (None, 0))
		complete(self.sent(), {"1": 4, "2": "5", "3": 6})  # CSAT only: no NPS answer
		customer = frappe.db.get_value(
			"Customer",
			self.customer,
			["last_nps_on", "satisfaction_ratings", "avg_satisfaction"],
			as_dict=True,
		)
		self.assertIsNone(customer.last_nps_on)  # no Last NPS of 0 (a Detractor score)
		self.assertEqual((customer.satisfaction_ratings, customer.avg_satisfaction), (1, 4.5))
		survey = self.sent(NPS)
		complete(survey, {"1": 0})
		customer = frappe.db.get_value("Customer", self.customer, ["last_nps", "last_nps_on"], as_dict=True)
		survey.reload()
		self.assertEqual((customer.last_nps, customer.last_nps_on), (0, survey.completed_on))

	def test_recovery_task_is_written_in_the_account_manager_language(self):
		frappe.db.set_value("User", MANAGER, "language", "zh")
		frappe.db.set_value("Customer", self.customer, "customer_name", "_Test Survey Customer")
		survey = self.sent(NPS)
		complete(survey, {"1": 2})
		description = frappe.db.get_value("ToDo", {"reference_name": survey.name}, "description")
		self.assertIn("_Test Survey Customer", description)
		self.assertEqual(
			description,
			frappe._("Unhappy customer {0}: call back and recover the relationship", lang="zh").format(
				"_Test Survey Customer"
			),
		)
		self.assertNotIn("Unhappy customer", description)

	def test_detractor_gets_a_recovery_task_and_optionally_a_complaint(self):
		frappe.db.set_single_value("Followup Settings", "complaint_on_detractor", 1)
		survey = self.sent(NPS)
		complete(survey, {"1": 3, "2": "Too slow"})
		survey.reload()
		self.assertEqual((survey.nps_score, survey.nps_category), (3, "Detractor"))
		self.assertEqual(frappe.db.get_value("Customer", self.customer, "last_nps"), 3)
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": survey.name, "allocated_to": MANAGER, "status": "Open"}
			)
		)
		self.assertTrue(
			frappe.db.exists("Complaint", {"reference_name": survey.name, "customer": self.customer})
		)

	def test_promoter_gets_no_recovery_task(self):
		survey = self.sent(NPS)
		complete(survey, {"1": 10})
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": survey.name}))

	def test_invalid_answers_store_nothing(self):
		survey = self.sent()
		for answers in (
			{"1": 4, "2": 5},
			{"1": 6, "2": 5, "3": 6},
			{"1": 4.5, "2": 5, "3": 6},
			{"1": 4, "2": 5, "3": "x"},
		):
			with self.assertRaises(frappe.ValidationError):
				complete(frappe.get_doc("Satisfaction Survey", survey.name), answers)
			self.assertEqual(frappe.db.get_value("Satisfaction Survey", survey.name, "status"), "Sent")

	def test_staff_complete_a_phone_survey_in_the_desk(self):
		survey = self.sent(NPS, channel="Phone")
		self.assertEqual(survey.status, "Draft")
		survey.answers[0].answer_value = 9
		survey.answers[1].answer_text = "Good people"
		survey.save()
		survey.complete_in_desk()
		survey.reload()
		self.assertEqual((survey.status, survey.nps_category), ("Completed", "Promoter"))

	def test_expiry_job_marks_overdue_sent_surveys_once(self):
		survey = self.sent()
		frappe.db.set_value(
			"Satisfaction Survey", survey.name, "expires_on", add_to_date(now_datetime(), hours=-1)
		)
		self.assertGreaterEqual(expire_surveys(), 1)
		self.assertEqual(frappe.db.get_value("Satisfaction Survey", survey.name, "status"), "Expired")
		self.assertEqual(expire_surveys(), 0)

	def test_template_rules(self):
		template = frappe.get_doc(
			{
				"doctype": "Survey Template",
				"template_name": "_Test Template",
				"questions": [{"question": "Pick", "question_type": "Single Choice", "options": "Only one"}],
			}
		)
		self.assertRaises(frappe.ValidationError, template.insert)
		template.questions[0].options = "Yes\nNo"
		template.append("questions", {"question": "NPS", "question_type": "NPS 0-10"})
		template.append("questions", {"question": "NPS again", "question_type": "NPS 0-10"})
		self.assertRaises(frappe.ValidationError, template.insert)

	def test_post_sale_survey_on_invoice_submit(self):
		from followup_app.testing.fixtures import make_invoice

		frappe.db.set_single_value(
			"Followup Settings", {"enable_post_sale_survey": 1, "post_sale_survey_template": CSAT}
		)
		invoice = make_invoice(self.customer)
		self.assertTrue(
			frappe.db.exists("Satisfaction Survey", {"reference_name": invoice.name, "status": "Sent"})
		)

	def test_customer_connections_show_surveys(self):
		data = frappe.get_meta("Customer").get_dashboard_data()
		self.assertTrue(any("Satisfaction Survey" in group["items"] for group in data.transactions))


class TestBulkSurveys(OutgoingMailTestMixin, FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_bulk_send_reaches_contactable_customers_only(self):
		from followup_app.surveys.bulk import send_to_customers

		for name, values in (
			("_Test Bulk A", {"email_id": "bulk.a@example.com"}),
			("_Test Bulk B", {"email_id": "bulk.b@example.com", "do_not_contact": 1}),
			("_Test Bulk C", {}),
		):
			make_customer(name, **values)
		frappe.set_user(make_user("bulk.manager@example.com", "Followup Manager"))
		send_to_customers(CSAT, "Email", {"name": ("like", "_Test Bulk %")})
		frappe.set_user("Administrator")
		surveys = frappe.get_all(
			"Satisfaction Survey",
			filters={"customer": ("like", "_Test Bulk %")},
			fields=["customer", "status"],
		)
		self.assertEqual([(row.customer, row.status) for row in surveys], [("_Test Bulk A", "Sent")])

	def test_only_managers_send_in_bulk(self):
		from followup_app.surveys.bulk import send_to_customers

		frappe.set_user(make_user("bulk.user@example.com", "Followup User"))
		self.assertRaises(frappe.PermissionError, send_to_customers, CSAT, "Email", {})
