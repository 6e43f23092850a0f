"""Outcome playbooks (回访结果分类跟进, seed 003 step 4): what follows from a visit's outcome.

A Followup Outcome Rule (a row of Followup Settings) says, for one outcome, what happens when a visit
ends with it: the next contact N days later (once, instead of the policy's interval when that is
sooner, unless the visitor chose a next visit date), an Email Template to the customer's contact, a ToDo for a user or a
role due N days later, and for *Unreachable* a retry visit N days later up to K attempts, after which
the account manager is told and the customer counts as unreachable. This module decides; the visit's
completion (followup_app.visits.playbooks) carries the decision out once per visit.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

OUTCOMES = ("Satisfied", "Has Issues", "High Potential", "Unreachable")
UNREACHABLE = "Unreachable"

# Problems found in a set of rules, as codes the settings form turns into sentences.
DUPLICATE_OUTCOME = "duplicate_outcome"
RETRY_NOT_UNREACHABLE = "retry_not_unreachable"
ATTEMPTS_WITHOUT_RETRY = "attempts_without_retry"
RETRY_WITHOUT_ATTEMPTS = "retry_without_attempts"
TODO_WITHOUT_ASSIGNEE = "todo_without_assignee"


@dataclass(frozen=True)
class OutcomeRule:
	outcome: str
	next_contact_days: int = 0
	email_template: str | None = None
	todo_user: str | None = None
	todo_role: str | None = None
	todo_days: int = 0
	retry_days: int = 0
	max_attempts: int = 0


@dataclass(frozen=True)
class VisitFacts:
	"""What the playbook needs to know of a visit that has just been completed."""

	outcome: str | None
	completed_on: date  # ToDos and retries count from the day the visit is completed
	chosen_next_visit: date | None = None  # a next visit date the visitor set
	attempt: int = 1  # 1 for a first try, 2 for the first retry...
	do_not_contact: bool = False
	visited_on: date | None = None  # the next contact counts from the visit (a late log keeps the rhythm)
	policy_interval_days: int | None = None  # the interval of the customer's Followup Policy, if any


@dataclass(frozen=True)
class Playbook:
	"""The effects of one visit's outcome; each field empty when that effect does not apply."""

	outcome: str
	next_visit_date: date | None = None
	email_template: str | None = None
	todo_user: str | None = None
	todo_role: str | None = None
	todo_due: date | None = None
	retry_on: date | None = None
	retry_attempt: int | None = None
	give_up: bool = False  # the last attempt failed: tell the account manager, mark the customer

	@property
	def empty(self) -> bool:
		return not (
			self.next_visit_date
			or self.email_template
			or self.todo_user
			or self.todo_role
			or self.retry_on
			or self.give_up
		)


def rule_for(rules: Iterable[OutcomeRule], outcome: str | None) -> OutcomeRule | None:
	"""The rule of `outcome` (the first, should there be several)."""
	return next((rule for rule in rules if outcome and rule.outcome == outcome), None)


def decide(rule: OutcomeRule | None, visit: VisitFacts) -> Playbook | None:
	"""What follows from the visit under `rule`; None when no rule applies to its outcome.

	- next contact: the visit's day (`visited_on`, else `completed_on`) + next_contact_days, never
	  later than the customer's policy interval (a playbook may bring the next contact forward, never
	  push it back), unless the visitor chose a next visit date (a person's choice is never overwritten);
	- the email, unless the customer asked not to be contacted;
	- the ToDo: for the rule's user, else its role, due `todo_days` after the visit;
	- Unreachable: a retry `retry_days` later while attempts remain (attempt < max_attempts), else
	  give up. A customer who asked not to be contacted gets no retry (and no visit at all).
	"""
	if rule is None or not visit.outcome or rule.outcome != visit.outcome:
		return None
	next_visit = None
	if rule.next_contact_days and not visit.chosen_next_visit:
		days = rule.next_contact_days
		if visit.policy_interval_days:
			days = min(days, visit.policy_interval_days)
		next_visit = (visit.visited_on or visit.completed_on) + timedelta(days=days)
	retry_on, retry_attempt, give_up = None, None, False
	if visit.outcome == UNREACHABLE and rule.retry_days and not visit.do_not_contact:
		if visit.attempt < max(rule.max_attempts, 1):
			retry_on = visit.completed_on + timedelta(days=rule.retry_days)
			retry_attempt = visit.attempt + 1
		else:
			give_up = True
	has_todo = bool(rule.todo_user or rule.todo_role)
	return Playbook(
		outcome=visit.outcome,
		next_visit_date=next_visit,
		email_template=None if visit.do_not_contact else rule.email_template or None,
		todo_user=rule.todo_user or None,
		todo_role=None if rule.todo_user else rule.todo_role or None,
		todo_due=visit.completed_on + timedelta(days=rule.todo_days) if has_todo else None,
		retry_on=retry_on,
		retry_attempt=retry_attempt,
		give_up=give_up,
	)


def rule_problems(rules: Iterable[OutcomeRule]) -> list[tuple[int, str]]:
	"""(row number from 1, problem code) for each rule that cannot work as written."""
	problems = []
	seen = set()
	for index, rule in enumerate(rules, start=1):
		if rule.outcome in seen:
			problems.append((index, DUPLICATE_OUTCOME))
		seen.add(rule.outcome)
		if (rule.retry_days or rule.max_attempts) and rule.outcome != UNREACHABLE:
			problems.append((index, RETRY_NOT_UNREACHABLE))
		elif rule.max_attempts and not rule.retry_days:
			problems.append((index, ATTEMPTS_WITHOUT_RETRY))
		elif rule.retry_days and not rule.max_attempts:
			problems.append((index, RETRY_WITHOUT_ATTEMPTS))
		if rule.todo_days and not (rule.todo_user or rule.todo_role):
			problems.append((index, TODO_WITHOUT_ASSIGNEE))
	return problems


def is_reached(outcome: str | None) -> bool:
	"""Whether a completed visit reached the customer (any outcome but Unreachable)."""
	return bool(outcome) and outcome != UNREACHABLE
