from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.surveys import (
	EFFORT,
	NPS,
	RATING,
	ScoredAnswer,
	aggregate_nps,
	ces,
	csat,
	in_range,
	nps_category,
	nps_score,
	overall_score,
)

ANSWERS = [
	ScoredAnswer(RATING, 4, 2),
	ScoredAnswer(RATING, 5, 1),
	ScoredAnswer(NPS, 8, 1),
	ScoredAnswer(EFFORT, 6, 1),
	ScoredAnswer("Text", 0, 5),
]


def test_exact_scores_of_one_survey():
	assert csat(ANSWERS) == 4.5
	assert ces(ANSWERS) == 6
	assert nps_score(ANSWERS) == 8
	assert nps_category(8) == "Passive"
	# (2 * 0.75 + 1 * 1 + 1 * 0.8 + 1 * 5/6) / 5 = 0.82667
	assert overall_score(ANSWERS) == 82.67


def test_nps_categories_at_their_edges():
	assert [nps_category(score) for score in (0, 6, 7, 8, 9, 10)] == [
		"Detractor",
		"Detractor",
		"Passive",
		"Passive",
		"Promoter",
		"Promoter",
	]
	assert nps_category(None) is None


def test_aggregate_nps_is_promoters_minus_detractors():
	assert aggregate_nps([10, 9, 8, 7, 6, 0, 10, 3]) == 0.0
	assert aggregate_nps([10, 9, 9, 8]) == 75.0
	assert aggregate_nps([1, 2, 3]) == -100.0
	assert aggregate_nps([]) is None


def test_nothing_to_score_gives_none():
	only_text = [ScoredAnswer("Text", 0)]
	assert (csat(only_text), ces(only_text), nps_score(only_text), overall_score(only_text)) == (None,) * 4


def test_ranges():
	assert in_range(RATING, 1) and in_range(RATING, 5)
	assert not in_range(RATING, 0) and not in_range(RATING, 6) and not in_range(RATING, 4.5)
	assert in_range(NPS, 0) and in_range(NPS, 10) and not in_range(NPS, 11)
	assert in_range(EFFORT, 7) and not in_range(EFFORT, 0)


answers = st.lists(
	st.one_of(
		st.builds(ScoredAnswer, st.just(RATING), st.integers(1, 5), st.integers(0, 5)),
		st.builds(ScoredAnswer, st.just(NPS), st.integers(0, 10), st.integers(0, 5)),
		st.builds(ScoredAnswer, st.just(EFFORT), st.integers(1, 7), st.integers(0, 5)),
	),
	max_size=10,
)


@given(answers)
def test_overall_stays_within_0_and_100(items):
	score = overall_score(items)
	assert score is None or 0 <= score <= 100


@given(st.lists(st.integers(0, 10), min_size=1))
def test_aggregate_nps_stays_within_bounds(scores):
	assert -100 <= aggregate_nps(scores) <= 100
