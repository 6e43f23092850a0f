"""Answering from the message, over real HTTP requests: the email's buttons, the answer recorded once,
the rest finished on the page, replays refused, and a survey left at one click when its link expires.

Uses committed records, because requests run on their own database connection.
"""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, get_test_client, now_datetime

from followup_app.surveys.completion import completion_job_id
from followup_app.surveys.expiry import expire_surveys
from followup_app.surveys.sending import create_and_send
from followup_app.surveys.tokens import hash_token
from followup_app.testing.fixtures import delete_committed_customer, make_customer
from followup_app.testing.jobs import finish_queued_jobs
from followup_app.testing.mail import OutgoingMailTestMixin, mail_text

CUSTOMER = "_Test One Click"
NPS = "Net Promoter Score (NPS)"
NPS_ZH = "净推荐值调查 (NPS)"
CSAT = "Customer Satisfaction (CSAT)"
METHOD = "/api/method/followup_app.surveys.public."


class TestOneClick(OutgoingMailTestMixin, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_customer(CUSTOMER, email_id="one.click@example.com")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		surveys = frappe.get_all("Satisfaction Survey", filters={"customer": CUSTOMER}, pluck="name")
		finish_queued_jobs(*map(completion_job_id, surveys))
		delete_committed_customer(CUSTOMER)
		super().tearDownClass()

	def setUp(self):
		for method in ("submit", "answer_first"):
			frappe.cache.delete_keys(f"rl:followup_app.surveys.public.{method}")

	def emailed(self, template=NPS) -> tuple[str, dict[int, str]]:
		"""Send a survey by email; its name and the links of the email's buttons by answer."""
		name = create_and_send(CUSTOMER, template, "Email")["name"]
		frappe.db.commit()
		html = mail_text(frappe.get_last_doc("Email Queue", {"reference_name": name}).message)
		buttons = {}
		for href in re.findall(r'href="([^"]*&amp;a=\d+|[^"]*&a=\d+)"', html):
			link = unescape(href)
			buttons[int(parse_qs(urlparse(link).query)["a"][0])] = link
		return name, buttons

	def token(self, link: str) -> str:
		return parse_qs(urlparse(link).query)["t"][0]

	def post(self, method: str, data: dict):
		return make_request(target=get_test_client().post, args=(METHOD + method,), kwargs={"data": data})

	def page(self, link: str):
		parsed = urlparse(link)
		return make_request(target=get_test_client().get, args=(f"{parsed.path}?{parsed.query}",))

	def fresh(self, name: str):
		frappe.db.rollback()  # see what the requests committed
		return frappe.get_doc("Satisfaction Survey", name)

	def test_the_email_carries_one_button_per_answer_of_the_first_scale_question(self):
		name, buttons = self.emailed()
		self.assertEqual(sorted(buttons), list(range(11)))
		tokens = {self.token(link) for link in buttons.values()}
		self.assertEqual(len(tokens), 1)  # every button is the survey's own secret link
		self.assertEqual(hash_token(tokens.pop()), self.fresh(name).token_hash)
		html = mail_text(frappe.get_last_doc("Email Queue", {"reference_name": name}).message)
		self.assertIn("How likely are you to recommend us to a friend or colleague?", html)
		self.assertIn("Not likely", html)
		self.assertIn("<table", html)
		self.assertNotIn("<script", html)
		self.assertNotIn(name, "".join(buttons.values()))

		# A CSAT survey: the first 1-5 rating, with its scale ends.
		_name, buttons = self.emailed(CSAT)
		self.assertEqual(sorted(buttons), [1, 2, 3, 4, 5])

	def test_a_zh_survey_mail_is_in_chinese(self):
		name, buttons = self.emailed(NPS_ZH)
		self.assertEqual(sorted(buttons), list(range(11)))
		html = mail_text(frappe.get_last_doc("Email Queue", {"reference_name": name}).message)
		self.assertIn("您有多大可能把我们推荐给朋友或同事?", html)
		self.assertIn(frappe._("Not likely", lang="zh"), html)
		self.assertIn(frappe._("Very likely", lang="zh"), html)
		self.assertIn("填写问卷", html)

	def test_one_click_is_recorded_once_the_rest_can_be_finished_then_the_link_closes(self):
		name, buttons = self.emailed()
		token = self.token(buttons[9])

		# Opening the button's link shows 9 picked; the page then posts it.
		page = self.page(buttons[9])
		self.assertEqual(page.status_code, 200)
		self.assertRegex(page.get_data(as_text=True), r'value="9"[^>]*checked')
		self.assertIsNone(self.fresh(name).first_answer_on)  # opening alone records nothing
		self.assertNotRegex(page.get_data(as_text=True), r'id="saved"[^>]*style=')  # nothing saved yet

		response = self.post("answer_first", {"token": token, "answer": "9"})
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.assertEqual(response.json["message"], {"answer": 9})
		survey = self.fresh(name)
		answered_on = survey.first_answer_on
		self.assertTrue(answered_on)
		self.assertEqual((survey.status, survey.nps_score, survey.nps_category), ("Sent", 9, "Promoter"))
		self.assertEqual(survey.answers[0].answer_value, 9)

		# A second click (another button) or a replay records nothing more.
		for answer in ("3", "9"):
			again = self.post("answer_first", {"token": token, "answer": answer})
			self.assertEqual(again.json["message"], {"answer": 9})
		survey = self.fresh(name)
		self.assertEqual((survey.first_answer_on, survey.nps_score), (answered_on, 9))
		self.assertEqual(survey.answers[0].answer_value, 9)
		# The page opened from another button shows the stored answer, and says it is saved.
		html = self.page(buttons[3]).get_data(as_text=True)
		self.assertRegex(html, r'value="9"[^>]*checked')
		self.assertNotRegex(html, r'value="3"[^>]*checked')
		self.assertRegex(html, r'id="saved"[^>]*style="display: block">Thank you, your answer is saved')

		# The rest of the survey is still open, and finishing it completes the survey.
		done = self.post("submit", {"token": token, "answers": json.dumps({"1": 9, "2": "Fast delivery"})})
		self.assertEqual(done.status_code, 200, done.get_data(as_text=True))
		survey = self.fresh(name)
		self.assertEqual((survey.status, survey.answers[1].answer_text), ("Completed", "Fast delivery"))

		# Then the link is closed, for the buttons and the page alike.
		self.assertEqual(self.post("answer_first", {"token": token, "answer": "9"}).status_code, 410)
		self.assertEqual(self.page(buttons[10]).status_code, 410)
		finish_queued_jobs(completion_job_id(name))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Loyalty Points", {"reference_name": name, "docstatus": 1}), 1)

	def test_answers_off_the_scale_and_guessed_tokens_record_nothing(self):
		name, buttons = self.emailed()
		token = self.token(buttons[0])
		for answer in ("11", "-1", "9.5", "x", ""):
			response = self.post("answer_first", {"token": token, "answer": answer})
			self.assertGreaterEqual(response.status_code, 400, answer)
		self.assertEqual(self.post("answer_first", {"token": name, "answer": "9"}).status_code, 404)
		# A page opened with an answer off the scale picks nothing.
		html = self.page(buttons[0].replace("&a=0", "&a=12")).get_data(as_text=True)
		self.assertNotRegex(html, r"<input[^>]* checked")
		self.assertIsNone(self.fresh(name).first_answer_on)

	def test_a_survey_left_at_one_click_counts_as_answered_when_its_link_expires(self):
		name, buttons = self.emailed()
		self.post("answer_first", {"token": self.token(buttons[4]), "answer": "4"})
		unanswered, _buttons = self.emailed()
		past = add_to_date(now_datetime(), hours=-1)
		for survey in (name, unanswered):
			frappe.db.set_value("Satisfaction Survey", survey, "expires_on", past)
		expire_surveys()
		frappe.db.commit()
		finish_queued_jobs(completion_job_id(name))
		survey = self.fresh(name)
		self.assertEqual((survey.status, survey.nps_category), ("Completed", "Detractor"))
		self.assertEqual(get_datetime(survey.completed_on), get_datetime(survey.first_answer_on))
		self.assertEqual(self.fresh(unanswered).status, "Expired")
		# Its completion effects follow: the customer's Last NPS and the points.
		self.assertEqual(frappe.db.count("Loyalty Points", {"reference_name": name, "docstatus": 1}), 1)
		self.assertEqual(frappe.db.get_value("Customer", CUSTOMER, "last_nps"), 4)
