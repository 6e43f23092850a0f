# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from followup_app.platform.limits import validate_limits
from followup_app.surveys.answers import CHOICES, choices_of


class SurveyTemplate(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		validate_limits(self)
		if not self.questions:
			frappe.throw(_("A survey needs at least one question."), title=_("No Questions"))
		nps_questions = 0
		for row in self.questions:
			if row.question_type in CHOICES and len(choices_of(row)) < 2:
				frappe.throw(
					_("Row {0}: a choice question needs at least two options, one per line.").format(row.idx),
					title=_("Missing Options"),
				)
			nps_questions += row.question_type == "NPS 0-10"
		if nps_questions > 1:
			frappe.throw(_("A survey can ask the NPS question only once."), title=_("Duplicate NPS Question"))
