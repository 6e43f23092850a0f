"""The daily survey reminder: once, by the survey's channel, with a link of its own; never to opted-out
customers, answered surveys or links about to expire; batched; counted in Customer Satisfaction."""

from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from followup_app.core.chunks import Span
from followup_app.kpi.test_definitions import make_group
from followup_app.platform.compat import desk_path
from followup_app.scheduling.nightly import run_customer_steps
from followup_app.surveys import reminders
from followup_app.surveys.one_click import record_first_answer
from followup_app.surveys.public import complete, find_open_survey
from followup_app.surveys.reminders import send_survey_reminders
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer
from followup_app.testing.mail import OutgoingMailTestMixin, mail_text

NPS = "Net Promoter Score (NPS)"
CSAT = "Customer Satisfaction (CSAT)"
GROUP = "_Test Reminder Group"  # the report counts this test's customer alone


class TestSurveyReminders(OutgoingMailTestMixin, FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value(
			"Followup Settings",
			{"enable_survey_reminders": 1, "survey_reminder_days": 3, "survey_expiry_days": 14},
		)
		make_group(GROUP, "All Customer Groups")
		self.customer = make_customer(
			"_Test Reminded", email_id="reminded@example.com", customer_group=GROUP
		).name
		# Surveys of other tests or data on the site stay out of the counts.
		survey = frappe.qb.DocType("Satisfaction Survey")
		frappe.qb.update(survey).set(survey.reminder_sent_on, now_datetime()).where(
			survey.status == "Sent"
		).where(survey.reminder_sent_on.isnull()).run()

	def tearDown(self):
		frappe.db.rollback()

	def sent(self, days_ago: float = 4, template=NPS, channel="Email", customer=None) -> str:
		"""A survey sent `days_ago` days ago, its link working for the usual 14 days from then."""
		result = create_and_send(customer or self.customer, template, channel)
		sent_on = add_to_date(now_datetime(), days=-days_ago)
		frappe.db.set_value(
			"Satisfaction Survey",
			result["name"],
			{"sent_on": sent_on, "expires_on": add_days(sent_on, 14)},
			update_modified=False,
		)
		return result["name"]

	def reminder_mails(self, name: str) -> list:
		return frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Satisfaction Survey", "reference_name": name},
			fields=["message"],
			order_by="creation asc",
		)[1:]  # the first is the survey itself

	def test_a_due_survey_is_reminded_once_with_a_link_of_its_own(self):
		name = self.sent()
		first_link_hash = frappe.db.get_value("Satisfaction Survey", name, "token_hash")
		self.assertEqual(send_survey_reminders(), 1)
		survey = frappe.get_doc("Satisfaction Survey", name)
		self.assertTrue(survey.reminder_sent_on)
		self.assertEqual(len(survey.reminder_token_hash), 64)
		self.assertEqual(survey.token_hash, first_link_hash)  # the first link keeps working
		mails = self.reminder_mails(name)
		self.assertEqual(len(mails), 1)
		text = mail_text(mails[0].message)
		self.assertIn("This is our only reminder", text)
		links = [word for word in text.replace('"', " ").split() if "/survey?t=" in word]
		token = parse_qs(urlparse(links[0].replace("&amp;", "&")).query)["t"][0]
		self.assertEqual(find_open_survey(token).name, name)  # the reminder's link opens the survey
		self.assertIn("&amp;a=10", text)  # with the one-click buttons

		self.assertEqual(send_survey_reminders(), 0)  # never twice
		self.assertEqual(len(self.reminder_mails(name)), 1)

	def test_who_gets_no_reminder(self):
		too_early = self.sent(days_ago=2)
		expiring = self.sent()
		frappe.db.set_value(
			"Satisfaction Survey", expiring, "expires_on", add_to_date(now_datetime(), hours=20)
		)
		answered = self.sent()
		complete(frappe.get_doc("Satisfaction Survey", answered), {"1": 8})
		clicked = self.sent()
		record_first_answer(frappe.get_doc("Satisfaction Survey", clicked), "7")
		shared = self.sent(channel="Link")
		opted_out = self.sent(customer=make_customer("_Test Opted Out", email_id="out@example.com").name)
		frappe.db.set_value("Customer", "_Test Opted Out", "do_not_contact", 1)
		due = self.sent()

		self.assertEqual(send_survey_reminders(), 1)
		reminded = set(
			frappe.get_all(
				"Satisfaction Survey",
				filters={
					"reminder_sent_on": ("is", "set"),
					"customer": ("in", [self.customer, "_Test Opted Out"]),
				},
				pluck="name",
			)
		)
		self.assertEqual(reminded, {due})
		for name in (too_early, expiring, answered, clicked, shared, opted_out):
			self.assertEqual(self.reminder_mails(name), [], name)

	def test_reminders_go_by_sms_for_sms_surveys(self):
		frappe.db.set_value("Customer", self.customer, "mobile_no", "+8613800000001")
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "http://127.0.0.1:9/sms")
		with patch("frappe.core.doctype.sms_settings.sms_settings.send_sms") as send_sms:
			name = self.sent(channel="SMS")
			send_sms.reset_mock()
			self.assertEqual(send_survey_reminders(), 1)
		(numbers, text), _kwargs = send_sms.call_args
		self.assertEqual(numbers, ["+8613800000001"])
		self.assertIn("/survey?t=", text)
		self.assertTrue(frappe.db.get_value("Satisfaction Survey", name, "reminder_sent_on"))

	def test_a_failed_reminder_is_logged_and_tried_again_the_next_day(self):
		name = self.sent()
		with patch.object(reminders, "email_survey", side_effect=OSError("mail server down")):
			self.assertEqual(send_survey_reminders(), 0)
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", name, "reminder_sent_on"))
		self.assertTrue(frappe.db.exists("Error Log", {"reference_name": name}))
		self.assertEqual(send_survey_reminders(), 1)

	def test_the_reminder_is_batched(self):
		"""Queries do not grow with the surveys reminded (sending itself aside)."""

		send_survey_reminders()  # settings and the company read once, before counting

		def queries(count: int) -> int:
			for _ in range(count):
				self.sent(template=CSAT)
			before = frappe.db.sql("show session status like 'Questions'")[0][1]
			with patch.object(reminders, "email_survey"):
				self.assertEqual(send_survey_reminders(), count)
			return int(frappe.db.sql("show session status like 'Questions'")[0][1]) - int(before)

		self.assertEqual(queries(2), queries(6))

	def test_the_scheduled_job_follows_its_toggle(self):
		name = self.sent()
		frappe.db.set_single_value("Followup Settings", "enable_survey_reminders", 0)
		run_customer_steps(Span(), nowdate())
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", name, "reminder_sent_on"))
		frappe.db.set_single_value("Followup Settings", "enable_survey_reminders", 1)
		run_customer_steps(Span(), nowdate())
		self.assertTrue(frappe.db.get_value("Satisfaction Survey", name, "reminder_sent_on"))

	def test_customer_satisfaction_shows_response_rates_by_channel_and_template(self):
		email_reminded = self.sent()
		self.sent()
		send_survey_reminders()  # both are reminded
		complete(frappe.get_doc("Satisfaction Survey", email_reminded), {"1": 9})
		self.sent(channel="Link", template=CSAT)
		filters = {
			"from_date": add_days(nowdate(), -10),
			"to_date": nowdate(),
			"customer_group": GROUP,
		}
		rows = {
			row["group"]: row
			for row in run(
				"Customer Satisfaction", {**filters, "group_by": "channel"}, ignore_prepared_report=True
			)["result"]
		}
		email, link = rows["Email"], rows["Link"]
		self.assertEqual(
			(
				email["survey_response_rate_denominator"],
				email["survey_response_rate"],
				email["answered_after_reminder_denominator"],
				email["answered_after_reminder_numerator"],
			),
			(2, 50.0, 2, 1),
		)
		self.assertEqual((link["survey_response_rate_denominator"], link["survey_response_rate"]), (1, 0.0))

		result = run(
			"Customer Satisfaction", {**filters, "group_by": "survey_template"}, ignore_prepared_report=True
		)
		by_template = {row["group"]: row for row in result["result"]}
		self.assertEqual(by_template[NPS]["survey_response_rate"], 50.0)
		self.assertEqual(by_template[CSAT]["survey_response_rate"], 0.0)
		chart = result["chart"]["data"]["datasets"][0]["name"]
		self.assertEqual(chart, frappe._("Survey Response Rate"))

	def test_figures_by_channel_drill_down_to_their_surveys(self):
		self.sent()
		send_survey_reminders()
		filters = {"from_date": add_days(nowdate(), -10), "to_date": nowdate(), "group_by": "channel"}
		row = next(
			row
			for row in run("Customer Satisfaction", filters, ignore_prepared_report=True)["result"]
			if row["group"] == "Email"
		)
		link = urlparse(row["_links"]["answered_after_reminder_denominator"])
		self.assertEqual(link.path, desk_path("satisfaction-survey"))
		query = {key: values[0] for key, values in parse_qs(link.query).items()}
		self.assertEqual(query["channel"], "Email")
		self.assertEqual(query["reminder_sent_on"], '["is","set"]')
		self.assertIn("sent_on", query)
		answered = parse_qs(urlparse(row["_links"]["answered_after_reminder_numerator"]).query)
		self.assertEqual(answered["status"], ["Completed"])
