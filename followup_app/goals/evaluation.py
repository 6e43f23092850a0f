"""Evaluating Followup Goals: baseline at period start, current value, progress and status, daily.

The figures come from the shared KPI definitions (`followup_app.kpi.definitions`); the rules are
`followup_app.core.goals`. A goal counts every record in its scope, whoever evaluates it.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from followup_app.core import goals
from followup_app.core.kpi import KPIS, TOTAL
from followup_app.kpi.definitions import Scope, kpi_total
from followup_app.platform.notifications import FOLLOWUP_MANAGER, notify, role_users

METRICS = {kpi.label: key for key, kpi in KPIS.items()}
SCOPE_FIELDS = ("customer_tier", "customer_group", "territory", "visitor")  # named as the report filters


def metric_key(label: str) -> str:
	"""The KPI key of a goal's metric label; an unknown metric is refused."""
	if label not in METRICS:
		frappe.throw(_("Choose one of the listed metrics."), title=_("Unknown Metric"))
	return METRICS[label]


def scope_filters(goal) -> dict:
	"""The goal's scope as report filters (only the fields it sets)."""
	return {field: goal.get(field) for field in SCOPE_FIELDS if goal.get(field)}


def goal_scope(goal, from_date, to_date) -> Scope:
	"""The goal's scope over a date range; a goal counts every record, whoever evaluates it."""
	return Scope.from_filters(
		{"from_date": from_date, "to_date": to_date, **scope_filters(goal)}, user="Administrator"
	)


def evaluate(goal, today=None):
	"""Set the goal's baseline (once the period has started), current value, progress and status."""
	today = getdate(today)
	key = metric_key(goal.metric)
	kpi = KPIS[key]
	start, end = getdate(goal.period_start), getdate(goal.period_end)
	cumulative = kpi.kind == TOTAL
	goal.higher_is_better = int(kpi.higher_is_better)
	if today >= start and not goal.baseline_computed_on:
		baseline = kpi_total(key, goal_scope(goal, *goals.baseline_window(start, end)))
		goal.baseline_value, goal.baseline_measured = baseline, int(baseline is not None)
		goal.baseline_computed_on = today
	current = kpi_total(key, goal_scope(goal, start, min(today, end))) if today >= start else None
	goal.current_value, goal.current_measured = current, int(current is not None)
	goal.progress = goals.progress(
		current, baseline_value(goal), goal.target_value, kpi.higher_is_better, cumulative
	)
	goal.status = goals.status(
		start, end, today, current, goal.progress, goal.target_value, kpi.higher_is_better, cumulative
	)
	goal.last_evaluated_on = now_datetime()


def baseline_value(goal) -> float | None:
	"""The goal's baseline, None when its window had nothing to measure (a Float column stores 0 then)."""
	return goal.baseline_value if goal.baseline_measured else None


def current_value(goal) -> float | None:
	"""The goal's current value, None when its period so far has nothing to measure."""
	return goal.current_value if goal.current_measured else None


def notify_outcome(goal):
	"""Tell the responsible user (else the goal's owner) and the Followup Managers, each in their
	language, that the goal was achieved or missed."""

	def subject() -> str:
		if goal.status == goals.ACHIEVED:
			text = _("Goal {0} achieved: {1} reached {2} (target {3})")
		else:
			text = _("Goal {0} missed: {1} ended at {2} (target {3})")
		return text.format(
			goal.goal_name, _(goal.metric), format_value(current_value(goal)), format_value(goal.target_value)
		)

	users = [goal.responsible_user or goal.owner, *role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER]]
	notify(users, subject, "Followup Goal", goal.name)


def format_value(value) -> str:
	return "–" if value is None else f"{value:g}"


def evaluate_open_goals():
	"""Re-evaluate every goal not yet achieved or missed (its outcome is notified once), unless
	turned off in Followup Settings; the nightly run's final step calls it on the day's figures."""
	if not frappe.db.get_single_value("Followup Settings", "enable_goal_evaluation"):
		return
	goal = frappe.qb.DocType("Followup Goal")
	names = (
		frappe.qb.from_(goal)
		.select(goal.name)
		.where(goal.status.notin(list(goals.FINAL)))
		.where(goal.period_start <= getdate())
		.run(pluck=True)
	)
	for name in names:
		frappe.db.savepoint("followup_goal")
		try:
			doc = frappe.get_doc("Followup Goal", name)
			doc.flags.ignore_permissions = True
			doc.save()
		except Exception:
			frappe.db.rollback(save_point="followup_goal")
			frappe.log_error(
				title=_("Followup goal evaluation failed"),
				reference_doctype="Followup Goal",
				reference_name=name,
			)


@frappe.whitelist()
def report_filters(goal: str) -> dict:
	"""The Followup KPI filters that show a goal's metric over its period and scope, by week."""
	doc = frappe.get_doc("Followup Goal", goal)
	doc.check_permission("read")
	return {
		"metric": metric_key(doc.metric),
		"from_date": str(doc.period_start),
		"to_date": str(doc.period_end),
		"group_by": "week",
		**scope_filters(doc),
	}
