"""SLA hours by severity and due times for a complaint (the clock math is in core.sla)."""

from datetime import datetime

import frappe
from frappe.utils import getdate

from followup_app.core.sla import add_business_hours
from followup_app.platform.holidays import holidays_from


def sla_hours(severity: str) -> tuple[float, float]:
	"""(response hours, resolution hours): the severity's Complaint SLA Rule, else the settings defaults."""
	settings = frappe.get_single("Followup Settings")
	for rule in settings.complaint_sla_rules:
		if rule.severity == severity:
			return rule.response_hours, rule.resolution_hours
	return settings.response_sla_hours, settings.resolution_sla_hours


def due_after(start: datetime, hours: float) -> datetime:
	"""`start` + `hours`, skipping the holidays of the settings' holiday list."""
	return add_business_hours(start, hours, holidays_from(getdate(start)))


def at_risk_percent() -> float:
	return frappe.db.get_single_value("Followup Settings", "sla_at_risk_percent") or 80
