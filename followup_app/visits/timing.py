"""Convenient times for planned visits: settings and preferences read in bulk, `core.timeslots` decides.

A planned visit gets a `planned_time` inside its customer's Preferred Contact Time (else the settings'
contact hours) and outside the busy windows of Followup Settings, on a day that is not a holiday; each
visitor's visits of a day get consecutive slots as long as the channel's guidance (15 minutes a
call, 30 on site, by default).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import get_time, getdate

from followup_app.core.timeslots import (
	SEARCH_DAYS,
	BusyWindow,
	DayBook,
	PreferredTime,
	choose_slot,
	duration_limit,
	parse_preferred_time,
	weekday_index,
)
from followup_app.platform.holidays import holidays_from

VISIT = "Visit Record"
DEFAULT_MINUTES = 15  # a visit on a channel without guidance (email, SMS, WeChat) holds a quarter hour
CHUNK = 10_000


@dataclass(frozen=True)
class Timing:
	busy: tuple[BusyWindow, ...]
	working_hours: tuple[time, time]
	phone_minutes_max: int
	onsite_minutes_max: int

	def minutes(self, channel: str | None) -> int:
		"""How long a visit of `channel` holds in the visitor's day."""
		return duration_limit(channel, self.phone_minutes_max, self.onsite_minutes_max) or DEFAULT_MINUTES


def load_timing() -> Timing:
	"""Busy windows, contact hours and duration guidance of Followup Settings."""
	settings = frappe.get_cached_doc("Followup Settings")
	return Timing(
		busy=tuple(
			BusyWindow(weekday_index(row.weekday), get_time(row.from_time), get_time(row.to_time))
			for row in settings.get("busy_windows") or []
		),
		working_hours=(
			get_time(settings.contact_day_start or "09:00:00"),
			get_time(settings.contact_day_end or "18:00:00"),
		),
		phone_minutes_max=settings.phone_minutes_max or 0,
		onsite_minutes_max=settings.onsite_minutes_max or 0,
	)


@lru_cache(maxsize=4096)
def preference(text: str | None) -> PreferredTime | None:
	"""The parsed preference of a Preferred Contact Time (many customers share the same words)."""
	return parse_preferred_time(text)


def preferred_times(customers: list[str]) -> dict[str, PreferredTime | None]:
	"""Each customer's preferred contact time, in one query per 10,000 customers."""
	customer = frappe.qb.DocType("Customer")
	found = {}
	for start in range(0, len(customers), CHUNK):
		rows = (
			frappe.qb.from_(customer)
			.select(customer.name, customer.preferred_contact_time)
			.where(customer.name.isin(customers[start : start + CHUNK]))
			.where(customer.preferred_contact_time.isnotnull())
			.where(customer.preferred_contact_time != "")
			.run()
		)
		found.update({name: preference(text) for name, text in rows})
	return found


def taken_slots(visitors: list[str], start: date, end: date, timing: Timing) -> dict[str, dict]:
	"""{visitor: {day: DayBook}}: the minutes that the visitors' planned visits with a time already
	take from `start` to `end`, in one query."""
	if not visitors:
		return {}
	visit = frappe.qb.DocType(VISIT)
	rows = (
		frappe.qb.from_(visit)
		.select(visit.visitor, visit.planned_date, visit.planned_time, visit.channel)
		.where(visit.status == "Planned")
		.where(visit.visitor.isin(visitors))
		.where(visit.planned_date >= start)
		.where(visit.planned_date <= end)
		.where(visit.planned_time.isnotnull())
		.run()
	)
	taken: dict[str, dict] = {}
	for visitor, day, at, channel in rows:
		at = get_time(at)
		begin = at.hour * 60 + at.minute
		book = taken.setdefault(visitor, {}).setdefault(getdate(day), DayBook())
		book.add(begin, begin + timing.minutes(channel))
	return taken


def plan_slots(visits: list[tuple[str, date, str | None, str | None]]) -> dict[str, tuple[date, time | None]]:
	"""{customer: (day, time)} for visits to plan, given as (customer, planned date, visitor, channel).

	The day is the planned date or, when nothing fits on it (the customer's preferred days, busy
	windows, a visitor's full day), the first later day that fits, never a holiday; the time is None
	when no day within four weeks suits the customer.
	"""
	if not visits:
		return {}
	timing = load_timing()
	first = min(planned for _customer, planned, _visitor, _channel in visits)
	last = max(planned for _customer, planned, _visitor, _channel in visits)
	holidays = holidays_from(first)
	preferences = preferred_times([customer for customer, *_rest in visits])
	visitors = sorted({visitor for _customer, _planned, visitor, _channel in visits if visitor})
	taken = taken_slots(visitors, first, frappe.utils.add_days(last, SEARCH_DAYS), timing)
	slots = {}
	for customer, planned, visitor, channel in sorted(visits, key=lambda visit: (visit[1], visit[0])):
		day_taken = taken.setdefault(visitor, {}) if visitor else None
		slot = choose_slot(
			planned,
			preferences.get(customer),
			timing.busy,
			holidays,
			timing.working_hours,
			timing.minutes(channel),
			day_taken,
		)
		slots[customer] = slot if slot else (planned, None)
	return slots


def slot_on(customer: str, day: date, visitor: str | None, channel: str | None) -> time | None:
	"""The planner's time for a visit of `customer` on `day` (a date a person chose, which is kept):
	the first free quarter hour of the visitor's day inside the customer's preferred time, outside
	the busy windows; None when that day has no such time."""
	planned_day, at = plan_slots([(customer, getdate(day), visitor, channel)])[customer]
	return at if planned_day == getdate(day) else None


def planned_at(day: date | str | None, at: time | str | None) -> datetime | None:
	"""The moment a visit is planned for (its day at midnight when it has no time), for ordering."""
	if not day:
		return None
	return datetime.combine(getdate(day), get_time(at) if at else time(0))


def check_preferred_time(doc, method=None):
	"""Customer `validate`: say so when the planner cannot read the Preferred Contact Time."""
	text = doc.get("preferred_contact_time")
	if text and doc.has_value_changed("preferred_contact_time") and preference(text) is None:
		frappe.msgprint(
			_(
				"The planner cannot read the Preferred Contact Time {0} and plans visits at any time of "
				"the contact hours. Write it like 09:00-11:30, afternoon, Tue/Thu 14:00-16:00 or 工作日 上午."
			).format(frappe.bold(text)),
			title=_("Preferred Contact Time"),
			indicator="orange",
		)
