"""Personal data: Frappe's download and deletion requests cover the app's records of a contact, and
the figures KPIs count stay after deletion."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	get_user_data,
)

from followup_app.customers.personal_data import REDACTED
from followup_app.surveys.public import complete
from followup_app.surveys.sending import create_and_send
from followup_app.testing.fixtures import make_customer, make_user, make_visit
from followup_app.testing.mail import OutgoingMailTestMixin

EMAIL = "wang.fang.privacy@example.com"
VISITOR = "privacy.visitor@example.com"
WORDS = "Wang Fang says the courier was late again"


class TestPersonalData(OutgoingMailTestMixin, FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		make_user(VISITOR, "Followup User")
		settings = frappe.get_single("Followup Settings")
		settings.set("outcome_rules", [])
		settings.points_per_survey = 10
		settings.save()
		if not frappe.db.exists("User", EMAIL):  # the person, a website user as Frappe's requests need
			frappe.get_doc(
				{
					"doctype": "User",
					"email": EMAIL,
					"first_name": "Wang",
					"last_name": "Fang",
					"user_type": "Website User",
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)
		self.customer = make_customer("_Test Privacy Customer", account_manager=VISITOR).name
		# Frappe made the website user's Contact; it is the customer's contact person.
		contact = frappe.get_doc("Contact", frappe.db.get_value("Contact", {"email_id": EMAIL}))
		contact.append("phone_nos", {"phone": "+86 139 1234 5678", "is_primary_mobile_no": 1})
		contact.append("links", {"link_doctype": "Customer", "link_name": self.customer})
		contact.save(ignore_permissions=True)
		self.contact = contact.name
		frappe.db.set_value(
			"Customer",
			self.customer,
			{"email_id": EMAIL, "mobile_no": "+86 139 1234 5678", "customer_primary_contact": self.contact},
		)
		visit = make_visit(
			self.customer, contact=self.contact, visitor=VISITOR, visit_script="Routine Maintenance"
		)
		for row in visit.script_answers:
			row.answer = WORDS
		visit.append("feedback_items", {"feedback_type": "Praise", "description": WORDS})
		visit.update(
			{
				"status": "Completed",
				"visit_datetime": frappe.utils.now_datetime(),
				"outcome": "Satisfied",
				"satisfaction": 0.8,
				"summary": WORDS,
				"remarks": WORDS,
				"next_action": f"Call {EMAIL} back",
				"next_action_owner": VISITOR,
				"next_action_due": add_days(nowdate(), 3),
			}
		)
		# With its change history, as outside tests (Frappe skips Versions in tests unless asked).
		visit.save(ignore_permissions=True, ignore_version=False)
		self.visit = visit.name
		self.complaint = (
			frappe.get_doc(
				{
					"doctype": "Complaint",
					"customer": self.customer,
					"contact": self.contact,
					"subject": "Late courier for Wang Fang",
					"description": f"<p>{WORDS}</p>",
					"severity": "Medium",
					"category": "Delivery",
					"channel": "Phone",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		survey = frappe.get_doc(
			"Satisfaction Survey",
			create_and_send(self.customer, "Customer Satisfaction (CSAT)", "Email")["name"],
		)
		complete(survey, {"1": 4, "2": "5", "3": 6, "4": WORDS})
		self.survey = survey.name
		self.points = frappe.db.get_value("Loyalty Points", {"customer": self.customer}, "name")
		frappe.db.set_value("Loyalty Points", self.points, "remarks", f"Thanks to {EMAIL} (Wang Fang)")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Followup Settings", "Followup Settings")

	def test_download_holds_the_app_records_of_the_person(self):
		data = json.loads(get_user_data(EMAIL))
		self.assertEqual([row["name"] for row in data["Visit Record"]], [self.visit])
		self.assertEqual([row["name"] for row in data["Complaint"]], [self.complaint])
		self.assertEqual([row["name"] for row in data["Satisfaction Survey"]], [self.survey])

	def test_the_download_file_holds_child_rows_and_the_points_ledger(self):
		"""Through Frappe's own flow: the request, its generated file (the job runs at once in tests)."""
		request = frappe.get_doc({"doctype": "Personal Data Download Request", "user": EMAIL}).insert(
			ignore_permissions=True
		)
		content = frappe.get_doc(
			"File",
			{"attached_to_doctype": "Personal Data Download Request", "attached_to_name": request.name},
		).get_content()
		data = json.loads(content)
		self.assertEqual([row["name"] for row in data["Visit Record"]], [self.visit])
		self.assertEqual([row["description"] for row in data["Visit Feedback Item"]], [WORDS])
		self.assertEqual({row["answer"] for row in data["Visit Script Answer"]}, {WORDS})
		self.assertEqual({row["parent"] for row in data["Visit Script Answer"]}, {self.visit})
		self.assertIn(WORDS, [row["answer_text"] for row in data["Survey Answer"]])
		self.assertEqual({row["parent"] for row in data["Survey Answer"]}, {self.survey})
		self.assertEqual([row["name"] for row in data["Loyalty Points"]], [self.points])
		self.assertEqual(data["Loyalty Points"][0]["customer"], self.customer)

	def test_deletion_anonymises_text_and_contact_details_and_keeps_the_figures(self):
		survey_before = frappe.get_doc("Satisfaction Survey", self.survey)
		# Before: the visit's ToDo (its next action) and its history quote the person.
		self.assertTrue(
			frappe.db.exists("ToDo", {"reference_name": self.visit, "description": ("like", f"%{EMAIL}%")})
		)
		self.assertTrue(frappe.db.exists("Version", {"docname": self.visit, "data": ("like", "%courier%")}))
		points_before = frappe.db.get_value("Loyalty Points", self.points, "points")
		request = frappe.get_doc({"doctype": "Personal Data Deletion Request", "email": EMAIL}).insert(
			ignore_permissions=True
		)
		request.status = "Pending Approval"
		request.save(ignore_permissions=True)
		request.trigger_data_deletion()  # as the System Manager's button does; runs now in tests
		request.reload()
		anon = request.name
		self.assertEqual(request.status, "Deleted")

		visit = frappe.get_doc("Visit Record", self.visit)
		self.assertEqual((visit.contact_email, visit.contact), (anon, anon))  # Frappe renames the Contact
		self.assertEqual(visit.contact_mobile, REDACTED)
		for text in (visit.summary, visit.remarks, visit.next_action):
			self.assertNotIn("courier", text)
			self.assertNotIn(EMAIL, text)
		self.assertEqual({row.answer for row in visit.script_answers}, {REDACTED})
		self.assertEqual([row.description for row in visit.feedback_items], [REDACTED])
		self.assertEqual([row.feedback_type for row in visit.feedback_items], ["Praise"])
		self.assertEqual((visit.status, visit.outcome, visit.satisfaction), ("Completed", "Satisfied", 0.8))

		complaint = frappe.get_doc("Complaint", self.complaint)
		self.assertEqual((complaint.contact_email, complaint.subject), (anon, "[REDACTED]"))
		self.assertNotIn("courier", complaint.description)
		self.assertEqual(
			(complaint.severity, complaint.category, complaint.status), ("Medium", "Delivery", "Open")
		)

		survey = frappe.get_doc("Satisfaction Survey", self.survey)
		self.assertEqual(survey.email, anon)
		self.assertNotIn("5678", survey.mobile_no or "")
		self.assertEqual(
			[(row.question_type, row.answer_value, row.answer_text) for row in survey.answers],
			[
				(
					before.question_type,
					before.answer_value,
					REDACTED if before.question_type == "Text" else before.answer_text,
				)
				for before in survey_before.answers
			],
		)
		self.assertEqual(
			(survey.csat, survey.ces, survey.overall_score, survey.status),
			(survey_before.csat, survey_before.ces, survey_before.overall_score, "Completed"),
		)

		points = frappe.db.get_value("Loyalty Points", self.points, ["points", "remarks"], as_dict=True)
		self.assertEqual(points.points, points_before)
		self.assertEqual(points.remarks, f"Thanks to {anon} (REDACTED)")
		counts = [
			frappe.db.count(doctype, {"customer": self.customer})
			for doctype in ("Visit Record", "Complaint", "Satisfaction Survey", "Loyalty Points")
		]
		self.assertEqual(counts, [1, 1, 1, 1])
		self.assertFalse(frappe.db.exists("Visit Record", {"contact_email": EMAIL}))

		# The ToDos the app wrote from the records, and the records' change history, lose the words.
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_name": ("in", [self.visit, self.complaint, self.survey])},
			pluck="description",
		)
		self.assertTrue(todos)
		self.assertEqual(set(todos), {REDACTED})
		history = frappe.get_all(
			"Version", filters={"docname": ("in", [self.visit, self.complaint, self.survey])}, pluck="data"
		)
		self.assertTrue(any(REDACTED in data for data in history))
		for data in history:
			self.assertNotIn("courier", data)
			self.assertNotIn(EMAIL, data)
			self.assertNotIn("5678", data)

		# Processing the request again changes nothing more.
		request.reload()
		request.save(ignore_permissions=True)
		self.assertEqual(frappe.get_doc("Visit Record", self.visit).script_answers[0].answer, REDACTED)
