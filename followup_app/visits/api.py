"""Desk actions on visits."""

import frappe
from frappe import _
from frappe.utils.background_jobs import is_job_enqueued

from followup_app.visits.planner import plan_due_visits

MANAGER_ROLES = ("Followup Manager", "System Manager")
PLANNER_JOB = "followup_app:plan_due_visits"


@frappe.whitelist()
def plan_visits_now() -> None:
	"""Run the visit planner now in the background, with progress shown to the manager who asked."""
	if not set(MANAGER_ROLES) & set(frappe.get_roles()):
		frappe.throw(_("Only Followup Managers can run the visit planner."), frappe.PermissionError)
	if is_job_enqueued(PLANNER_JOB):
		frappe.throw(_("The visit planner is already running."), title=_("Already Running"))
	frappe.enqueue(
		plan_due_visits,
		queue="long",
		timeout=3600,
		job_id=PLANNER_JOB,
		now=frappe.flags.in_test,
		publish_progress=True,
	)
