# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from followup_app.core.goals import FINAL
from followup_app.core.kpi import KPIS
from followup_app.core.limits import target_limit
from followup_app.goals.evaluation import evaluate, metric_key, notify_outcome
from followup_app.kpi.definitions import MEASURES
from followup_app.platform.limits import limit_message

SCOPE_FIELDS = (
	"metric",
	"period_start",
	"period_end",
	"customer_tier",
	"customer_group",
	"territory",
	"visitor",
)


class FollowupGoal(Document):
	def validate(self):
		key = metric_key(self.metric)
		if getdate(self.period_end) < getdate(self.period_start):
			frappe.throw(_("The period must end on or after its start."), title=_("Invalid Period"))
		self.validate_target(key)
		if self.visitor and not (key in MEASURES and MEASURES[key].source.owner_field):
			frappe.throw(
				_("{0} is not counted per staff member; clear the Staff Member.").format(_(self.metric)),
				title=_("Invalid Scope"),
			)
		if any(self.has_value_changed(field) for field in SCOPE_FIELDS):
			self.baseline_value = None
			self.baseline_measured = 0
			self.baseline_computed_on = None
		evaluate(self)

	def validate_target(self, key: str):
		limit = target_limit(key, KPIS[key].kind)
		if not limit.allows(self.target_value):
			frappe.throw(
				limit_message(_("The target of {0}").format(_(self.metric)), limit),
				title=_("Invalid Target"),
			)

	def on_update(self):
		if self.status in FINAL and self.has_value_changed("status"):
			notify_outcome(self)

	@frappe.whitelist()
	def evaluate_now(self):
		"""Re-evaluate the goal at once (what the daily job does)."""
		self.save()
