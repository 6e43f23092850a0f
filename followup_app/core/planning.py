"""The daily visit plan: which customers are due a visit today, on which date, and who makes it.

Inputs are plain values read in bulk by the planner job; nothing here touches the database.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from followup_app.core.cadence import (
	PolicyRule,
	assign_round_robin,
	is_due,
	matching_policy,
	planned_date,
	visit_due_date,
)

ACCOUNT_MANAGER = "Account Manager"
SPECIFIC_USER = "Specific User"
ROUND_ROBIN = "Round Robin in Role"


@dataclass(frozen=True)
class CustomerSchedule:
	"""What the planner knows of one customer."""

	name: str
	created: date
	last_visit: date | None = None
	requested_date: date | None = None
	first_invoice: date | None = None
	has_planned_visit: bool = False
	followup_tier: str | None = None
	lifecycle_stage: str | None = None
	# A group or territory, or (as the planner passes them) it with every ancestor in its tree.
	customer_group: str | frozenset[str] | None = None
	territory: str | frozenset[str] | None = None
	account_manager: str | None = None
	next_visit_due: date | None = None  # as last stored, so unchanged values need no write

	def get(self, field: str):
		return getattr(self, field, None)


@dataclass(frozen=True)
class CustomerPlan:
	"""The outcome for one customer: its next due date and, when due now, the visit to plan."""

	customer: CustomerSchedule
	policy: PolicyRule
	due_date: date
	planned_date: date | None


def plan_customer(
	customer: CustomerSchedule, policies: Iterable[PolicyRule], today: date, holidays: Collection[date]
) -> CustomerPlan | None:
	"""The customer's plan under its first matching policy, or None when no policy applies.

	The due date is the next visit date asked for at the last completed visit, when there is one
	after that visit, else the policy's interval from the last visit (see `visit_due_date`).
	`planned_date` is set only when the visit is due within the policy's lead days and the customer
	has no Planned visit yet.
	"""
	policy = matching_policy(policies, customer)
	if policy is None:
		return None
	due = visit_due_date(policy.interval_days, customer.last_visit, customer.first_invoice, customer.created)
	if customer.requested_date and customer.last_visit and customer.requested_date > customer.last_visit:
		due = customer.requested_date
	visit_on = None
	if not customer.has_planned_visit and is_due(due, today, policy.lead_days):
		visit_on = planned_date(due, today, holidays)
	return CustomerPlan(customer, policy, due, visit_on)


def choose_visitors(
	plans: Iterable[CustomerPlan],
	role_users: Mapping[str, Collection[str]],
	open_counts: Mapping[str, int],
	default_visitor: str | None,
) -> dict[str, str | None]:
	"""Visitor per customer for the visits to plan, following each policy's assignment.

	Account Manager takes the customer's account manager; Specific User the policy's user; Round
	Robin shares the visits of each role among its users, fewest open visits first (customers taken
	in name order, so the result is deterministic). Whatever finds nobody falls back to
	`default_visitor`, which may be None.
	"""
	chosen: dict[str, str | None] = {}
	round_robin: dict[str, list[str]] = defaultdict(list)
	for plan in sorted(plans, key=lambda plan: plan.customer.name):
		policy = plan.policy
		if policy.assignment == ROUND_ROBIN and role_users.get(policy.assignee_role or ""):
			round_robin[policy.assignee_role].append(plan.customer.name)
			continue
		if policy.assignment == SPECIFIC_USER:
			visitor = policy.assignee_user
		elif policy.assignment == ACCOUNT_MANAGER:
			visitor = plan.customer.account_manager
		else:
			visitor = None
		chosen[plan.customer.name] = visitor or default_visitor

	load = dict(open_counts)
	for role in sorted(round_robin):
		customers = round_robin[role]
		users = role_users[role]
		visitors = assign_round_robin(users, load, len(customers))
		for customer, visitor in zip(customers, visitors, strict=True):
			chosen[customer] = visitor
			load[visitor] = load.get(visitor, 0) + 1
	return chosen
