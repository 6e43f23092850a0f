"""On-site QR code: permission checked on the visit or survey, a fresh link each time (only its hash
stored), the survey linked to the visit, and the QR code drawn on the server."""

from urllib.parse import parse_qs, unquote, urlparse

import frappe
from frappe.desk.notifications import get_open_count
from frappe.tests.utils import FrappeTestCase

from followup_app.surveys.public import find_open_survey
from followup_app.surveys.qr import survey_qr, visit_survey_qr
from followup_app.surveys.sending import create_and_send
from followup_app.surveys.tokens import hash_token
from followup_app.testing.fixtures import make_customer, make_user, make_visit

VISITOR = "qr.visitor@example.com"
OTHER = "qr.other@example.com"
SALES = "qr.sales@example.com"
CSAT = "Customer Satisfaction (CSAT)"


def token_of(link: str) -> str:
	return parse_qs(urlparse(link).query)["t"][0]


class TestSurveyQr(FrappeTestCase):
	def setUp(self):
		make_user(VISITOR, "Followup User")
		make_user(OTHER, "Followup User")
		make_user(SALES, "Sales User")
		self.customer = make_customer("_Test QR Customer").name
		self.visit = make_visit(self.customer, channel="On-site", visitor=VISITOR).name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_the_visitor_shows_a_fresh_link_of_a_survey_linked_to_the_visit(self):
		frappe.set_user(VISITOR)
		shown = visit_survey_qr(self.visit, CSAT)
		survey = frappe.get_doc("Satisfaction Survey", shown["survey"])
		self.assertEqual((survey.channel, survey.status), ("In Visit", "Sent"))
		self.assertEqual((survey.reference_doctype, survey.reference_name), ("Visit Record", self.visit))
		self.assertEqual(survey.customer, self.customer)
		token = token_of(shown["link"])
		self.assertEqual(survey.token_hash, hash_token(token))  # only the hash is stored
		self.assertNotIn(token, frappe.as_json(survey.as_dict()))
		self.assertNotIn(survey.name, shown["link"])
		self.assertEqual(find_open_survey(token).name, survey.name)

		# The QR code is an SVG drawn here.
		prefix = "data:image/svg+xml;charset=utf-8,"
		self.assertTrue(shown["qr"].startswith(prefix))
		self.assertIn("<svg", unquote(shown["qr"][len(prefix) :]))

		# Showing it again: the same survey, a fresh link; the one shown before stops working.
		again = visit_survey_qr(self.visit, CSAT)
		self.assertEqual(again["survey"], survey.name)
		self.assertNotEqual(token_of(again["link"]), token)
		self.assertEqual(
			frappe.db.get_value("Satisfaction Survey", survey.name, "token_hash"),
			hash_token(token_of(again["link"])),
		)
		with self.assertRaises(frappe.DoesNotExistError):
			find_open_survey(token)
		self.assertEqual(frappe.db.count("Satisfaction Survey", {"reference_name": self.visit}), 1)

		# The visit's connections show the survey.
		frappe.set_user("Administrator")
		counts = get_open_count("Visit Record", self.visit)["count"]["external_links_found"]
		self.assertEqual(next(c for c in counts if c["doctype"] == "Satisfaction Survey")["count"], 1)

	def test_only_who_may_write_the_visit_shows_its_qr(self):
		frappe.set_user(OTHER)  # a Followup User who is not the visitor
		with self.assertRaises(frappe.PermissionError):
			visit_survey_qr(self.visit, CSAT)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Satisfaction Survey", {"reference_name": self.visit}))

	def test_only_on_site_visits_and_in_visit_surveys_have_a_qr(self):
		frappe.db.set_value("Visit Record", self.visit, "channel", "Phone")
		frappe.set_user(VISITOR)
		with self.assertRaises(frappe.ValidationError):
			visit_survey_qr(self.visit, CSAT)
		frappe.set_user("Administrator")
		emailed = create_and_send(self.customer, CSAT, "Link")["name"]
		with self.assertRaises(frappe.ValidationError):
			survey_qr(emailed)

	def test_an_in_visit_draft_gets_its_link_by_qr_with_write_permission(self):
		draft = create_and_send(self.customer, CSAT, "In Visit", "Visit Record", self.visit)["name"]
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", draft, "token_hash"))
		for user in (SALES, OTHER):  # may not write it: a Sales User, a Followup User not its visitor
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				survey_qr(draft)
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", draft, "token_hash"))
		frappe.set_user(VISITOR)
		shown = survey_qr(draft)
		survey = frappe.get_doc("Satisfaction Survey", draft)
		self.assertEqual(survey.status, "Sent")
		self.assertEqual(survey.token_hash, hash_token(token_of(shown["link"])))
		self.assertTrue(survey.sent_on and survey.expires_on)

	def test_no_qr_for_a_customer_who_asked_not_to_be_contacted(self):
		frappe.db.set_value("Customer", self.customer, "do_not_contact", 1)
		frappe.set_user(VISITOR)
		with self.assertRaisesRegex(frappe.ValidationError, "asked not to be contacted"):
			visit_survey_qr(self.visit, CSAT)
		self.assertFalse(frappe.db.exists("Satisfaction Survey", {"reference_name": self.visit}))
