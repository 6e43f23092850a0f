# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from followup_app.platform.limits import validate_limits


class FollowupPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assignee_role: DF.Link | None
		assignee_user: DF.Link | None
		assignment: DF.Literal["Account Manager", "Specific User", "Round Robin in Role"]
		channel: DF.Literal["Phone", "Email", "SMS", "WeChat", "Video Call", "On-site"]
		customer_group: DF.Link | None
		customer_tier: DF.Link | None
		enabled: DF.Check
		interval_days: DF.Int
		lead_days: DF.Int
		lifecycle_stage: DF.Literal["", "Prospect", "New", "Active", "Loyal", "At Risk", "Churned"]
		policy_name: DF.Data
		priority: DF.Int
		territory: DF.Link | None
		visit_script: DF.Link | None
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
		validate_limits(self)
		self.validate_cadence()
		self.validate_assignment()
		self.validate_script()

	def validate_cadence(self):
		if self.lead_days >= self.interval_days:
			frappe.throw(
				_("Plan Days Ahead must be less than the interval of {0} days.").format(self.interval_days),
				title=_("Invalid Cadence"),
			)

	def validate_assignment(self):
		if self.assignment == "Specific User" and not self.assignee_user:
			frappe.throw(
				_("Choose the user who makes the visits of this policy."), title=_("Missing Assignee")
			)
		if self.assignment == "Round Robin in Role" and not self.assignee_role:
			frappe.throw(
				_("Choose the role whose users share the visits of this policy."), title=_("Missing Assignee")
			)
		if self.assignment != "Specific User":
			self.assignee_user = None
		if self.assignment != "Round Robin in Role":
			self.assignee_role = None

	def validate_script(self):
		if self.visit_script:
			script_type = frappe.db.get_value("Visit Script", self.visit_script, "visit_type")
			if script_type != self.visit_type:
				frappe.throw(
					_("Visit Script {0} is written for {1} visits, not {2}.").format(
						self.visit_script, _(script_type), _(self.visit_type)
					),
					title=_("Wrong Visit Script"),
				)
