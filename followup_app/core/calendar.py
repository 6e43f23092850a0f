"""Working-day arithmetic over a set of holidays (planned visit dates, SLA clocks)."""

from collections.abc import Collection
from datetime import date, timedelta


def next_working_day(day: date, holidays: Collection[date]) -> date:
	"""Return `day` when it is not a holiday, else the first later day that is not one."""
	while day in holidays:
		day += timedelta(days=1)
	return day


def add_days_skipping_holidays(start: date, days: int, holidays: Collection[date]) -> date:
	"""Move `days` calendar days forward, then past any holidays the result falls on.

	Cadences are counted in calendar days (a 30-day interval stays 30 days), only the landing
	day is moved, so a holiday never becomes the planned date.
	"""
	return next_working_day(start + timedelta(days=days), holidays)
