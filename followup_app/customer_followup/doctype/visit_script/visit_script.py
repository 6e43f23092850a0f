# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class VisitScript(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from followup_app.customer_followup.doctype.visit_script_question.visit_script_question import (
			VisitScriptQuestion,
		)

		closing: DF.SmallText | None
		language: DF.Link | None
		opening: DF.SmallText | None
		questions: DF.Table[VisitScriptQuestion]
		script_name: DF.Data
		visit_type: DF.Literal[
			"New Customer Activation",
			"Routine Maintenance",
			"Complaint Verification",
			"Win-back",
			"Satisfaction Check",
			"After-sales",
		]
	# end: auto-generated types

	def validate(self):
		seen = set()
		for row in self.questions:
			text = (row.question or "").strip()
			if text.lower() in seen:
				frappe.throw(
					_("Row {0}: the question {1} is asked twice.").format(row.idx, frappe.bold(text)),
					title=_("Duplicate Question"),
				)
			seen.add(text.lower())
