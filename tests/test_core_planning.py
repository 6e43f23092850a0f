from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.cadence import PolicyRule
from followup_app.core.planning import CustomerPlan, CustomerSchedule, choose_visitors, plan_customer

TODAY = date(2026, 11, 23)
VIP = PolicyRule("VIP", 10, 15, 3, customer_tier="VIP")
NORMAL = PolicyRule("Normal", 30, 90, 7, customer_tier="Normal")
WIN_BACK = PolicyRule("Win-back", 1, 7, 1, lifecycle_stage="At Risk")
POLICIES = [VIP, NORMAL, WIN_BACK]


def customer(name="C1", **values):
	return CustomerSchedule(name=name, created=values.pop("created", date(2026, 1, 1)), **values)


def test_due_from_last_visit_and_planned_today_when_overdue():
	plan = plan_customer(customer(followup_tier="VIP", last_visit=date(2026, 11, 1)), POLICIES, TODAY, set())
	assert plan.policy is VIP
	assert plan.due_date == date(2026, 11, 16)
	assert plan.planned_date == TODAY


def test_planned_on_due_date_within_lead_days():
	plan = plan_customer(customer(followup_tier="VIP", last_visit=date(2026, 11, 11)), POLICIES, TODAY, set())
	assert plan.due_date == date(2026, 11, 26)
	assert plan.planned_date == date(2026, 11, 26)


def test_not_planned_before_lead_days():
	plan = plan_customer(customer(followup_tier="VIP", last_visit=date(2026, 11, 20)), POLICIES, TODAY, set())
	assert plan.due_date == date(2026, 12, 5)
	assert plan.planned_date is None


def test_first_invoice_then_creation_anchor_the_first_visit():
	by_invoice = plan_customer(
		customer(followup_tier="Normal", first_invoice=date(2026, 9, 1)), POLICIES, TODAY, set()
	)
	assert by_invoice.due_date == date(2026, 11, 30)
	assert by_invoice.planned_date == date(2026, 11, 30)
	by_creation = plan_customer(
		customer(followup_tier="Normal", created=date(2026, 10, 1)), POLICIES, TODAY, set()
	)
	assert by_creation.due_date == date(2026, 12, 30)
	assert by_creation.planned_date is None


def test_customer_with_a_planned_visit_gets_no_new_one_but_keeps_its_due_date():
	plan = plan_customer(
		customer(followup_tier="VIP", last_visit=date(2026, 10, 1), has_planned_visit=True),
		POLICIES,
		TODAY,
		set(),
	)
	assert plan.due_date == date(2026, 10, 16)
	assert plan.planned_date is None


def test_no_policy_no_plan():
	assert plan_customer(customer(followup_tier="Gold"), POLICIES, TODAY, set()) is None


def test_holidays_push_the_planned_date():
	holidays = {TODAY, TODAY + timedelta(days=1)}
	plan = plan_customer(
		customer(followup_tier="VIP", last_visit=date(2026, 10, 1)), POLICIES, TODAY, holidays
	)
	assert plan.planned_date == TODAY + timedelta(days=2)


def test_lifecycle_policy_wins_over_tier():
	plan = plan_customer(customer(followup_tier="VIP", lifecycle_stage="At Risk"), POLICIES, TODAY, set())
	assert plan.policy is WIN_BACK


def due_plan(name, policy, **values):
	return CustomerPlan(customer(name, **values), policy, TODAY, TODAY)


def test_visitors_follow_each_assignment_with_fallback():
	by_manager = PolicyRule("M", 1, 10)
	specific = PolicyRule("S", 2, 10, assignment="Specific User", assignee_user="lee@example.com")
	robin = PolicyRule("R", 3, 10, assignment="Round Robin in Role", assignee_role="Followup User")
	empty_robin = PolicyRule("E", 4, 10, assignment="Round Robin in Role", assignee_role="Nobody")
	plans = [
		due_plan("A", by_manager, account_manager="am@example.com"),
		due_plan("B", by_manager),
		due_plan("C", specific),
		due_plan("D", robin),
		due_plan("E", robin),
		due_plan("F", robin),
		due_plan("G", empty_robin),
	]
	chosen = choose_visitors(
		plans,
		{"Followup User": ["x@example.com", "y@example.com"]},
		{"x@example.com": 1},
		"default@example.com",
	)
	assert chosen == {
		"A": "am@example.com",
		"B": "default@example.com",
		"C": "lee@example.com",
		"D": "y@example.com",
		"E": "x@example.com",
		"F": "y@example.com",
		"G": "default@example.com",
	}


def test_no_default_visitor_leaves_visit_unassigned():
	assert choose_visitors([due_plan("A", PolicyRule("M", 1, 10))], {}, {}, None) == {"A": None}


@given(
	names=st.sets(st.text("abcdefgh", min_size=1, max_size=4), max_size=40),
	users=st.sets(st.sampled_from(["u1", "u2", "u3", "u4"]), min_size=1),
)
def test_round_robin_is_balanced_and_deterministic(names, users):
	robin = PolicyRule("R", 1, 10, assignment="Round Robin in Role", assignee_role="Team")
	plans = [due_plan(name, robin) for name in names]
	first = choose_visitors(plans, {"Team": sorted(users)}, {}, None)
	again = choose_visitors(list(reversed(plans)), {"Team": sorted(users, reverse=True)}, {}, None)
	assert first == again
	counts = Counter(first.values())
	assert set(counts) <= users
	if names:
		assert max(counts.values()) - min(counts.get(user, 0) for user in users) <= 1


@given(
	interval=st.integers(1, 400),
	lead=st.integers(0, 399),
	last_visit_ago=st.integers(0, 800),
	holiday_offsets=st.sets(st.integers(0, 30), max_size=10),
)
def test_planned_date_is_never_past_nor_a_holiday(interval, lead, last_visit_ago, holiday_offsets):
	lead = min(lead, interval - 1)
	policy = PolicyRule("P", 1, interval, lead)
	holidays = {TODAY + timedelta(days=offset) for offset in holiday_offsets}
	plan = plan_customer(
		customer(last_visit=TODAY - timedelta(days=last_visit_ago)), [policy], TODAY, holidays
	)
	if plan.planned_date is not None:
		assert plan.planned_date >= TODAY
		assert plan.planned_date not in holidays
		assert plan.due_date - timedelta(days=lead) <= TODAY
	else:
		assert plan.due_date - timedelta(days=lead) > TODAY


def test_next_visit_date_asked_at_the_last_visit_overrides_the_interval():
	def due_date(requested: date) -> date:
		visited = customer(followup_tier="VIP", last_visit=date(2026, 11, 1), requested_date=requested)
		return plan_customer(visited, POLICIES, TODAY, set()).due_date

	assert due_date(date(2026, 11, 24)) == date(2026, 11, 24)
	assert due_date(date(2026, 10, 20)) == date(2026, 11, 16)  # a date already past: the interval
