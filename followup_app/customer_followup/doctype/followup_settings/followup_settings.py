# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from followup_app.limits import validate_limits


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
