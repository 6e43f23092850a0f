# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time

from followup_app.core import playbooks
from followup_app.platform.limits import validate_limits
from followup_app.visits.playbooks import outcome_rules_of


class FollowupSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from followup_app.customer_followup.doctype.complaint_sla_rule.complaint_sla_rule import (
			ComplaintSLARule,
		)

		complaint_sla_rules: DF.Table[ComplaintSLARule]
		default_visitor: DF.Link | None
		holiday_list: DF.Link | None
		inactive_days_at_risk: DF.Int
		inactive_days_churned: DF.Int
		missed_visit_grace_days: DF.Int
		points_expiry_days: DF.Int
		points_per_survey: DF.Int
		resolution_sla_hours: DF.Float
		response_sla_hours: DF.Float
		shipped_defaults: DF.SmallText | None
		sla_at_risk_percent: DF.Int
		survey_expiry_days: DF.Int
		verification_visit_days: DF.Int
	# end: auto-generated types

	def validate(self):
		validate_limits(self)
		self.validate_lifecycle_thresholds()
		self.validate_sla_rules()
		self.validate_contact_times()
		self.validate_outcome_rules()

	def validate_lifecycle_thresholds(self):
		if self.inactive_days_churned <= self.inactive_days_at_risk:
			frappe.throw(
				_("Churned after Inactive (Days) must be greater than At Risk after Inactive (Days)."),
				title=_("Invalid Value"),
			)

	def validate_sla_rules(self):
		seen = set()
		for rule in self.complaint_sla_rules:
			if rule.severity in seen:
				frappe.throw(
					_("Row {0}: severity {1} has more than one SLA rule.").format(rule.idx, _(rule.severity)),
					title=_("Duplicate SLA Rule"),
				)
			seen.add(rule.severity)
			if rule.response_hours > rule.resolution_hours:
				frappe.throw(
					_("Row {0}: response hours cannot exceed resolution hours.").format(rule.idx),
					title=_("Invalid Value"),
				)

	def validate_contact_times(self):
		if (
			self.contact_day_start
			and self.contact_day_end
			and get_time(self.contact_day_start) >= get_time(self.contact_day_end)
		):
			frappe.throw(
				_("Contact Hours To must be later than Contact Hours From."), title=_("Invalid Value")
			)
		for window in self.busy_windows:
			if get_time(window.from_time) >= get_time(window.to_time):
				frappe.throw(
					_("Row {0}: a busy window must end after it starts.").format(window.idx),
					title=_("Invalid Value"),
				)

	def validate_outcome_rules(self):
		messages = {
			playbooks.DUPLICATE_OUTCOME: _("Row {0}: outcome {1} has more than one rule."),
			playbooks.RETRY_NOT_UNREACHABLE: _("Row {0}: only the outcome Unreachable can retry ({1})."),
			playbooks.ATTEMPTS_WITHOUT_RETRY: _("Row {0}: Max Attempts needs Retry in (Days) ({1})."),
			playbooks.RETRY_WITHOUT_ATTEMPTS: _("Row {0}: Retry in (Days) needs Max Attempts ({1})."),
			playbooks.TODO_WITHOUT_ASSIGNEE: _("Row {0}: a ToDo needs a user or a role ({1})."),
		}
		problems = playbooks.rule_problems(outcome_rules_of(self))
		if problems:
			index, code = problems[0]
			row = self.outcome_rules[index - 1]
			frappe.throw(messages[code].format(index, _(row.outcome)), title=_("Invalid Outcome Rule"))
