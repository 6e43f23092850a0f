# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.desk.form.assign_to import close_all_assignments
from frappe.desk.form.assign_to import remove as remove_assignment
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from followup_app.complaints.intake import customer_for_email
from followup_app.complaints.sla import at_risk_percent, due_after, sla_hours
from followup_app.complaints.verification import plan_verification_visit
from followup_app.core import complaints as rules
from followup_app.core.sla import SlaClock, sla_status
from followup_app.feedback.suggestions import suggest_on
from followup_app.platform.compat import add_assignment
from followup_app.platform.languages import in_language_of
from followup_app.platform.limits import validate_limits
from followup_app.points.sources import award_complaint_compensation

MANAGER_ROLES = {"Followup Manager", "System Manager"}


class Complaint(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def validate(self):
		validate_limits(self)
		if not self.customer:
			self.customer = customer_for_email(self.raised_by)
		if not self.customer and not self.flags.ignore_mandatory:
			frappe.throw(_("Choose the customer who complained."), title=_("Missing Customer"))
		self.previous_status = self.get_doc_before_save().status if not self.is_new() else None
		if not rules.can_move(self.previous_status, self.status):
			frappe.throw(
				_("A complaint cannot go from {0} to {1}.").format(
					_(self.previous_status or "New"), _(self.status)
				),
				title=_("Invalid Status Change"),
			)
		self.set_sla_clock()
		if self.status != self.previous_status:
			self.validate_step()
			self.record_step()
		self.refresh_sla_status()
		suggest_on(self)

	def set_sla_clock(self):
		now = now_datetime()
		if self.is_new():
			self.opened_on = self.opened_on or now
		if self.is_new() or self.has_value_changed("severity"):
			response_hours, resolution_hours = sla_hours(self.severity)
			opened = get_datetime(self.opened_on)
			self.response_due = due_after(opened, response_hours)
			self.resolution_due = due_after(opened, resolution_hours)

	def validate_step(self):
		if self.status == rules.RESOLVED:
			missing = rules.missing_for_resolution(
				self.severity, self.resolution, self.root_cause, self.corrective_action
			)
			if missing:
				frappe.throw(
					_("To resolve a {0} complaint, fill in: {1}.").format(
						_(self.severity), ", ".join(_(self.meta.get_label(field)) for field in missing)
					),
					title=_("Missing Resolution"),
				)
		elif self.status == rules.CLOSED and rules.close_needs_override(self.verification_outcome):
			if not (self.override_reason or "").strip():
				frappe.throw(
					_(
						"A complaint closes after a verification visit finds the customer Satisfied, or with a Followup Manager's reason to close without it."
					),
					title=_("Verification Needed"),
				)
			if not MANAGER_ROLES & set(frappe.get_roles()):
				frappe.throw(
					_("Only a Followup Manager can close a complaint without verification."),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)
		elif self.status == rules.REOPENED and not (self.reopen_reason or "").strip():
			frappe.throw(_("Say why the complaint is reopened."), title=_("Missing Reopen Reason"))

	def record_step(self):
		"""Timestamp the status change in the history and apply its effect on the SLA clock."""
		now = now_datetime()
		reason = self.flags.status_reason
		if self.status == rules.IN_PROGRESS and not self.first_response_on:
			self.first_response_on = now
		elif self.status == rules.RESOLVED:
			self.resolved_on = now
			self.verification_visit = None
			self.verification_outcome = None
		elif self.status == rules.CLOSED:
			self.closed_on = now
			if rules.close_needs_override(self.verification_outcome):
				with in_language_of(self.assigned_to):  # the history is written for the assignee
					reason = _("Closed without verification: {0}").format(self.override_reason)
		elif self.status == rules.REOPENED:
			# SLA restart rule: the resolution clock starts again, in full, when the complaint reopens.
			_response, resolution_hours = sla_hours(self.severity)
			self.resolution_due = due_after(now, resolution_hours)
			self.resolved_on = None
			self.closed_on = None
			self.verification_outcome = None  # a new resolution needs a new verification
			self.escalation_level = 0
			self.reopen_count = (self.reopen_count or 0) + 1
			reason = self.reopen_reason
		if self.previous_status is not None:
			self.append(
				"status_changes",
				{
					"from_status": self.previous_status,
					"to_status": self.status,
					"changed_on": now,
					"changed_by": frappe.session.user,
					"reason": reason,
				},
			)

	def refresh_sla_status(self):
		"""A closed complaint's clock stops when it closed, if it was never resolved."""
		resolved_on = self.resolved_on or (self.closed_on if self.status == rules.CLOSED else None)
		self.sla_status = sla_status(
			SlaClock(
				opened_on=get_datetime(self.opened_on),
				response_due=get_datetime(self.response_due),
				resolution_due=get_datetime(self.resolution_due),
				first_response_on=get_datetime(self.first_response_on) if self.first_response_on else None,
				resolved_on=get_datetime(resolved_on) if resolved_on else None,
			),
			now_datetime(),
			at_risk_percent(),
		)

	def on_update(self):
		if self.status != rules.CLOSED and (
			self.has_value_changed("assigned_to") or self.status == rules.REOPENED
		):
			self.assign()
		if not self.has_value_changed("status"):
			return
		if self.status == rules.RESOLVED:
			self.db_set("verification_visit", plan_verification_visit(self))
		elif self.status == rules.CLOSED:
			close_all_assignments(self.doctype, self.name, ignore_permissions=True)
			award_complaint_compensation(self)
			if self.status_changes and self.status_changes[-1].reason:
				self.add_comment("Info", self.status_changes[-1].reason)

	def assign(self):
		"""Move the assignment ToDo from the previous assignee to the new one."""
		previous = self.get_doc_before_save()
		if previous and previous.assigned_to and previous.assigned_to != self.assigned_to:
			remove_assignment(self.doctype, self.name, previous.assigned_to, ignore_permissions=True)
		if self.assigned_to and not frappe.db.exists(
			"ToDo",
			{
				"reference_type": self.doctype,
				"reference_name": self.name,
				"allocated_to": self.assigned_to,
				"status": "Open",
			},
		):
			add_assignment(
				{
					"assign_to": [self.assigned_to],
					"doctype": self.doctype,
					"name": self.name,
					"description": frappe.utils.escape_html(self.subject),
				},
				ignore_permissions=True,
			)
			# assign_to.add also writes `assigned_to` (and `modified`) to this document: stay in step.
			self.modified = frappe.db.get_value(self.doctype, self.name, "modified")
