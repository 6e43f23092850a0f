from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.tiers import TierThreshold, tier_for_revenue, unreachable_tiers

SHIPPED = [
	TierThreshold("VIP", 1, 1_000_000),
	TierThreshold("Key", 2, 200_000),
	TierThreshold("Normal", 3, 0),
]


def test_revenue_picks_the_most_important_reachable_tier():
	assert tier_for_revenue(SHIPPED, 1_500_000) == "VIP"
	assert tier_for_revenue(SHIPPED, 1_000_000) == "VIP"
	assert tier_for_revenue(SHIPPED, 999_999.99) == "Key"
	assert tier_for_revenue(SHIPPED, 0) == "Normal"


def test_no_tier_when_nothing_qualifies():
	assert tier_for_revenue([TierThreshold("VIP", 1, 100)], 50) is None
	assert tier_for_revenue([], 10) is None


def test_shipped_tiers_are_all_reachable():
	assert unreachable_tiers(SHIPPED) == []


def test_a_tier_shadowed_by_a_cheaper_better_tier_is_unreachable():
	tiers = [TierThreshold("VIP", 1, 100), TierThreshold("Key", 2, 500), TierThreshold("Normal", 3, 0)]
	assert unreachable_tiers(tiers) == ["Key"]


tier_lists = st.lists(
	st.builds(
		TierThreshold,
		name=st.text(min_size=1, max_size=5),
		rank=st.integers(min_value=1, max_value=20),
		min_annual_revenue=st.floats(min_value=0, max_value=1e9, allow_nan=False),
	),
	max_size=8,
	unique_by=(lambda tier: tier.rank, lambda tier: tier.name),
)


@given(tier_lists, st.floats(min_value=0, max_value=2e9, allow_nan=False))
def test_chosen_tier_qualifies_and_no_better_tier_does(tiers, revenue):
	chosen = tier_for_revenue(tiers, revenue)
	qualifying = [tier for tier in tiers if revenue >= tier.min_annual_revenue]
	if chosen is None:
		assert not qualifying
	else:
		tier = next(tier for tier in tiers if tier.name == chosen and revenue >= tier.min_annual_revenue)
		assert all(other.rank >= tier.rank for other in qualifying)


@given(tier_lists)
def test_every_reachable_tier_is_given_at_its_own_threshold(tiers):
	unreachable = set(unreachable_tiers(tiers))
	for tier in tiers:
		if tier.name not in unreachable and sum(other.name == tier.name for other in tiers) == 1:
			assert tier_for_revenue(tiers, tier.min_annual_revenue) == tier.name
