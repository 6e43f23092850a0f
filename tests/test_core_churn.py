import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.churn import (
	FACTOR_LABELS,
	ChurnSignals,
	churn_risk,
	decode_factors,
	encode_factors,
	purchase_rhythm,
)
from metadata import ROOT

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


def test_factors_are_stored_as_codes_and_points():
	factors = [("recency", 35), ("missed_visits", 4)]
	assert encode_factors(factors) == "recency:35\nmissed_visits:4"
	assert decode_factors("recency:35\nmissed_visits:4") == factors
	assert encode_factors([]) == "" and decode_factors(None) == []


def test_decoding_skips_what_is_not_a_known_code():
	assert decode_factors("No purchase for longer than usual: +35\nrecency:x\nweather:3\nvalue:15") == [
		("value", 15)
	]


@given(st.lists(st.tuples(st.sampled_from(sorted(FACTOR_LABELS)), st.integers(0, 100)), max_size=6))
def test_encoded_factors_decode_to_themselves(factors):
	assert decode_factors(encode_factors(factors)) == factors


def test_every_factor_the_score_names_has_a_label():
	signals = ChurnSignals(
		TODAY,
		*monthly(12, 200),
		recent_orders=0,
		earlier_orders_per_90_days=3,
		recent_amount=0,
		earlier_amount_per_90_days=3000,
		open_complaints=1,
		breached_complaints=1,
		last_nps=2,
		missed_visits=3,
	)
	assert {code for code, _points in churn_risk(signals).factors} == set(FACTOR_LABELS)


def test_the_customer_form_knows_every_factor_by_the_same_label():
	script = (ROOT / "followup_app" / "public" / "js" / "customer.js").read_text(encoding="utf-8")
	labels = dict(re.findall(r'^\t(\w+): __\("([^"]+)"\),$', script, flags=re.M))
	assert labels == FACTOR_LABELS
