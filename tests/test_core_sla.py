from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.sla import (
	AT_RISK,
	BREACHED,
	MET,
	ON_TRACK,
	SlaClock,
	add_business_hours,
	escalation_needed,
	sla_status,
)

MONDAY = datetime(2026, 11, 23, 10, 0)


def test_hours_without_holidays():
	assert add_business_hours(MONDAY, 24, set()) == datetime(2026, 11, 24, 10, 0)
	assert add_business_hours(MONDAY, 0, set()) == MONDAY
	assert add_business_hours(MONDAY, 2.5, set()) == datetime(2026, 11, 23, 12, 30)


def test_holidays_stop_the_clock():
	holidays = {date(2026, 11, 24)}
	# 14 h left on Monday, Tuesday skipped, 10 h on Wednesday.
	assert add_business_hours(MONDAY, 24, holidays) == datetime(2026, 11, 25, 10, 0)


def test_clock_started_on_a_holiday_starts_next_working_day():
	holidays = {date(2026, 11, 23), date(2026, 11, 24)}
	assert add_business_hours(MONDAY, 8, holidays) == datetime(2026, 11, 25, 8, 0)


def test_negative_hours_are_refused():
	with pytest.raises(ValueError):
		add_business_hours(MONDAY, -1, set())


holiday_sets = st.sets(st.dates(date(2026, 11, 20), date(2027, 1, 31)), max_size=15)
starts = st.datetimes(datetime(2026, 11, 20), datetime(2026, 12, 31))


@given(starts, st.floats(0, 500, allow_nan=False), holiday_sets)
def test_never_due_before_opened_nor_on_a_holiday_end(start, hours, holidays):
	due = add_business_hours(start, hours, holidays)
	assert due >= start
	assert due - start >= timedelta(hours=hours) - timedelta(microseconds=1)
	if hours > 0:
		assert due.date() not in holidays or due.time() == datetime.min.time()


@given(starts, st.floats(0, 300, allow_nan=False), st.floats(0, 300, allow_nan=False), holiday_sets)
def test_monotone_in_hours_and_deterministic(start, first, second, holidays):
	low, high = sorted((first, second))
	assert add_business_hours(start, low, holidays) <= add_business_hours(start, high, holidays)
	assert add_business_hours(start, high, holidays) == add_business_hours(start, high, set(holidays))


def clock(**values):
	return SlaClock(
		opened_on=MONDAY,
		response_due=MONDAY + timedelta(hours=10),
		resolution_due=MONDAY + timedelta(hours=100),
		**values,
	)


def test_status_through_the_response_clock():
	assert sla_status(clock(), MONDAY + timedelta(hours=7), 80) == ON_TRACK
	assert sla_status(clock(), MONDAY + timedelta(hours=8), 80) == AT_RISK
	assert sla_status(clock(), MONDAY + timedelta(hours=10, seconds=1), 80) == BREACHED


def test_status_through_the_resolution_clock():
	responded = clock(first_response_on=MONDAY + timedelta(hours=2))
	assert sla_status(responded, MONDAY + timedelta(hours=50), 80) == ON_TRACK
	assert sla_status(responded, MONDAY + timedelta(hours=80), 80) == AT_RISK
	assert sla_status(responded, MONDAY + timedelta(hours=101), 80) == BREACHED


def test_late_response_stays_breached_and_resolution_in_time_is_met():
	late = clock(first_response_on=MONDAY + timedelta(hours=11))
	assert sla_status(late, MONDAY + timedelta(hours=12), 80) == BREACHED
	met = clock(first_response_on=MONDAY + timedelta(hours=1), resolved_on=MONDAY + timedelta(hours=90))
	assert sla_status(met, MONDAY + timedelta(hours=500), 80) == MET
	late_fix = clock(first_response_on=MONDAY + timedelta(hours=1), resolved_on=MONDAY + timedelta(hours=101))
	assert sla_status(late_fix, MONDAY + timedelta(hours=102), 80) == BREACHED


def test_each_escalation_level_fires_once():
	assert escalation_needed(ON_TRACK, 0) is None
	assert escalation_needed(AT_RISK, 0) == 1
	assert escalation_needed(AT_RISK, 1) is None
	assert escalation_needed(BREACHED, 1) == 2
	assert escalation_needed(BREACHED, 0) == 2
	assert escalation_needed(BREACHED, 2) is None
	assert escalation_needed(MET, 2) is None
