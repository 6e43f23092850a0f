from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.topics import (
	BASELINE_WEEKS,
	baseline,
	baseline_weeks,
	is_rising,
	last_full_week,
	rises,
	rising_terms,
	top_terms,
	week_start,
	weekly_counts,
)

MONDAY = date(2026, 11, 23)


def test_weeks_run_monday_to_sunday():
	assert week_start(date(2026, 11, 29)) == MONDAY  # a Sunday
	assert last_full_week(date(2026, 11, 30)) == MONDAY  # the Monday after
	assert last_full_week(date(2026, 12, 6)) == MONDAY
	assert baseline_weeks(MONDAY)[0] == MONDAY - timedelta(days=7 * BASELINE_WEEKS)
	assert baseline_weeks(MONDAY)[-1] == MONDAY - timedelta(days=7)


def test_the_baseline_counts_missing_weeks_as_zero():
	counts = {MONDAY - timedelta(days=7): 8}
	assert baseline(counts, MONDAY) == 1.0


def test_a_category_rises_above_threshold_and_minimum():
	assert is_rising(20, 4.0, 100, 5)
	assert not is_rising(8, 4.0, 100, 5)  # not more than double
	assert not is_rising(4, 0.0, 100, 5)  # below the minimum count
	assert is_rising(5, 0.0, 100, 5)


@given(st.integers(0, 1000), st.floats(0, 1000), st.floats(0, 500), st.integers(1, 50))
def test_rising_always_means_above_minimum_and_baseline(count, base, percent, minimum):
	if is_rising(count, base, percent, minimum):
		assert count >= minimum and count > base


def test_rises_in_a_surge_week_not_in_a_normal_week():
	items = []
	for n in range(1, BASELINE_WEEKS + 1):
		week = MONDAY - timedelta(days=7 * n)
		items += [(week + timedelta(days=1), "Delivery")] * 3 + [(week, "Price")] * 4
	normal = weekly_counts([*items, *[(MONDAY, "Delivery")] * 4, *[(MONDAY, "Price")] * 4])
	assert rises(normal, MONDAY, 100, 5) == []
	surge = weekly_counts([*items, *[(MONDAY + timedelta(days=2), "Delivery")] * 20, (MONDAY, None)])
	found = rises(surge, MONDAY, 100, 5)
	assert [(r.category, r.count, r.baseline) for r in found] == [("Delivery", 20, 3.0)]


def test_rising_terms_stand_out_against_the_baseline():
	week = ["叉车配件到货晚了", "叉车配件又晚了", "the forklift parts are late", "forklift parts late again"]
	before = ["价格合适", "the price is fine"] * 4
	terms = dict(rising_terms(week, before))
	assert "forklift" in terms and terms["forklift"] == 2
	assert any("叉车" in term for term in terms)
	assert "the" not in terms


def test_top_terms_need_two_texts():
	assert top_terms(["发票开错", "发票又错", "价格"]) == [("发票", 2)]
