"""Response-raising rules of surveys: the one-click question, answers carried by a link, reminders."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.surveys import (
	EFFORT,
	NPS,
	ONE_CLICK_TYPES,
	RATING,
	SCALES,
	one_click_index,
	parse_scale_answer,
	reminder_window,
	scale_values,
)

KINDS = st.sampled_from([RATING, NPS, EFFORT, "Single Choice", "Multiple Choice", "Text"])


def test_the_one_click_question_is_the_first_nps_or_rating():
	assert one_click_index([NPS, "Text"]) == 0
	assert one_click_index(["Single Choice", RATING, RATING]) == 1
	assert one_click_index([EFFORT, "Text", NPS]) == 2
	assert one_click_index([EFFORT, "Text"]) is None
	assert one_click_index([]) is None


@given(st.lists(KINDS, max_size=8))
def test_one_click_index_never_skips_an_earlier_candidate(kinds):
	index = one_click_index(kinds)
	if index is None:
		assert not set(kinds) & set(ONE_CLICK_TYPES)
	else:
		assert kinds[index] in ONE_CLICK_TYPES
		assert not set(kinds[:index]) & set(ONE_CLICK_TYPES)


def test_scale_values():
	assert scale_values(NPS) == list(range(11))
	assert scale_values(RATING) == [1, 2, 3, 4, 5]
	assert scale_values(EFFORT) == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("kind", sorted(SCALES))
def test_every_scale_value_survives_the_link(kind):
	for value in scale_values(kind):
		assert parse_scale_answer(kind, str(value)) == value
		assert parse_scale_answer(kind, value) == value


def test_link_answers_outside_the_scale_are_refused():
	for raw in ("11", "-1", "9.5", "1e1", "", " ", "x", None, "٣", "005", "10" * 30):
		assert parse_scale_answer(NPS, raw) is None, raw
	assert parse_scale_answer(RATING, "0") is None
	assert parse_scale_answer(RATING, "6") is None
	assert parse_scale_answer(NPS, " 9 ") == 9


@given(st.sampled_from(sorted(SCALES)), st.text(max_size=6))
def test_any_link_answer_is_none_or_on_the_scale(kind, raw):
	value = parse_scale_answer(kind, raw)
	assert value is None or value in scale_values(kind)


@given(
	st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1)),
	st.integers(min_value=1, max_value=60),
)
def test_reminder_window(now, days):
	window = reminder_window(now, days)
	assert now - window.sent_before == timedelta(days=days)
	assert window.expires_after - now == timedelta(days=1)


def test_reminder_days_must_be_positive():
	with pytest.raises(ValueError):
		reminder_window(datetime(2026, 1, 1), 0)
