from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.points import (
	InsufficientPoints,
	Lot,
	NegativeEntry,
	ZeroEntry,
	allocate,
	balance,
	expiring,
	signed_points,
	usable,
)

DAY = date(2026, 11, 23)


def lot(name, posted_days_ago, remaining, valid_days=365):
	posted = DAY - timedelta(days=posted_days_ago)
	return Lot(name, posted, posted + timedelta(days=valid_days), remaining)


def test_oldest_lots_are_used_first():
	lots = [lot("B", 10, 50), lot("A", 30, 20), lot("C", 5, 100)]
	assert allocate(lots, 60, DAY) == [("A", 20), ("B", 40)]


def test_expired_and_empty_lots_are_skipped():
	lots = [lot("old", 400, 30), lot("empty", 50, 0), lot("new", 10, 40)]
	assert allocate(lots, 40, DAY) == [("new", 40)]
	assert balance(lots, DAY) == 40


def test_lot_is_usable_on_its_expiry_day():
	last_day = Lot("L", DAY - timedelta(days=10), DAY, 5)
	assert usable([last_day], DAY) == [last_day]
	assert usable([last_day], DAY + timedelta(days=1)) == []


def test_redeeming_more_than_the_balance_takes_nothing():
	with pytest.raises(InsufficientPoints) as error:
		allocate([lot("A", 1, 10)], 11, DAY)
	assert (error.value.wanted, error.value.available) == (11, 10)


def test_zero_or_negative_is_refused():
	with pytest.raises(ValueError):
		allocate([lot("A", 1, 10)], 0, DAY)


def test_expiry_takes_what_is_left_of_lapsed_lots_only():
	lots = [lot("lapsed", 400, 30), lot("used", 380, 0), lot("live", 10, 40)]
	assert expiring(lots, DAY) == [("lapsed", 30)]


lot_lists = st.lists(
	st.builds(
		lambda index, ago, remaining, valid: lot(f"L{index:03d}", ago, remaining, valid),
		st.integers(0, 999),
		st.integers(0, 800),
		st.integers(0, 500),
		st.integers(0, 400),
	),
	max_size=12,
	unique_by=lambda item: item.name,
)


@given(lot_lists, st.integers(1, 3000))
def test_conservation_and_oldest_first(lots, points):
	available = balance(lots, DAY)
	try:
		taken = allocate(lots, points, DAY)
	except InsufficientPoints:
		assert points > available
		return
	assert sum(amount for _name, amount in taken) == points
	by_name = {item.name: item for item in lots}
	for name, amount in taken:
		assert 0 < amount <= by_name[name].remaining
		assert by_name[name].expiry_date >= DAY
	# Every lot older than the last one touched was emptied.
	order = [item.name for item in usable(lots, DAY)]
	last = order.index(taken[-1][0])
	assert [name for name, _amount in taken] == order[: last + 1]
	for name, amount in taken[:-1]:
		assert amount == by_name[name].remaining
	# The balance after is never negative and drops by exactly the points taken.
	after = [
		Lot(item.name, item.posting_date, item.expiry_date, item.remaining - dict(taken).get(item.name, 0))
		for item in lots
	]
	assert all(item.remaining >= 0 for item in after)
	assert balance(after, DAY) == available - points


@given(lot_lists)
def test_expiry_never_takes_consumed_or_live_points(lots):
	for name, amount in expiring(lots, DAY):
		item = next(item for item in lots if item.name == name)
		assert item.expiry_date < DAY
		assert amount == item.remaining > 0
	assert balance(lots, DAY) + sum(amount for _name, amount in expiring(lots, DAY)) == sum(
		item.remaining for item in lots
	)


def test_earn_and_redeem_take_a_positive_number():
	assert signed_points("Earn", 5) == 5
	assert signed_points("Redeem", 5) == -5
	assert signed_points("Expire", 5) == -5 and signed_points("Expire", -5) == -5


@pytest.mark.parametrize("kind", ["Earn", "Redeem"])
def test_a_negative_earn_or_redeem_is_refused_not_flipped(kind):
	with pytest.raises(NegativeEntry):
		signed_points(kind, -5)


def test_adjust_keeps_its_sign():
	assert signed_points("Adjust", -7) == -7
	assert signed_points("Adjust", 7) == 7


@pytest.mark.parametrize("points", [0, 0.5, -2.5])
def test_zero_or_a_fraction_is_refused(points):
	with pytest.raises(ZeroEntry):
		signed_points("Adjust", points)


def test_a_stored_redemption_saved_again_stays_as_it_is():
	assert signed_points("Redeem", -5, stored=-5) == -5
	with pytest.raises(NegativeEntry):
		signed_points("Redeem", -6, stored=-5)  # a changed number is typed again: positive


@given(st.sampled_from(["Earn", "Redeem", "Expire", "Adjust"]), st.integers(-1000, 1000))
def test_signed_points_never_flips_a_typed_sign(kind, points):
	try:
		stored = signed_points(kind, points)
	except NegativeEntry:
		assert kind in ("Earn", "Redeem") and points < 0
	except ZeroEntry:
		assert points == 0
	else:
		assert abs(stored) == abs(points)
		assert (stored < 0) == (kind in ("Redeem", "Expire") or (kind == "Adjust" and points < 0))
