"""The hourly SLA job: recompute every open complaint's SLA status and escalate once per level."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from followup_app.complaints.sla import at_risk_percent
from followup_app.core.chunks import Span
from followup_app.core.sla import SlaClock, escalation_needed, sla_status
from followup_app.platform.languages import in_language_of
from followup_app.platform.notifications import FOLLOWUP_MANAGER, notify, role_users
from followup_app.scheduling.spans import within

COMPLAINT = "Complaint"
CHUNK = 10_000


def update_sla(now=None, complaints: Span | None = None, notify_managers: bool = True) -> dict:
	"""Set `sla_status` of all complaints not Closed (or of those in `complaints`), and escalate
	those that reached a new level.

	Reads the open complaints in one query, decides with core.sla, then writes one UPDATE per
	status and per escalation level (chunked), inserts the escalation ToDos set-based and, with
	`notify_managers`, sends one notification per manager (the hourly run sends it once for all its
	chunks). Running it again changes nothing. The counts name the one escalated complaint, if one.
	"""
	now = get_datetime(now) if now else now_datetime()
	percent = at_risk_percent()
	complaint = frappe.qb.DocType(COMPLAINT)
	rows = within(
		frappe.qb.from_(complaint)
		.select(
			complaint.name,
			complaint.subject,
			complaint.opened_on,
			complaint.response_due,
			complaint.resolution_due,
			complaint.first_response_on,
			complaint.resolved_on,
			complaint.sla_status,
			complaint.escalation_level,
		)
		.where(complaint.status != "Closed")
		.where(complaint.opened_on.isnotnull()),
		complaint.name,
		complaints,
	).run(as_dict=True)
	new_status: dict[str, list[str]] = defaultdict(list)
	escalate: dict[int, list[dict]] = defaultdict(list)
	for row in rows:
		status = sla_status(
			SlaClock(
				opened_on=row.opened_on,
				response_due=row.response_due,
				resolution_due=row.resolution_due,
				first_response_on=row.first_response_on,
				resolved_on=row.resolved_on,
			),
			now,
			percent,
		)
		if status != row.sla_status:
			new_status[status].append(row.name)
		level = escalation_needed(status, row.escalation_level or 0)
		if level:
			row.escalation_target = level
			escalate[level].append(row)

	for status, names in new_status.items():
		for start in range(0, len(names), CHUNK):
			frappe.qb.update(complaint).set(complaint.sla_status, status).where(
				complaint.name.isin(names[start : start + CHUNK])
			).run()
	escalated = [row for rows_at_level in escalate.values() for row in rows_at_level]
	for level, level_rows in escalate.items():
		names = [row.name for row in level_rows]
		for start in range(0, len(names), CHUNK):
			frappe.qb.update(complaint).set(complaint.escalation_level, level).where(
				complaint.name.isin(names[start : start + CHUNK])
			).run()
	if escalated:
		create_escalation_todos(escalated, now)
		if notify_managers:
			notify_escalations(len(escalated), escalated[0].name)
	return {
		"complaints": len(rows),
		"changed": sum(map(len, new_status.values())),
		"escalated": len(escalated),
		"escalated_one": escalated[0].name if len(escalated) == 1 else None,
	}


def create_escalation_todos(rows: list[dict], now):
	"""A ToDo per escalated complaint for each Followup Manager, in their language.

	The ToDos are written set-based (INSERT ... SELECT per manager and 10,000 complaints). Each
	ToDo's name is derived from complaint, manager and level, so one can never be created twice.
	"""
	managers = role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER]
	if not managers:
		return
	for level in sorted({row.escalation_target for row in rows}):
		names = [row.name for row in rows if row.escalation_target == level]
		for manager in managers:
			with in_language_of(manager):
				template = frappe.utils.escape_html(_("Complaint {0} escalated: {1}"))
			for start in range(0, len(names), CHUNK):
				chunk = names[start : start + CHUNK]
				frappe.db.sql(
					"""
					insert ignore into `tabToDo` (`name`, `owner`, `modified_by`, `creation`, `modified`,
						`docstatus`, `idx`, `status`, `priority`, `date`, `allocated_to`, `assigned_by`,
						`reference_type`, `reference_name`, `description`)
					select left(md5(concat(`name`, %(manager)s, %(level)s)), 16), 'Administrator',
						'Administrator', %(now)s, %(now)s, 0, 0, 'Open', 'High', %(today)s, %(manager)s,
						'Administrator', 'Complaint', `name`,
						replace(replace(%(template)s, '{0}', `name`), '{1}',
							replace(replace(replace(coalesce(`subject`, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'))
					from `tabComplaint` where `name` in %(names)s
					""",
					{
						"manager": manager,
						"level": level,
						"now": now,
						"today": now.date(),
						"template": template,
						"names": chunk,
					},
				)


def notify_escalations(count: int, one: str | None):
	"""One notification per Followup Manager: how many complaints escalated, or which one."""
	managers = role_users([FOLLOWUP_MANAGER])[FOLLOWUP_MANAGER]
	if not managers or not count:
		return
	subject = frappe.db.get_value(COMPLAINT, one, "subject") if count == 1 else None
	notify(
		managers,
		lambda: (
			_("{0} complaints escalated for their SLA").format(count)
			if count > 1
			else _("Complaint {0} escalated: {1}").format(one, subject or "")
		),
		COMPLAINT,
		one if count == 1 else None,
	)
