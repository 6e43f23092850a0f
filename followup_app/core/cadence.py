"""Follow-up cadence: which policy applies to a customer, when its next visit is due, who makes it."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from followup_app.core.calendar import next_working_day


@dataclass(frozen=True)
class PolicyRule:
	"""The matching part of a Followup Policy; blank conditions match any customer."""

	name: str
	priority: int
	interval_days: int
	lead_days: int = 0
	customer_tier: str | None = None
	lifecycle_stage: str | None = None
	customer_group: str | None = None
	territory: str | None = None
	assignment: str = "Account Manager"
	assignee_user: str | None = None
	assignee_role: str | None = None

	def matches(self, customer: Mapping) -> bool:
		"""Whether every set condition holds; a customer value may be a collection (a tree node with
		its ancestors), which then matches a condition naming any of its members."""
		return all(
			not wanted or _satisfies(customer.get(field), wanted)
			for field, wanted in (
				("followup_tier", self.customer_tier),
				("lifecycle_stage", self.lifecycle_stage),
				("customer_group", self.customer_group),
				("territory", self.territory),
			)
		)


def _satisfies(value, wanted: str) -> bool:
	if isinstance(value, frozenset | set | tuple | list):
		return wanted in value
	return value == wanted


def tree_ancestors(nodes: Iterable[tuple[str, int, int]]) -> dict[str, frozenset[str]]:
	"""For nested-set tree nodes (name, lft, rgt): each node with all the nodes above it."""
	nodes = list(nodes)
	return {
		name: frozenset(
			other for other, other_lft, other_rgt in nodes if other_lft <= lft and other_rgt >= rgt
		)
		for name, lft, rgt in nodes
	}


def matching_policy(policies: Iterable[PolicyRule], customer: Mapping) -> PolicyRule | None:
	"""The first policy by priority (lower wins, then name) whose conditions the customer meets."""
	for policy in sorted(policies, key=lambda policy: (policy.priority, policy.name)):
		if policy.matches(customer):
			return policy
	return None


def visit_due_date(
	interval_days: int, last_visit: date | None, first_invoice: date | None, created: date
) -> date:
	"""Due date of the next visit: the last completed visit, else the first invoice, else creation, plus the interval."""
	anchor = last_visit or first_invoice or created
	return anchor + timedelta(days=interval_days)


def is_due(due_date: date, today: date, lead_days: int) -> bool:
	"""Whether a visit due on `due_date` should be planned today (within `lead_days` of it, or overdue)."""
	return due_date - timedelta(days=lead_days) <= today


def planned_date(due_date: date, today: date, holidays: Collection[date]) -> date:
	"""The date to plan a visit on: its due date, never in the past, never on a holiday."""
	return next_working_day(max(due_date, today), holidays)


def assign_round_robin(users: Iterable[str], open_counts: Mapping[str, int], visits: int) -> list[str]:
	"""Visitors for `visits` new visits: each goes to the user with the fewest open visits so far.

	Ties go to the alphabetically first user, so the same inputs always give the same result and
	the final loads differ by at most one among the users that received work.
	"""
	load = {user: open_counts.get(user, 0) for user in sorted(set(users))}
	if not load:
		return []
	assigned = []
	for _ in range(visits):
		user = min(load, key=lambda candidate: (load[candidate], candidate))
		load[user] += 1
		assigned.append(user)
	return assigned
