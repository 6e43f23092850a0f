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


def period_days(period: str, key: str) -> tuple[date, date]:
	"""First and last day of a KPI period key: week "2026-W07" (ISO), month "2026-02", quarter "2026-Q1"."""
	if period == "week":
		year, week = key.split("-W")
		first = date.fromisocalendar(int(year), int(week), 1)
		return first, first + timedelta(days=6)
	if period == "month":
		year, month = key.split("-")
		first, months = date(int(year), int(month), 1), 1
	elif period == "quarter":
		year, quarter = key.split("-Q")
		first, months = date(int(year), 3 * int(quarter) - 2, 1), 3
	else:
		raise ValueError(f"unknown period {period}")
	after = first.month - 1 + months
	following = date(first.year + after // 12, after % 12 + 1, 1)
	return first, following - timedelta(days=1)
