# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from followup_app.core.goals import FINAL
from followup_app.core.kpi import KPIS, MEAN, NET_PERCENT, PERCENT
from followup_app.goals.evaluation import evaluate, metric_key, notify_outcome
from followup_app.kpi.definitions import MEASURES

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
			self.baseline_computed_on = None
		evaluate(self)

	def validate_target(self, key: str):
		kind = KPIS[key].kind
		low, high = {PERCENT: (0, 100), NET_PERCENT: (-100, 100)}.get(kind, (0, None))
		if (
			self.target_value is None
			or self.target_value < low
			or (high is not None and self.target_value > high)
		):
			bounds = (
				_("between {0} and {1}").format(low, high)
				if high is not None
				else _("at least {0}").format(low)
			)
			frappe.throw(
				_("The target of {0} must be {1}.").format(_(self.metric), bounds), title=_("Invalid Target")
			)
		if kind == MEAN and self.target_value == 0:
			frappe.throw(
				_("The target of {0} must be above 0.").format(_(self.metric)), title=_("Invalid Target")
			)

	def on_update(self):
		if self.status in FINAL and self.has_value_changed("status"):
			notify_outcome(self)

	@frappe.whitelist()
	def evaluate_now(self):
		"""Re-evaluate the goal at once (what the daily job does)."""
		self.save()
