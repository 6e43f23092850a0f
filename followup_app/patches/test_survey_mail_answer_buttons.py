"""Upgrading the shipped survey Email Templates to the answer buttons, unless an admin edited them."""

import frappe
from frappe.tests.utils import FrappeTestCase

from followup_app.patches import survey_mail_answer_buttons
from followup_app.setup.default_records import DEFAULT_EMAIL_TEMPLATES


class TestSurveyMailAnswerButtons(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_shipped_bodies_get_the_buttons_and_edited_ones_stay(self):
		english, chinese = "Satisfaction Survey", "Satisfaction Survey (zh)"
		edited = "<p>{{ customer_name }}, our own words: {{ link }}</p>"
		frappe.db.set_value(
			"Email Template", english, "response_html", survey_mail_answer_buttons.PREVIOUS[english]
		)
		frappe.db.set_value("Email Template", chinese, "response_html", edited)
		survey_mail_answer_buttons.execute()
		body = frappe.db.get_value("Email Template", english, "response_html")
		self.assertEqual(body, DEFAULT_EMAIL_TEMPLATES[english][1])
		self.assertIn("{{ answer_buttons }}", body)
		self.assertEqual(frappe.db.get_value("Email Template", chinese, "response_html"), edited)
