from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.churn import ChurnSignals, churn_risk, purchase_rhythm

TODAY = date(2026, 11, 23)


def monthly(count, last_days_ago):
	"""(count, first, last) of `count` invoices a month apart, the last `last_days_ago` days ago."""
	last = TODAY - timedelta(days=last_days_ago)
	return count, last - timedelta(days=30 * (count - 1)), last


def test_rhythm_is_the_mean_gap():
	assert purchase_rhythm(*monthly(4, 0)) == 30
	assert purchase_rhythm(1, TODAY, TODAY) is None
	assert purchase_rhythm(3, TODAY, TODAY) is None


def test_a_loyal_customer_on_rhythm_scores_zero():
	signals = ChurnSignals(TODAY, *monthly(12, 10), 3, 3, 3000, 3000, last_nps=9)
	risk = churn_risk(signals)
	assert (risk.score, risk.factors) == (0, [])


def test_each_factor_contributes_exactly():
	signals = ChurnSignals(
		TODAY,
		*monthly(12, 90),  # 90 days since the last purchase, rhythm 30: (90/30 - 1) / 2 = 1 -> 35
		recent_orders=0,
		earlier_orders_per_90_days=3,  # -100 % -> 20
		recent_amount=500,
		earlier_amount_per_90_days=1000,  # -50 % -> 7.5 -> 8
		open_complaints=1,
		breached_complaints=1,  # 5 + 10 = 15
		last_nps=4,  # 10
		missed_visits=1,  # 2
	)
	risk = churn_risk(signals)
	assert risk.factors == [
		("recency", 35),
		("frequency", 20),
		("value", 8),
		("complaints", 15),
		("detractor", 10),
		("missed_visits", 2),
	]
	assert risk.score == 90


def test_recency_grows_between_one_and_three_rhythms():
	assert churn_risk(ChurnSignals(TODAY, *monthly(6, 30))).factors == []
	assert churn_risk(ChurnSignals(TODAY, *monthly(6, 60))).factors == [("recency", 18)]  # half of 35


def test_caps():
	risk = churn_risk(ChurnSignals(TODAY, open_complaints=9, breached_complaints=9, missed_visits=9))
	assert risk.factors == [("complaints", 15), ("missed_visits", 5)]


@given(
	st.lists(st.dates(date(2020, 1, 1), TODAY), min_size=1, max_size=20),
	st.integers(0, 50),
	st.floats(0, 50),
	st.floats(0, 1e6),
	st.floats(0, 1e6),
	st.integers(0, 20),
	st.integers(0, 20),
	st.one_of(st.none(), st.integers(0, 10)),
	st.integers(0, 20),
)
def test_score_is_within_0_and_100_and_is_the_sum_of_factors(
	dates, recent, earlier, amount, earlier_amount, opened, breached, nps, missed
):
	history = (len(dates), min(dates), max(dates))
	signals = ChurnSignals(
		TODAY, *history, recent, earlier, amount, earlier_amount, opened, breached, nps, missed
	)
	risk = churn_risk(signals)
	assert 0 <= risk.score <= 100
	assert risk.score == sum(points for _name, points in risk.factors)
	assert all(points > 0 for _name, points in risk.factors)


def test_risk_bands():
	from followup_app.core.churn import risk_band

	assert [risk_band(score) for score in (None, 0, 24, 25, 49, 50, 74, 75, 100)] == [
		"Low",
		"Low",
		"Low",
		"Medium",
		"Medium",
		"High",
		"High",
		"Critical",
		"Critical",
	]
