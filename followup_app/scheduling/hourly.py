"""The hourly SLA run: open complaints in chunks, then one escalation alert for the hour."""

import frappe
from frappe.utils import now_datetime

from followup_app.complaints.escalation import notify_escalations, update_sla
from followup_app.core.chunks import Span
from followup_app.scheduling.runs import ChunkResult, Job, register, start_run
from followup_app.scheduling.spans import name_spans

ESCALATED_ONE = "escalated_one"  # {complaint: 1} of a chunk that escalated exactly one


def scheduled_sla_run():
	"""Hourly scheduler entry, unless SLA escalation is turned off in Followup Settings."""
	if frappe.db.get_single_value("Followup Settings", "enable_sla_escalation"):
		start_run(SLA_UPDATE, now_datetime().strftime("%Y-%m-%dT%H"))


def open_complaint_spans(chunk_size: int) -> list[Span]:
	return name_spans(
		"Complaint",
		chunk_size,
		lambda complaint: (complaint.status != "Closed") & complaint.opened_on.isnotnull(),
	)


def run_complaint_steps(span: Span, run_key: str) -> ChunkResult:
	"""SLA status and escalation of the open complaints of `span`, as of now."""
	result = update_sla(now_datetime(), span, notify_managers=False)
	one = result.pop(ESCALATED_ONE)
	counts = {"sla": result, ESCALATED_ONE: {one: 1} if one else {}}
	return ChunkResult(result["complaints"], counts)


def send_alert(counts: dict):
	"""One alert per manager for the complaints escalated in the counts given."""
	escalated = counts.get("sla", {}).get("escalated", 0)
	ones = list(counts.get(ESCALATED_ONE, {}))
	notify_escalations(escalated, ones[0] if escalated == 1 and ones else None)


SLA_UPDATE = register(
	Job(
		label="SLA Update",
		prefix="SLA",
		spans=open_complaint_spans,
		chunk=run_complaint_steps,
		change_figures={"sla": ("changed", "escalated")},
		final=lambda run_key, counts: send_alert(counts),
		late_chunk=send_alert,
	)
)
