"""Security of the public survey page and its guest endpoint, tested over real HTTP requests.

Uses committed records, because requests run on their own database connection.
"""

import json

import frappe
from frappe.installer import update_site_config
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_test_client, now_datetime

from followup_app.surveys.completion import completion_job_id
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import delete_committed_customer, make_customer
from followup_app.testing.jobs import finish_queued_jobs

SUBMIT = "/api/method/followup_app.surveys.public.submit"
CUSTOMER = "_Test Survey Endpoint"
GOOD = {"1": 4, "2": 5, "3": 6, "4": "Fine"}


class TestSurveyEndpoint(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_customer(CUSTOMER)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		delete_committed_customer(CUSTOMER)
		super().tearDownClass()

	def setUp(self):
		frappe.cache.delete_keys("rl:followup_app.surveys.public.submit")

	def tearDown(self):
		# The completion jobs the requests queued are done (by a worker, else here) before the next
		# test and before tearDownClass deletes their records.
		frappe.db.rollback()
		surveys = frappe.get_all("Satisfaction Survey", filters={"customer": CUSTOMER}, pluck="name")
		finish_queued_jobs(*map(completion_job_id, surveys))

	def survey(self, template="Customer Satisfaction (CSAT)") -> tuple[str, str]:
		result = create_and_send(CUSTOMER, template, "Link")
		frappe.db.commit()
		return result["name"], result["link"].split("t=")[1]

	def post(self, token: str, answers) -> "TestResponse":  # noqa: F821
		payload = answers if isinstance(answers, str) else json.dumps(answers)
		return make_request(
			target=get_test_client().post,
			args=(SUBMIT,),
			kwargs={"data": {"token": token, "answers": payload}},
		)

	def page(self, token: str):
		return make_request(target=get_test_client().get, args=(f"/survey?t={token}",))

	def status(self, name: str) -> str:
		frappe.db.rollback()  # see what the request committed
		return frappe.db.get_value("Satisfaction Survey", name, "status")

	def test_page_renders_questions_and_a_valid_answer_is_stored_once(self):
		name, token = self.survey()
		page = self.page(token)
		self.assertEqual(page.status_code, 200)
		self.assertIn("How satisfied are you with our products?", page.get_data(as_text=True))

		response = self.post(token, GOOD)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
		self.assertEqual(self.status(name), "Completed")
		self.assertEqual(frappe.db.get_value("Satisfaction Survey", name, "csat"), 4.5)

		replay = self.post(token, {"1": 1, "2": 1, "3": 1})
		self.assertEqual(replay.status_code, 410)
		self.assertEqual(frappe.db.get_value("Satisfaction Survey", name, "csat"), 4.5)
		self.assertEqual(self.page(token).status_code, 410)

		# The completion queued by the request awards the survey's points, once.
		finish_queued_jobs(completion_job_id(name))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Loyalty Points", {"reference_name": name, "docstatus": 1}), 1)

	def test_expired_random_and_guessed_tokens_are_refused(self):
		name, token = self.survey()
		frappe.db.set_value("Satisfaction Survey", name, "expires_on", add_to_date(now_datetime(), hours=-1))
		frappe.db.commit()
		self.assertEqual(self.post(token, GOOD).status_code, 410)
		self.assertEqual(self.page(token).status_code, 410)
		self.assertEqual(self.status(name), "Sent")

		other_name, _other_token = self.survey()
		for guess in (frappe.generate_hash(length=43), other_name, "", "x" * 500):
			response = self.post(guess, GOOD)
			self.assertEqual(response.status_code, 404, guess)
			self.assertNotIn(CUSTOMER, response.get_data(as_text=True))
		self.assertEqual(self.page(other_name).status_code, 404)
		self.assertEqual(self.status(other_name), "Sent")

	def test_bad_answers_are_refused_and_store_nothing(self):
		name, token = self.survey()
		for answers in (
			{"1": 9, "2": 5, "3": 6},
			{"1": 4, "3": 6},
			{"1": 4, "2": 5, "3": 6, "4": "x" * 2001},
			"x" * 60_000,
			"not json",
		):
			response = self.post(token, answers)
			self.assertGreaterEqual(response.status_code, 400)
			self.assertEqual(self.status(name), "Sent")

	def test_script_in_text_is_stored_inert(self):
		name, token = self.survey()
		attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
		self.assertEqual(self.post(token, {**GOOD, "4": attack}).status_code, 200)
		self.status(name)
		stored = frappe.get_all(
			"Survey Answer", filters={"parent": name, "question_type": "Text"}, pluck="answer_text"
		)[0]
		self.assertNotIn("<script", stored)
		self.assertNotIn("<img", stored)
		self.assertIn("&lt;script&gt;", stored)

	def test_burst_past_the_rate_limit_gets_429(self):
		update_site_config("followup_survey_rate_limit", 3)
		try:
			codes = [self.post(frappe.generate_hash(length=43), GOOD).status_code for _ in range(5)]
		finally:
			update_site_config("followup_survey_rate_limit", None)
		self.assertEqual(codes[:3], [404, 404, 404])
		self.assertEqual(codes[3:], [429, 429])
