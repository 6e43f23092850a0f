from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.goals import (
	ACHIEVED,
	AT_RISK,
	MISSED,
	NOT_MEASURED,
	NOT_STARTED,
	ON_TRACK,
	baseline_window,
	elapsed,
	meets,
	progress,
	status,
)

START, END = date(2026, 1, 1), date(2026, 3, 31)  # 90 days


def test_meets_in_the_kpi_direction():
	assert meets(85, 80, True) and not meets(75, 80, True)
	assert meets(2.5, 3, False) and not meets(3.5, 3, False)
	assert not meets(None, 80, True)


def test_progress_from_baseline_to_target():
	assert progress(80, 70, 90, True) == 50.0
	assert progress(65, 70, 90, True) == 0.0  # went backwards
	assert progress(95, 70, 90, True) == 100.0
	assert progress(4, 6, 2, False) == 50.0  # lower is better: 6 -> 2, now 4
	assert progress(None, 70, 90, True) == 0.0
	assert progress(70, None, 90, True) == 0.0  # no baseline, target not met
	assert progress(2500, 9000, 5000, True, cumulative=True) == 50.0
	# Lower is better, the baseline (0) was already under the target (10): 252 is no progress.
	assert progress(252, 0, 10, False) == 0.0
	assert progress(8, 0, 10, False) == 100.0


def test_elapsed_counts_today():
	assert elapsed(START, END, START) == round(100 / 90, 2)
	assert elapsed(START, END, END) == 100.0
	assert elapsed(START, END, date(2027, 1, 1)) == 100.0


def test_status_rules():
	mid = date(2026, 2, 14)  # day 45 of 90: 50 % elapsed
	assert status(START, END, date(2025, 12, 31), None, 0, 90, True) == NOT_STARTED
	assert status(START, END, mid, 80, 50, 90, True) == ON_TRACK  # progress keeps pace
	assert status(START, END, mid, 75, 25, 90, True) == AT_RISK
	assert status(START, END, mid, 91, 100, 90, True) == ON_TRACK  # a rate can still fall back
	assert status(START, END, mid, 5000, 100, 5000, True, cumulative=True) == ACHIEVED
	assert status(START, END, date(2026, 4, 1), 91, 100, 90, True) == ACHIEVED
	assert status(START, END, date(2026, 4, 1), 89, 95, 90, True) == MISSED


def test_baseline_window_is_the_period_before():
	assert baseline_window(START, END) == (date(2025, 10, 3), date(2025, 12, 31))


@given(
	st.floats(-100, 100),
	st.floats(-100, 100),
	st.floats(-100, 100),
	st.booleans(),
	st.booleans(),
)
def test_progress_is_a_percentage(current, baseline, target, higher, cumulative):
	assert 0 <= progress(current, baseline, target, higher, cumulative) <= 100


@given(st.dates(START, date(2027, 1, 1)), st.floats(0, 100), st.booleans())
def test_a_goal_with_nothing_measured_is_not_measured_never_at_risk_or_missed(today, done, higher):
	assert status(START, END, today, None, done, 50, higher) == NOT_MEASURED
	assert status(START, END, date(2025, 12, 31), None, done, 50, higher) == NOT_STARTED


@given(st.dates(date(2025, 1, 1), date(2027, 1, 1)), st.floats(0, 100), st.floats(0, 100))
def test_final_statuses_only_after_the_period(today, current, done):
	result = status(START, END, today, current, done, 50, True)
	assert (result in (ACHIEVED, MISSED)) == (today > END) or result == ACHIEVED
	if today > END:
		assert result == (ACHIEVED if current >= 50 else MISSED)
