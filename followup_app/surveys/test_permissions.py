"""Record-level survey permissions: the list, the form, the QR reissue and the REST API, per role."""

from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from followup_app.surveys.qr import survey_qr
from followup_app.testing.fixtures import (
	CommittedCustomerTestCase,
	api_token,
	make_customer,
	make_user,
	make_visit,
)

VISITOR = "survey.perm.visitor@example.com"
ACCOUNT = "survey.perm.account@example.com"
OTHER = "survey.perm.other@example.com"
MANAGER = "survey.perm.manager@example.com"
CUSTOMER = "_Test Survey Permissions"
CSAT = "Customer Satisfaction (CSAT)"
RESOURCE = "/api/resource/" + quote("Satisfaction Survey")
QR_METHOD = "/api/method/followup_app.surveys.qr.survey_qr"


def make_survey(**values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Satisfaction Survey",
				"customer": CUSTOMER,
				"survey_template": CSAT,
				"channel": "In Visit",
				**values,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


class TestSurveyPermissions(CommittedCustomerTestCase):
	"""Uses committed records, because REST requests run on their own database connection."""

	customer = CUSTOMER

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(VISITOR, "Followup User")
		make_user(ACCOUNT, "Followup User")
		make_user(OTHER, "Followup User")
		make_user(MANAGER, "Followup Manager")
		cls.tokens = {user: api_token(user) for user in (VISITOR, OTHER, MANAGER)}
		make_customer(CUSTOMER, account_manager=ACCOUNT)
		cls.visit = make_visit(CUSTOMER, channel="On-site", visitor=VISITOR).name
		cls.visit_survey = make_survey(reference_doctype="Visit Record", reference_name=cls.visit)
		cls.customer_survey = make_survey()
		frappe.db.commit()

	def listed(self, user: str) -> list[str]:
		frappe.set_user(user)
		return sorted(frappe.get_list("Satisfaction Survey", filters={"customer": CUSTOMER}, pluck="name"))

	def test_each_role_lists_the_surveys_of_its_own_work(self):
		self.assertEqual(self.listed(VISITOR), [self.visit_survey])
		self.assertEqual(self.listed(ACCOUNT), sorted([self.visit_survey, self.customer_survey]))
		self.assertEqual(self.listed(OTHER), [])
		self.assertEqual(self.listed(MANAGER), sorted([self.visit_survey, self.customer_survey]))

	def test_the_form_opens_only_for_the_surveys_owners(self):
		for user, survey, allowed in (
			(VISITOR, self.visit_survey, True),
			(VISITOR, self.customer_survey, False),
			(ACCOUNT, self.customer_survey, True),
			(OTHER, self.visit_survey, False),
			(MANAGER, self.customer_survey, True),
		):
			frappe.set_user(user)
			with self.subTest(user=user, survey=survey):
				doc = frappe.get_doc("Satisfaction Survey", survey)
				self.assertEqual(doc.has_permission("write"), allowed)

	def test_a_user_who_may_not_write_the_survey_cannot_reissue_its_qr(self):
		frappe.set_user(OTHER)
		with self.assertRaises(frappe.PermissionError):
			survey_qr(self.visit_survey)
		frappe.set_user("Administrator")
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", self.visit_survey, "token_hash"))
		frappe.set_user(VISITOR)
		self.assertTrue(survey_qr(self.visit_survey)["link"])

	def rest(self, method: str, user: str, path: str, **kwargs):
		return make_request(
			target=getattr(get_test_client(), method),
			args=(path,),
			kwargs={"headers": {"Authorization": self.tokens[user]}, **kwargs},
		)

	def test_rest_reads_and_qr_follow_the_rule(self):
		form = f"{RESOURCE}/{quote(self.visit_survey)}"
		self.assertEqual(self.rest("get", VISITOR, form).status_code, 200)
		self.assertEqual(self.rest("get", OTHER, form).status_code, 403)
		refused = self.rest("post", OTHER, QR_METHOD, json={"survey": self.visit_survey})
		self.assertEqual(refused.status_code, 403)
		self.assertIsNone(frappe.db.get_value("Satisfaction Survey", self.visit_survey, "token_hash"))
		shown = self.rest("post", MANAGER, QR_METHOD, json={"survey": self.visit_survey})
		self.assertEqual(shown.status_code, 200)
		frappe.db.rollback()  # read what the request committed
		self.assertIsNotNone(frappe.db.get_value("Satisfaction Survey", self.visit_survey, "token_hash"))
