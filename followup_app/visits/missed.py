"""The daily missed-visit job: Planned visits past their grace days become Missed and are re-planned."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime

from followup_app.core.chunks import Span
from followup_app.platform.notifications import notify_managers
from followup_app.scheduling.spans import within
from followup_app.visits.planner import VISIT, plan_due_visits


def mark_missed_visits(
	today: date | str | None = None, customers: Span | None = None, follow_up: bool = True
) -> int:
	"""Mark Planned visits older than planned date + grace days as Missed and close their ToDos
	(of every customer, or of those in `customers`); returns how many.

	With `follow_up`, the Followup Managers are told and the customers planned again at once; the
	nightly run plans its chunk right after and tells the managers once for the night instead.
	Set-based: the same handful of queries whatever the number of visits.
	"""
	today = getdate(today)
	grace = frappe.db.get_single_value("Followup Settings", "missed_visit_grace_days") or 0
	cutoff = add_days(today, -grace)
	visit = frappe.qb.DocType(VISIT)
	# Read without locks, then lock only the visits themselves by name as they are updated: a locking
	# read over the status index would lock every customer's planned visits, and chunks running in
	# parallel would then wait on (or deadlock with) each other.
	candidates = within(
		frappe.qb.from_(visit)
		.select(visit.name)
		.where(visit.status == "Planned")
		.where(visit.planned_date < cutoff),
		visit.customer,
		customers,
	).run(pluck=True)
	missed = []
	now = now_datetime()
	for start in range(0, len(candidates), 10_000):
		names = candidates[start : start + 10_000]
		(
			frappe.qb.update(visit)
			.set(visit.status, "Missed")
			.set(visit.planned_visit_key, None)
			.set(visit._assign, "[]")
			.set(visit.modified, now)
			.where(visit.name.isin(names))
			.where(visit.status == "Planned")  # completed or cancelled meanwhile: left alone
			.run()
		)
		# Planned when read, Missed now: the visits this update marked (one another session marked Missed
		# in between, e.g. by hand, would count here too; its ToDo is closed all the same).
		marked = (
			frappe.qb.from_(visit)
			.select(visit.name)
			.where(visit.name.isin(names))
			.where(visit.status == "Missed")
			.run(pluck=True)
		)
		if not marked:
			continue
		missed.extend(marked)
		todo = frappe.qb.DocType("ToDo")
		(
			frappe.qb.update(todo)
			.set(todo.status, "Closed")
			.set(todo.modified, now)
			.where(todo.reference_type == VISIT)
			.where(todo.reference_name.isin(marked))
			.where(todo.status == "Open")
			.run()
		)
	if not missed:
		return 0
	if follow_up:
		notify_missed(len(missed))
		plan_due_visits(today)
	return len(missed)


def notify_missed(count: int):
	"""Tell the Followup Managers how many visits were missed (and planned again)."""
	notify_managers(
		lambda: _("{0} planned visits were missed; customers still due have been planned again").format(
			count
		),
		VISIT,
	)
