from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.calendar import add_days_skipping_holidays, next_working_day

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
holiday_sets = st.sets(days, max_size=60)


def test_a_working_day_is_kept():
	assert next_working_day(date(2026, 11, 23), {date(2026, 11, 24)}) == date(2026, 11, 23)


def test_a_run_of_holidays_is_skipped():
	holidays = {date(2026, 10, 1) + timedelta(days=offset) for offset in range(7)}
	assert next_working_day(date(2026, 10, 1), holidays) == date(2026, 10, 8)


def test_interval_lands_after_holiday():
	assert add_days_skipping_holidays(date(2026, 1, 1), 30, {date(2026, 1, 31)}) == date(2026, 2, 1)
	assert add_days_skipping_holidays(date(2026, 1, 1), 30, set()) == date(2026, 1, 31)


@given(days, holiday_sets)
def test_next_working_day_is_first_non_holiday_on_or_after(day, holidays):
	result = next_working_day(day, holidays)
	assert result >= day
	assert result not in holidays
	assert all(day + timedelta(days=offset) in holidays for offset in range((result - day).days))


@given(days, st.integers(min_value=0, max_value=400), holiday_sets)
def test_adding_days_never_lands_early_or_on_a_holiday(start, interval, holidays):
	result = add_days_skipping_holidays(start, interval, holidays)
	assert result >= start + timedelta(days=interval)
	assert result not in holidays


@given(days, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400), holiday_sets)
def test_adding_days_is_monotone(start, shorter, longer, holidays):
	shorter, longer = sorted((shorter, longer))
	assert add_days_skipping_holidays(start, shorter, holidays) <= add_days_skipping_holidays(
		start, longer, holidays
	)


def test_period_days():
	from followup_app.core.calendar import period_days

	assert period_days("month", "2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
	assert period_days("month", "2024-12") == (date(2024, 12, 1), date(2024, 12, 31))
	assert period_days("quarter", "2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
	assert period_days("quarter", "2026-Q1") == (date(2026, 1, 1), date(2026, 3, 31))
	assert period_days("week", "2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
	with pytest.raises(ValueError):
		period_days("year", "2026")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_day_lies_in_its_periods(day):
	from followup_app.core.calendar import period_days

	iso = day.isocalendar()
	keys = {
		"week": f"{iso[0]}-W{iso[1]:02d}",
		"month": f"{day.year}-{day.month:02d}",
		"quarter": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
	}
	for period, key in keys.items():
		first, last = period_days(period, key)
		assert first <= day <= last
