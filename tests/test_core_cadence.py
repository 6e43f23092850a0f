from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.cadence import (
	PolicyRule,
	assign_round_robin,
	is_due,
	matching_policy,
	planned_date,
	tree_ancestors,
	visit_due_date,
)

SHIPPED = [
	PolicyRule("VIP", 10, 15, 3, customer_tier="VIP"),
	PolicyRule("Key", 20, 30, 5, customer_tier="Key"),
	PolicyRule("Normal", 30, 90, 7, customer_tier="Normal"),
	PolicyRule("New Customer", 5, 14, 2, lifecycle_stage="New"),
	PolicyRule("Win-back", 1, 7, 1, lifecycle_stage="At Risk"),
]


def test_lifecycle_policies_win_by_priority():
	assert matching_policy(SHIPPED, {"followup_tier": "VIP", "lifecycle_stage": "At Risk"}).name == "Win-back"
	assert (
		matching_policy(SHIPPED, {"followup_tier": "Normal", "lifecycle_stage": "New"}).name == "New Customer"
	)
	assert matching_policy(SHIPPED, {"followup_tier": "Key", "lifecycle_stage": "Active"}).name == "Key"


def test_no_policy_when_nothing_matches():
	assert matching_policy(SHIPPED, {"followup_tier": None, "lifecycle_stage": "Active"}) is None


def test_blank_conditions_match_any_and_all_conditions_must_hold():
	catch_all = PolicyRule("Any", 99, 60)
	assert matching_policy([catch_all], {}) is catch_all
	narrow = PolicyRule("North VIP", 1, 10, customer_tier="VIP", territory="North")
	assert not narrow.matches({"followup_tier": "VIP", "territory": "South"})
	assert narrow.matches({"followup_tier": "VIP", "territory": "North"})


def test_equal_priority_is_broken_by_name():
	first, second = PolicyRule("A", 1, 10), PolicyRule("B", 1, 10)
	assert matching_policy([second, first], {}) is first


def test_due_date_anchors():
	created, invoiced, visited = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
	assert visit_due_date(30, visited, invoiced, created) == date(2026, 3, 31)
	assert visit_due_date(30, None, invoiced, created) == date(2026, 3, 3)
	assert visit_due_date(30, None, None, created) == date(2026, 1, 31)


def test_due_within_lead_days():
	today = date(2026, 6, 10)
	assert is_due(date(2026, 6, 13), today, 3)
	assert not is_due(date(2026, 6, 14), today, 3)
	assert is_due(date(2026, 5, 1), today, 0)


def test_planned_date_is_never_past_nor_holiday():
	today = date(2026, 10, 1)
	holidays = {today + timedelta(days=offset) for offset in range(7)}
	assert planned_date(date(2026, 9, 1), today, holidays) == date(2026, 10, 8)
	assert planned_date(date(2026, 12, 1), today, holidays) == date(2026, 12, 1)


def test_round_robin_fills_the_least_loaded_first():
	assert assign_round_robin(["b", "a", "c"], {"a": 2, "b": 0, "c": 1}, 4) == ["b", "b", "c", "a"]
	assert assign_round_robin([], {}, 3) == []


@given(
	st.lists(st.sampled_from(["ann", "bob", "cai", "dee", "eve"]), min_size=1, unique=True),
	st.integers(min_value=0, max_value=200),
)
def test_round_robin_is_balanced_and_deterministic(users, visits):
	assigned = assign_round_robin(users, {}, visits)
	assert assigned == assign_round_robin(list(reversed(users)), {}, visits)
	counts = Counter(assigned)
	loads = [counts.get(user, 0) for user in users]
	assert len(assigned) == visits
	assert max(loads) - min(loads) <= 1


@given(
	st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
	st.integers(min_value=1, max_value=400),
	st.integers(min_value=0, max_value=399),
)
def test_a_visit_becomes_due_exactly_lead_days_before_its_due_date(anchor, interval, lead):
	due = visit_due_date(interval, anchor, None, anchor)
	assert due > anchor
	assert is_due(due, due - timedelta(days=lead), lead)
	assert not is_due(due, due - timedelta(days=lead + 1), lead)


def test_tree_conditions_match_descendants():
	ancestors = tree_ancestors([("All", 1, 10), ("Commercial", 2, 5), ("Retail", 3, 4), ("Government", 6, 9)])
	assert ancestors["Retail"] == {"All", "Commercial", "Retail"}
	assert ancestors["Government"] == {"All", "Government"}
	commercial = PolicyRule("Commercial", 1, 30, customer_group="Commercial")
	assert commercial.matches({"customer_group": ancestors["Retail"]})
	assert not commercial.matches({"customer_group": ancestors["Government"]})
	assert PolicyRule("Everyone", 1, 30, customer_group="All").matches(
		{"customer_group": ancestors["Government"]}
	)
