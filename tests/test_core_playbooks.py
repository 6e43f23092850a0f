from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.playbooks import (
	ATTEMPTS_WITHOUT_RETRY,
	DUPLICATE_OUTCOME,
	OUTCOMES,
	RETRY_NOT_UNREACHABLE,
	RETRY_WITHOUT_ATTEMPTS,
	TODO_WITHOUT_ASSIGNEE,
	OutcomeRule,
	VisitFacts,
	decide,
	is_reached,
	rule_for,
	rule_problems,
)

TODAY = date(2026, 12, 2)
SATISFIED = OutcomeRule("Satisfied", next_contact_days=30, email_template="Visit Thank You")
HAS_ISSUES = OutcomeRule(
	"Has Issues", email_template="Visit Issue Follow-up", todo_role="Followup Manager", todo_days=1
)
HIGH_POTENTIAL = OutcomeRule("High Potential", next_contact_days=7, todo_role="Sales Manager", todo_days=2)
UNREACHABLE = OutcomeRule("Unreachable", retry_days=2, max_attempts=3)
SHIPPED = [SATISFIED, HAS_ISSUES, HIGH_POTENTIAL, UNREACHABLE]


def visit(outcome, **values):
	return VisitFacts(outcome=outcome, completed_on=TODAY, **values)


def test_satisfied_gets_the_thank_you_and_a_monthly_touch():
	playbook = decide(rule_for(SHIPPED, "Satisfied"), visit("Satisfied"))
	assert playbook.next_visit_date == TODAY + timedelta(days=30)
	assert playbook.email_template == "Visit Thank You"
	assert (playbook.todo_user, playbook.todo_role, playbook.retry_on, playbook.give_up) == (
		None,
		None,
		None,
		False,
	)


def test_next_contact_counts_from_the_visit_todos_from_completion():
	logged_late = visit("High Potential", visited_on=TODAY - timedelta(days=10))
	playbook = decide(HIGH_POTENTIAL, logged_late)
	assert playbook.next_visit_date == TODAY - timedelta(days=3)
	assert playbook.todo_due == TODAY + timedelta(days=2)


def test_the_visitors_next_visit_date_is_never_overwritten():
	chosen = TODAY + timedelta(days=3)
	playbook = decide(SATISFIED, visit("Satisfied", chosen_next_visit=chosen))
	assert playbook.next_visit_date is None
	assert playbook.email_template == "Visit Thank You"


def test_a_playbook_brings_the_next_contact_forward_never_past_the_policy():
	vip = visit("Satisfied", policy_interval_days=15)
	assert decide(SATISFIED, vip).next_visit_date == TODAY + timedelta(days=15)
	normal = visit("Satisfied", policy_interval_days=90)
	assert decide(SATISFIED, normal).next_visit_date == TODAY + timedelta(days=30)
	chosen = TODAY + timedelta(days=40)  # the visitor's own date stands, even past the policy
	assert (
		decide(
			SATISFIED, visit("Satisfied", policy_interval_days=15, chosen_next_visit=chosen)
		).next_visit_date
		is None
	)


def test_has_issues_gives_a_todo_due_the_next_day_to_the_role():
	playbook = decide(rule_for(SHIPPED, "Has Issues"), visit("Has Issues"))
	assert (playbook.todo_role, playbook.todo_due) == ("Followup Manager", TODAY + timedelta(days=1))
	assert playbook.next_visit_date is None


def test_a_user_wins_over_the_role():
	rule = OutcomeRule("High Potential", todo_user="boss@example.com", todo_role="Sales Manager", todo_days=0)
	playbook = decide(rule, visit("High Potential"))
	assert (playbook.todo_user, playbook.todo_role, playbook.todo_due) == ("boss@example.com", None, TODAY)


def test_unreachable_retries_until_the_last_attempt_then_gives_up():
	rule = rule_for(SHIPPED, "Unreachable")
	first = decide(rule, visit("Unreachable", attempt=1))
	assert (first.retry_on, first.retry_attempt, first.give_up) == (TODAY + timedelta(days=2), 2, False)
	second = decide(rule, visit("Unreachable", attempt=2))
	assert (second.retry_attempt, second.give_up) == (3, False)
	last = decide(rule, visit("Unreachable", attempt=3))
	assert (last.retry_on, last.give_up) == (None, True)


def test_do_not_contact_gets_no_email_and_no_retry():
	assert decide(SATISFIED, visit("Satisfied", do_not_contact=True)).email_template is None
	playbook = decide(UNREACHABLE, visit("Unreachable", do_not_contact=True))
	assert playbook.empty


def test_no_rule_or_another_outcome_decides_nothing():
	assert decide(None, visit("Satisfied")) is None
	assert decide(SATISFIED, visit("Has Issues")) is None
	assert decide(SATISFIED, visit(None)) is None
	assert rule_for(SHIPPED, None) is None
	assert rule_for([SATISFIED], "Unreachable") is None


def test_rule_problems():
	assert rule_problems(SHIPPED) == []
	assert rule_problems([SATISFIED, SATISFIED]) == [(2, DUPLICATE_OUTCOME)]
	assert rule_problems([OutcomeRule("Satisfied", retry_days=2, max_attempts=2)]) == [
		(1, RETRY_NOT_UNREACHABLE)
	]
	assert rule_problems([OutcomeRule("Unreachable", max_attempts=2)]) == [(1, ATTEMPTS_WITHOUT_RETRY)]
	assert rule_problems([OutcomeRule("Unreachable", retry_days=2)]) == [(1, RETRY_WITHOUT_ATTEMPTS)]
	assert rule_problems([OutcomeRule("Has Issues", todo_days=1)]) == [(1, TODO_WITHOUT_ASSIGNEE)]


def test_reached():
	assert is_reached("Satisfied") and is_reached("High Potential")
	assert not is_reached("Unreachable") and not is_reached(None)


@given(st.integers(1, 10), st.integers(1, 10))
def test_attempts_never_exceed_the_maximum(max_attempts, retry_days):
	rule = OutcomeRule("Unreachable", retry_days=retry_days, max_attempts=max_attempts)
	attempt, tries = 1, 1
	while True:
		playbook = decide(rule, visit("Unreachable", attempt=attempt))
		if playbook.give_up:
			break
		assert playbook.retry_on == TODAY + timedelta(days=retry_days)
		attempt = playbook.retry_attempt
		tries += 1
		assert tries <= max_attempts
	assert tries == max_attempts


@given(
	st.sampled_from(OUTCOMES),
	st.integers(0, 60),
	st.one_of(st.none(), st.dates(TODAY, TODAY + timedelta(days=400))),
	st.booleans(),
	st.one_of(st.none(), st.integers(1, 400)),
)
def test_next_visit_follows_the_rule_unless_a_person_chose(outcome, days, chosen, do_not_contact, interval):
	rule = OutcomeRule(outcome, next_contact_days=days, email_template="T")
	facts = visit(
		outcome, chosen_next_visit=chosen, do_not_contact=do_not_contact, policy_interval_days=interval
	)
	playbook = decide(rule, facts)
	if chosen or not days:
		assert playbook.next_visit_date is None
	else:
		assert playbook.next_visit_date == TODAY + timedelta(days=min(days, interval or days))
	assert (playbook.email_template is None) == do_not_contact
