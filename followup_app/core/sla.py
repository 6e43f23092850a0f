"""Complaint SLA clocks: due times that skip holidays, and the SLA status at a moment."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

ON_TRACK = "On Track"
AT_RISK = "At Risk"
BREACHED = "Breached"
MET = "Met"

# Escalation level a status calls for; a complaint escalates once per level it reaches.
ESCALATION_LEVEL = {ON_TRACK: 0, MET: 0, AT_RISK: 1, BREACHED: 2}


def add_business_hours(start: datetime, hours: float, holidays: Collection[date]) -> datetime:
	"""`start` plus `hours` of clock time, where the clock stops on holidays (whole days).

	A clock started on a holiday starts at the beginning of the next working day.
	"""
	if hours < 0:
		raise ValueError("hours must not be negative")
	current = start
	remaining = timedelta(hours=hours)
	while True:
		if current.date() in holidays:
			current = datetime.combine(current.date() + timedelta(days=1), time.min)
			continue
		end_of_day = datetime.combine(current.date() + timedelta(days=1), time.min)
		if current + remaining <= end_of_day:
			return current + remaining
		remaining -= end_of_day - current
		current = end_of_day


@dataclass(frozen=True)
class SlaClock:
	"""The SLA facts of one complaint."""

	opened_on: datetime
	response_due: datetime
	resolution_due: datetime
	first_response_on: datetime | None = None
	resolved_on: datetime | None = None


def _used(start: datetime, due: datetime, now: datetime) -> float:
	budget = (due - start).total_seconds()
	if budget <= 0:
		return 1.0
	return (now - start).total_seconds() / budget


def sla_status(clock: SlaClock, now: datetime, at_risk_percent: float) -> str:
	"""On Track, At Risk, Breached or Met.

	Breached: the first response came (or is still missing) after `response_due`, or the resolution
	came (or is still missing) after `resolution_due`. Met: resolved with neither breached. At Risk:
	still open, not breached, and the running clock (response until the first response, then
	resolution) has used at least `at_risk_percent` of its budget, measured from `opened_on`.
	"""
	response_at = clock.first_response_on or now
	resolved_at = clock.resolved_on or now
	if response_at > clock.response_due or resolved_at > clock.resolution_due:
		return BREACHED
	if clock.resolved_on:
		return MET
	running_due = clock.response_due if clock.first_response_on is None else clock.resolution_due
	if _used(clock.opened_on, running_due, now) * 100 >= at_risk_percent:
		return AT_RISK
	return ON_TRACK


def escalation_needed(status: str, current_level: int) -> int | None:
	"""The level to escalate to, or None when this status has already been escalated."""
	target = ESCALATION_LEVEL[status]
	return target if target > current_level else None
