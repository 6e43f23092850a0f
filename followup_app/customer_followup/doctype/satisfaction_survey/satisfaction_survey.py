# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from followup_app.core.surveys import NPS, SCALES
from followup_app.feedback.routing import route_survey_answers
from followup_app.feedback.suggestions import suggest_on
from followup_app.surveys.completion import enqueue_completion
from followup_app.surveys.public import complete
from followup_app.surveys.sending import send_survey

STAFF_CHANNELS = ("In Visit", "Phone")


class SatisfactionSurvey(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		if self.is_new() or not self.answers:
			self.load_questions()
		if self.is_new():
			self.fill_contact_details()
		suggest_on(self)

	def load_questions(self):
		template = frappe.get_doc("Survey Template", self.survey_template)
		if not template.enabled:
			frappe.throw(
				_("Survey Template {0} is disabled.").format(template.name), title=_("Disabled Template")
			)
		if self.is_new():
			self.language = template.language
		self.set(
			"answers",
			[
				{
					"question": question.question,
					"question_type": question.question_type,
					"options": question.options,
					"required": question.required,
					"weight": question.weight,
				}
				for question in template.questions
			],
		)

	def fill_contact_details(self):
		customer = frappe.db.get_value(
			"Customer", self.customer, ["email_id", "mobile_no", "customer_primary_contact"], as_dict=True
		)
		self.contact = self.contact or customer.customer_primary_contact
		self.email = self.email or customer.email_id
		self.mobile_no = self.mobile_no or customer.mobile_no

	def on_update(self):
		if self.status == "Completed" and self.has_value_changed("status"):
			# The customer's figures, points and recovery task follow in the background.
			enqueue_completion(self.name)
		# Text answers staff tag with a Feedback Category reach its owner.
		route_survey_answers(self)

	@frappe.whitelist()
	def send(self) -> str:
		"""Send this draft survey by its channel and return its link."""
		self.check_permission("write")
		return send_survey(self)

	@frappe.whitelist()
	def complete_in_desk(self) -> None:
		"""Staff entry: complete the survey from the answers typed into its table during a call or visit."""
		self.check_permission("write")
		if self.channel not in STAFF_CHANNELS or self.status != "Draft":
			frappe.throw(
				_("Only a draft survey taken In Visit or by Phone is completed in the desk."),
				title=_("Not Allowed"),
			)
		# Float cells read 0 when left empty: 0 counts as an answer only on the 0-10 NPS scale.
		submitted = {
			str(row.idx): row.answer_value
			if row.question_type in SCALES and (row.answer_value or row.question_type == NPS)
			else row.answer_text
			for row in self.answers
		}
		complete(self, submitted)
