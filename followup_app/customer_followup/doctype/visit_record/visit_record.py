# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.desk.form.assign_to import remove as remove_assignment
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from followup_app.complaints.intake import complaints_from_problems
from followup_app.core.timeslots import is_placeholder_time
from followup_app.feedback.praise import share_praise
from followup_app.feedback.routing import route_visit_feedback
from followup_app.feedback.suggestions import suggest_on
from followup_app.kpi.definitions import (
	RETIRED_VISIT_INDEXES,
	VISIT_KPI_COLUMNS,
	VISIT_KPI_INDEX,
	VISIT_OWNER_COLUMNS,
	VISIT_OWNER_INDEX,
)
from followup_app.platform.compat import add_assignment
from followup_app.platform.limits import validate_limits
from followup_app.visits.completion import (
	complete_visit,
	create_opportunities,
	record_contact_verification,
)
from followup_app.visits.permissions import sees_all_visits
from followup_app.visits.planner import visit_todo_description
from followup_app.visits.timing import load_timing, planned_at, slot_on

# The statuses a visit may move to from each status; a new visit starts Planned or Completed.
ALLOWED_TRANSITIONS = {
	None: {"Planned", "Completed"},
	"Planned": {"Planned", "Completed", "Missed", "Cancelled"},
	"Missed": {"Missed", "Completed", "Cancelled"},
	"Cancelled": {"Cancelled", "Planned"},
	"Completed": {"Completed"},
}


class VisitRecord(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def onload(self):
		timing = load_timing()
		self.set_onload(
			"duration_guidance",
			{"phone_minutes_max": timing.phone_minutes_max, "onsite_minutes_max": timing.onsite_minutes_max},
		)

	def validate(self):
		validate_limits(self)
		self.validate_status_change()
		self.set_default_visitor()
		self.load_script_questions()
		if self.status == "Planned" and not self.planned_date:
			frappe.throw(_("A planned visit needs a Planned Date."), title=_("Missing Planned Date"))
		self.set_planned_time()
		if self.status == "Completed":
			self.validate_completion()
		self.validate_next_action()
		suggest_on(self)
		self.planned_at = planned_at(self.planned_date, self.planned_time)
		self.planned_visit_key = (
			self.customer
			if self.status == "Planned" and self.followup_policy and not self.reference_doctype
			else None
		)

	def set_planned_time(self):
		"""A new planned visit without a time someone chose gets the planner's time on its date."""
		if not (self.is_new() and self.status == "Planned" and self.customer and self.planned_date):
			return
		if self.planned_time and not is_placeholder_time(self.planned_time):
			return
		self.planned_time = slot_on(self.customer, self.planned_date, self.visitor, self.channel)
		if not self.planned_time:
			frappe.msgprint(
				_(
					"No time on {0} fits the customer's preferred contact time, the busy windows and the "
					"visitor's other visits; the visit is planned without a time."
				).format(frappe.format(self.planned_date, "Date")),
				title=_("Planned Time"),
				indicator="orange",
			)

	def validate_status_change(self):
		previous = self.get_doc_before_save()
		before = previous.status if previous else None
		if self.status not in ALLOWED_TRANSITIONS[before]:
			frappe.throw(
				_("A visit cannot go from {0} to {1}.").format(_(before or "New"), _(self.status)),
				title=_("Invalid Status Change"),
			)

	def set_default_visitor(self):
		if not self.visitor and not sees_all_visits(frappe.session.user):
			self.visitor = frappe.session.user

	def load_script_questions(self):
		"""Copy the script's questions into the answers table when the script is chosen or changed."""
		if not self.visit_script:
			self.script_answers = []
			return
		if self.script_answers and not self.has_value_changed("visit_script"):
			return
		script = frappe.get_cached_doc("Visit Script", self.visit_script)
		self.script_opening, self.script_closing = script.opening, script.closing
		self.script_answers = []
		for question in script.questions:
			self.append(
				"script_answers",
				{"question": question.question, "required": question.required, "hint": question.hint},
			)

	def validate_completion(self):
		if not self.visit_datetime:
			frappe.throw(_("Enter when the visit took place to complete it."), title=_("Missing Visit Time"))
		if get_datetime(self.visit_datetime) > now_datetime():
			frappe.throw(_("The visit time cannot be in the future."), title=_("Invalid Visit Time"))
		if not self.outcome:
			frappe.throw(_("Choose the outcome of the visit to complete it."), title=_("Missing Outcome"))
		if self.outcome == "Unreachable":
			return
		unanswered = [
			row.idx for row in self.script_answers if row.required and not (row.answer or "").strip()
		]
		if unanswered:
			frappe.throw(
				_("Answer the required script questions in rows {0}.").format(
					", ".join(map(str, unanswered))
				),
				title=_("Missing Answers"),
			)

	def validate_next_action(self):
		if self.next_action and not (self.next_action_owner and self.next_action_due):
			frappe.throw(
				_("A next action needs an owner and a due date."), title=_("Incomplete Follow-up Plan")
			)

	def on_update(self):
		status_changed = self.has_value_changed("status")
		if self.status == "Completed":
			if status_changed:
				complete_visit(self)
			else:
				create_opportunities(self)
				complaints_from_problems(self)
				route_visit_feedback(self)
				share_praise(self)
				if self.has_value_changed("contact_verified"):
					record_contact_verification(self)
		elif self.status in ("Missed", "Cancelled") and status_changed:
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
		elif self.status == "Planned" and (status_changed or self.has_value_changed("visitor")):
			self.assign_visitor()

	def assign_visitor(self):
		"""Keep exactly one open ToDo for the visitor of a planned visit."""
		todo = frappe.qb.DocType("ToDo")
		assigned = {
			user
			for (user,) in frappe.qb.from_(todo)
			.select(todo.allocated_to)
			.where(todo.reference_type == self.doctype)
			.where(todo.reference_name == self.name)
			.where(todo.status == "Open")
			.run()
		}
		for user in assigned - {self.visitor}:
			remove_assignment(self.doctype, self.name, user, ignore_permissions=True)
		if self.visitor and self.visitor not in assigned:
			add_assignment(
				{
					"assign_to": [self.visitor],
					"doctype": self.doctype,
					"name": self.name,
					"description": visit_todo_description(
						self.customer_name or self.customer, self.visit_type, self.visitor
					),
					"date": self.planned_date,
				},
				ignore_permissions=True,
			)


def on_doctype_update():
	"""The KPI indexes: dated visit figures read only these covering indexes (see kpi.definitions)."""
	for retired in RETIRED_VISIT_INDEXES:
		if frappe.db.has_index("tabVisit Record", retired):
			frappe.db.sql_ddl(f"ALTER TABLE `tabVisit Record` DROP INDEX `{retired}`")
	frappe.db.add_index("Visit Record", list(VISIT_KPI_COLUMNS), VISIT_KPI_INDEX)
	frappe.db.add_index("Visit Record", list(VISIT_OWNER_COLUMNS), VISIT_OWNER_INDEX)
