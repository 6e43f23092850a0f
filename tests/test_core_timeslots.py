from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.timeslots import (
	SEARCH_DAYS,
	BusyWindow,
	DayBook,
	PreferredTime,
	choose_slot,
	day_windows,
	duration_limit,
	is_over_long,
	parse_preferred_time,
)

MONDAY = date(2026, 11, 30)
FRIDAY = date(2026, 12, 4)
HOURS = (time(9), time(18))
# The shipped busy windows: Monday morning, Friday afternoon.
BUSY = (BusyWindow(0, time(9), time(12)), BusyWindow(4, time(13), time(18)))


@pytest.mark.parametrize(
	("text", "windows", "weekdays"),
	[
		("09:00-11:30", [(time(9), time(11, 30))], None),
		("9-11", [(time(9), time(11))], None),
		("2pm-4pm", [(time(14), time(16))], None),
		("2-4pm", [(time(14), time(16))], None),
		("下午2点-4点", [(time(14), time(16))], None),
		("10点半-11点", [(time(10, 30), time(11))], None),
		("afternoon", [(time(14), time(18))], None),
		("上午", [(time(9), time(12))], None),
		("周二 下午", [(time(14), time(18))], {1}),
		("Tue/Thu 14:00-16:00", [(time(14), time(16))], {1, 3}),
		("Mon-Fri morning", [(time(9), time(12))], {0, 1, 2, 3, 4}),
		("工作日 上午", [(time(9), time(12))], {0, 1, 2, 3, 4}),
		("周一至周五 14:00-16:00", [(time(14), time(16))], {0, 1, 2, 3, 4}),
		("weekends", [], {5, 6}),
		("Fri-Mon", [], {4, 5, 6, 0}),
		("morning or evening", [(time(9), time(12)), (time(18), time(20))], None),
	],
)
def test_preferred_time_is_read_from_what_people_write(text, windows, weekdays):
	preferred = parse_preferred_time(text)
	assert preferred == PreferredTime(tuple(windows), frozenset(weekdays) if weekdays is not None else None)


@pytest.mark.parametrize("text", [None, "", "  ", "随时", "call me", "11-9"])
def test_unreadable_or_empty_preference_is_no_preference(text):
	assert parse_preferred_time(text) is None


def test_busy_window_cuts_the_day():
	assert day_windows(MONDAY, None, BUSY, HOURS) == [(12 * 60, 18 * 60)]
	assert day_windows(FRIDAY, None, BUSY, HOURS) == [(9 * 60, 13 * 60)]
	assert day_windows(MONDAY + timedelta(days=1), None, BUSY, HOURS) == [(9 * 60, 18 * 60)]
	inside = (BusyWindow(2, time(10), time(11)),)
	assert day_windows(date(2026, 12, 2), None, inside, HOURS) == [(9 * 60, 10 * 60), (11 * 60, 18 * 60)]


def test_monday_visit_is_timed_after_the_busy_morning():
	assert choose_slot(MONDAY, None, BUSY, set(), HOURS, 15) == (MONDAY, time(12))


def test_preferred_monday_morning_moves_to_the_next_day_that_allows_it():
	preferred = parse_preferred_time("上午")
	assert choose_slot(MONDAY, preferred, BUSY, set(), HOURS, 15) == (MONDAY + timedelta(days=1), time(9))


def test_preferred_day_and_holidays_are_honoured():
	preferred = parse_preferred_time("Tuesday 14:00-16:00")
	tuesday = MONDAY + timedelta(days=1)
	assert choose_slot(MONDAY, preferred, BUSY, set(), HOURS, 15) == (tuesday, time(14))
	assert choose_slot(MONDAY, preferred, BUSY, {tuesday}, HOURS, 15) == (
		tuesday + timedelta(days=7),
		time(14),
	)


def test_a_visitors_visits_of_a_day_follow_one_another():
	taken: dict = {}
	slots = [choose_slot(MONDAY, None, BUSY, set(), HOURS, 30, taken) for _ in range(3)]
	assert slots == [(MONDAY, time(12)), (MONDAY, time(12, 30)), (MONDAY, time(13))]


def test_a_day_the_visitor_has_full_passes_to_the_next_day():
	taken = {MONDAY: DayBook([(12 * 60, 18 * 60)])}
	assert choose_slot(MONDAY, None, BUSY, set(), HOURS, 15, taken) == (MONDAY + timedelta(days=1), time(9))
	assert taken[MONDAY + timedelta(days=1)].ranges() == [(9 * 60, 9 * 60 + 15)]


def test_when_every_day_is_full_the_first_suitable_day_shares_its_first_slot():
	taken = {MONDAY + timedelta(days=offset): DayBook([(0, 24 * 60)]) for offset in range(SEARCH_DAYS + 1)}
	assert choose_slot(MONDAY, None, BUSY, set(), HOURS, 15, taken) == (MONDAY, time(12))


def test_a_day_book_merges_visits_so_its_size_stays_with_the_gaps():
	book = DayBook()
	for _ in range(18_000):
		start = book.first_free_start([(9 * 60, 18 * 60)], 15)
		book.add(*((start, start + 15) if start is not None else (9 * 60, 9 * 60 + 15)))
	assert book.ranges() == [(9 * 60, 18 * 60)]
	assert book.first_free_start([(9 * 60, 18 * 60)], 15) is None


@given(
	st.lists(st.tuples(st.integers(0, 1439), st.integers(1, 120)), max_size=60),
	st.integers(0, 1439),
	st.integers(1, 120),
)
def test_a_day_book_answers_like_the_plain_list_of_visits(visits, start, length):
	taken = [(begin, min(begin + minutes, 1440)) for begin, minutes in visits]
	book = DayBook(taken)
	overlapping = [end for begin, end in taken if begin < start + length and start < end]
	assert (book.clash_end(start, start + length) is None) == (not overlapping)
	covered = {minute for begin, end in taken for minute in range(begin, end)}
	assert {minute for begin, end in book.ranges() for minute in range(begin, end)} == covered
	assert all(
		end < next_begin
		for (_b, end), (next_begin, _e) in zip(book.ranges(), book.ranges()[1:], strict=False)
	)


def test_nothing_fits_when_preferred_time_lies_inside_a_busy_window_every_week():
	preferred = parse_preferred_time("Monday 09:00-11:00")
	assert choose_slot(MONDAY, preferred, BUSY, set(), HOURS, 15) is None


def test_duration_guidance_per_channel():
	assert duration_limit("Phone", 15, 30) == 15
	assert duration_limit("Video Call", 15, 30) == 15
	assert duration_limit("On-site", 15, 30) == 30
	assert duration_limit("Email", 15, 30) is None
	assert is_over_long("Phone", 16, 15, 30) is True
	assert is_over_long("Phone", 15, 15, 30) is False
	assert is_over_long("On-site", 31, 15, 30) is True
	assert is_over_long("On-site", None, 15, 30) is None
	assert is_over_long("SMS", 90, 15, 30) is None


clock = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
busy_windows = st.lists(
	st.builds(BusyWindow, st.integers(0, 6), clock, clock).filter(lambda w: w.start < w.end), max_size=6
)
preferences = st.one_of(
	st.none(),
	st.builds(
		PreferredTime,
		st.lists(st.tuples(clock, clock).filter(lambda w: w[0] < w[1]), max_size=3).map(tuple),
		st.one_of(st.none(), st.frozensets(st.integers(0, 6), min_size=1)),
	),
)


@given(
	st.dates(date(2026, 1, 1), date(2027, 12, 31)),
	preferences,
	busy_windows,
	st.sets(st.dates(date(2026, 1, 1), date(2028, 3, 1)), max_size=20),
	st.sampled_from([10, 15, 30, 45]),
)
def test_a_chosen_slot_is_never_on_a_holiday_nor_busy_and_lies_in_the_preferred_time(
	planned, preferred, busy, holidays, minutes
):
	slot = choose_slot(planned, preferred, busy, holidays, HOURS, minutes)
	if slot is None:
		return
	day, at = slot
	assert planned <= day <= planned + timedelta(days=SEARCH_DAYS)
	assert day not in holidays
	start = at.hour * 60 + at.minute
	end = start + minutes
	assert start % 15 == 0
	windows = preferred.windows if preferred and preferred.windows else (HOURS,)
	assert any(w[0].hour * 60 + w[0].minute <= start and end <= w[1].hour * 60 + w[1].minute for w in windows)
	if preferred and preferred.weekdays is not None:
		assert day.weekday() in preferred.weekdays
	for window in busy:
		if window.weekday == day.weekday():
			busy_start = window.start.hour * 60 + window.start.minute
			busy_end = window.end.hour * 60 + window.end.minute
			assert end <= busy_start or start >= busy_end
	# No earlier day would have fitted.
	for offset in range((day - planned).days):
		earlier = planned + timedelta(days=offset)
		if earlier not in holidays:
			free = [
				(s, e)
				for s, e in day_windows(earlier, preferred, busy, HOURS)
				if -(-s // 15) * 15 + minutes <= e
			]
			assert not free


@given(st.lists(st.sampled_from([15, 30]), min_size=1, max_size=60))
def test_slots_of_one_visitor_never_overlap_and_fill_a_day_before_the_next_one(lengths):
	taken: dict = {}
	placed = []
	for minutes in lengths:
		day, at = choose_slot(MONDAY + timedelta(days=1), None, BUSY, set(), HOURS, minutes, taken)
		start = at.hour * 60 + at.minute
		placed.append((day, start, start + minutes))
	for index, (day, start, end) in enumerate(placed):
		for other_day, other_start, other_end in placed[index + 1 :]:
			assert day != other_day or end <= other_start or other_end <= start
	for day, start, end in placed:
		# A visit goes to a later day only when the visitor's earlier days had no room for it.
		for offset in range((day - MONDAY - timedelta(days=1)).days):
			earlier = MONDAY + timedelta(days=1 + offset)
			assert (
				taken[earlier].first_free_start(day_windows(earlier, None, BUSY, HOURS), end - start) is None
			)
