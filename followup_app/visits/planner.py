"""The daily visit planner: plans the due visits of every customer in bulk, with their ToDos.

Reads everything it needs in a fixed number of queries, decides with `core.planning`, then writes
with bulk inserts. A unique key on Visit Record.planned_visit_key (the customer, while a policy
visit is Planned) lets the database refuse a second open visit when planners overlap: such rows
are skipped by INSERT IGNORE and get no ToDo.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max, Min
from frappe.utils import escape_html, getdate, now_datetime

from followup_app.core.cadence import PolicyRule, matching_policy, tree_ancestors
from followup_app.core.chunks import Span
from followup_app.core.planning import CustomerPlan, CustomerSchedule, choose_visitors, plan_customer
from followup_app.platform.bulk import bulk_insert_dicts, reserve_names
from followup_app.platform.holidays import holidays_from
from followup_app.platform.languages import in_language_of
from followup_app.platform.notifications import notify, role_users
from followup_app.scheduling.spans import within
from followup_app.visits.timing import plan_slots, planned_at

VISIT = "Visit Record"
SERIES = "VR-.YYYY.-"
CHUNK = 10_000  # rows per bulk statement, as frappe.db.bulk_insert chunks


def plan_due_visits(today: date | str | None = None, publish_progress: bool = False) -> dict:
	"""Plan a visit for every customer due one, tell each visitor; returns counts of what happened.

	Running it again plans nothing twice: customers with a Planned visit are skipped, and the
	database refuses a second planned policy visit for a customer.
	"""
	result, planned_for = plan_customers(today, publish_progress=publish_progress)
	notify_visitors(planned_for)
	return result


def plan_customers(
	today: date | str | None = None, customers: Span | None = None, publish_progress: bool = False
) -> tuple[dict, dict[str, int]]:
	"""Plan the due visits of the customers of `customers` (all when None), without alerts.

	Returns the counts of what happened and the number of visits planned per visitor.
	"""
	today = getdate(today)
	progress = _progress_publisher(publish_progress)
	progress(0, _("Reading customers"))
	policies = load_policies()
	schedules = load_customer_schedules(span=customers) if policies else []
	holidays = holidays_from(today)

	plans: list[CustomerPlan] = []
	failed = 0
	for customer in schedules:
		try:
			plan = plan_customer(customer, policies, today, holidays)
		except Exception:
			failed += 1
			frappe.log_error(
				_("Visit planning failed for customer {0}").format(customer.name),
				reference_doctype="Customer",
				reference_name=customer.name,
			)
			continue
		if plan:
			plans.append(plan)

	due = [plan for plan in plans if plan.planned_date]
	roles = sorted({policy.assignee_role for policy in policies if policy.assignee_role})
	visitors = choose_visitors(
		due,
		role_users(roles),
		open_visit_counts(),
		frappe.db.get_single_value("Followup Settings", "default_visitor"),
	)
	planned = insert_visits(due, visitors, progress)
	update_next_visit_due(plans, planned)
	progress(100, _("Planning finished"))
	planned_for: dict[str, int] = defaultdict(int)
	for _name, visitor, _planned_date in planned.values():
		if visitor:
			planned_for[visitor] += 1
	result = {"customers": len(schedules), "due": len(due), "planned": len(planned), "failed": failed}
	return result, dict(planned_for)


def _progress_publisher(enabled: bool) -> Callable[[float, str], None]:
	def publish(percent: float, description: str):
		if enabled:
			frappe.publish_progress(percent, title=_("Planning Visits"), description=description)

	return publish


def load_policies() -> list[PolicyRule]:
	"""Enabled Followup Policies as plain rules."""
	rows = frappe.get_all(
		"Followup Policy",
		filters={"enabled": 1},
		fields=[
			"name",
			"priority",
			"interval_days",
			"lead_days",
			"customer_tier",
			"lifecycle_stage",
			"customer_group",
			"territory",
			"assignment",
			"assignee_user",
			"assignee_role",
		],
	)
	return [
		PolicyRule(
			name=row.name,
			priority=row.priority,
			interval_days=row.interval_days,
			lead_days=row.lead_days,
			customer_tier=row.customer_tier,
			lifecycle_stage=row.lifecycle_stage,
			customer_group=row.customer_group,
			territory=row.territory,
			assignment=row.assignment,
			assignee_user=row.assignee_user,
			assignee_role=row.assignee_role,
		)
		for row in rows
	]


def policy_interval(customer: str) -> int | None:
	"""The visit interval (days) of the Followup Policy that plans `customer`'s visits, if one does."""
	policies = load_policies()
	schedules = load_customer_schedules([customer]) if policies else []
	policy = matching_policy(policies, schedules[0]) if schedules else None
	return policy.interval_days if policy else None


def load_customer_schedules(
	only: list[str] | None = None, span: Span | None = None
) -> list[CustomerSchedule]:
	"""Every enabled, contactable customer (or those of `only`, or of `span`) with its visit and
	invoice history.

	Six queries, whatever the number of customers.
	"""
	customer = frappe.qb.DocType("Customer")
	user = frappe.qb.DocType("User")
	visit = frappe.qb.DocType(VISIT)
	invoice = frappe.qb.DocType("Sales Invoice")

	def restrict(query, field):
		return within(query.where(field.isin(only)) if only is not None else query, field, span)

	rows = restrict(
		frappe.qb.from_(customer)
		.left_join(user)
		.on((user.name == customer.account_manager) & (user.enabled == 1))
		.select(
			customer.name,
			customer.creation,
			customer.followup_tier,
			customer.lifecycle_stage,
			customer.customer_group,
			customer.territory,
			user.name,
			customer.next_visit_due,
		)
		.where(customer.disabled == 0)
		.where(customer.do_not_contact == 0),
		customer.name,
	).run()
	last_visits = {
		name: (getdate(last), getdate(requested) if requested else None)
		for name, last, requested in restrict(
			frappe.qb.from_(visit)
			.select(visit.customer, Max(visit.visit_datetime), Max(visit.next_visit_date))
			.where(visit.status == "Completed")
			.where(visit.visit_datetime.isnotnull())
			.groupby(visit.customer),
			visit.customer,
		).run()
	}
	planned = {
		row[0]
		for row in restrict(
			frappe.qb.from_(visit).select(visit.customer).where(visit.status == "Planned").distinct(),
			visit.customer,
		).run()
	}
	first_invoices = {
		name: getdate(first)
		for name, first in restrict(
			frappe.qb.from_(invoice)
			.select(invoice.customer, Min(invoice.posting_date))
			.where(invoice.docstatus == 1)
			.where(invoice.is_return == 0)
			.groupby(invoice.customer),
			invoice.customer,
		).run()
	}

	groups = load_tree_ancestors("Customer Group")
	territories = load_tree_ancestors("Territory")
	schedules = []
	for name, created, tier, stage, group, territory, account_manager, next_visit_due in rows:
		last_visit, requested = last_visits.get(name, (None, None))
		schedules.append(
			CustomerSchedule(
				name=name,
				created=getdate(created),
				last_visit=last_visit,
				requested_date=requested,
				first_invoice=first_invoices.get(name),
				has_planned_visit=name in planned,
				followup_tier=tier,
				lifecycle_stage=stage,
				customer_group=groups.get(group, group),
				territory=territories.get(territory, territory),
				account_manager=account_manager,
				next_visit_due=getdate(next_visit_due) if next_visit_due else None,
			)
		)
	return schedules


def load_tree_ancestors(doctype: str) -> dict[str, frozenset[str]]:
	"""Each node of a tree DocType with its ancestors, so a policy for a parent group matches."""
	return tree_ancestors(frappe.get_all(doctype, fields=["name", "lft", "rgt"], as_list=True))


def open_visit_counts() -> dict[str, int]:
	"""Planned visits per visitor (round-robin balances on them)."""
	visit = frappe.qb.DocType(VISIT)
	rows = (
		frappe.qb.from_(visit)
		.select(visit.visitor, Count("*"))
		.where(visit.status == "Planned")
		.where(visit.visitor.isnotnull())
		.groupby(visit.visitor)
		.run()
	)
	return dict(rows)


def load_scripts(names: set[str]) -> dict[str, dict]:
	"""Opening, closing and questions of the given Visit Scripts, in two queries."""
	if not names:
		return {}
	scripts = {
		row.name: {"opening": row.opening, "closing": row.closing, "questions": []}
		for row in frappe.get_all(
			"Visit Script", filters={"name": ("in", list(names))}, fields=["name", "opening", "closing"]
		)
	}
	for row in frappe.get_all(
		"Visit Script Question",
		filters={"parent": ("in", list(scripts)), "parenttype": "Visit Script"},
		fields=["parent", "question", "required", "hint"],
		order_by="idx asc",
	):
		scripts[row.parent]["questions"].append(row)
	return scripts


def load_policy_settings(names: set[str]) -> dict[str, dict]:
	"""Visit type, channel and script of the given policies."""
	return {
		row.name: row
		for row in frappe.get_all(
			"Followup Policy",
			filters={"name": ("in", list(names))},
			fields=["name", "visit_type", "channel", "visit_script"],
		)
	}


def insert_visits(
	plans: list[CustomerPlan], visitors: dict[str, str | None], progress: Callable[[float, str], None]
) -> dict[str, tuple[str, str | None, date]]:
	"""Bulk insert the planned visits with their script questions and ToDos.

	Returns customer -> (visit name, visitor, planned date) for the visits the database accepted.
	"""
	if not plans:
		return {}
	policies = load_policy_settings({plan.policy.name for plan in plans})
	scripts = load_scripts({policy.visit_script for policy in policies.values() if policy.visit_script})
	customer_names = load_customer_names([plan.customer.name for plan in plans])
	# The day and time of each visit: within the customer's preferred time, outside busy windows.
	slots = plan_slots(
		[
			(
				plan.customer.name,
				plan.planned_date,
				visitors.get(plan.customer.name),
				policies[plan.policy.name].channel,
			)
			for plan in plans
		]
	)
	names = reserve_names(SERIES, len(plans))
	now = now_datetime()
	user = frappe.session.user
	common = {"owner": user, "modified_by": user, "creation": now, "modified": now, "docstatus": 0}

	accepted: dict[str, tuple[str, str | None, date]] = {}
	pending = list(zip(names, plans, strict=True))
	for start in range(0, len(pending), CHUNK):
		chunk = pending[start : start + CHUNK]
		visit_rows = []
		for name, plan in chunk:
			policy = policies[plan.policy.name]
			script = scripts.get(policy.visit_script) or {}
			visitor = visitors.get(plan.customer.name)
			planned_on, planned_time = slots[plan.customer.name]
			visit_rows.append(
				{
					**common,
					"name": name,
					"naming_series": SERIES,
					"customer": plan.customer.name,
					"customer_name": customer_names.get(plan.customer.name),
					"visit_type": policy.visit_type,
					"channel": policy.channel,
					"status": "Planned",
					"planned_date": planned_on,
					"planned_time": planned_time,
					"planned_at": planned_at(planned_on, planned_time),
					"visitor": visitor,
					"followup_policy": policy.name,
					"visit_script": policy.visit_script,
					"script_opening": script.get("opening"),
					"script_closing": script.get("closing"),
					"planned_visit_key": plan.customer.name,
					"_assign": json.dumps([visitor] if visitor else []),
				}
			)
		bulk_insert_dicts(VISIT, visit_rows, ignore_duplicates=True)

		visit = frappe.qb.DocType(VISIT)
		stored = {
			row[0]
			for row in frappe.qb.from_(visit)
			.select(visit.name)
			.where(visit.name.isin([name for name, _plan in chunk]))
			.run()
		}
		answers, todos = [], []
		for row in visit_rows:
			if row["name"] not in stored:
				continue
			accepted[row["customer"]] = (row["name"], row["visitor"], row["planned_date"])
			questions = (scripts.get(row["visit_script"]) or {}).get("questions", [])
			for idx, question in enumerate(questions, start=1):
				answers.append(
					{
						**common,
						"name": frappe.generate_hash(length=12),
						"parent": row["name"],
						"parenttype": VISIT,
						"parentfield": "script_answers",
						"idx": idx,
						"question": question.question,
						"required": question.required,
						"hint": question.hint,
					}
				)
			if row["visitor"]:
				todos.append(
					{
						**common,
						"name": frappe.generate_hash(length=12),
						"status": "Open",
						"priority": "Medium",
						"date": row["planned_date"],
						"allocated_to": row["visitor"],
						"assigned_by": user,
						"reference_type": VISIT,
						"reference_name": row["name"],
						"description": visit_todo_description(
							row["customer_name"] or row["customer"], row["visit_type"], row["visitor"]
						),
					}
				)
		bulk_insert_dicts("Visit Script Answer", answers)
		bulk_insert_dicts("ToDo", todos)
		progress(
			10 + 80 * (start + len(chunk)) / len(pending),
			_("Planned {0} of {1} visits").format(start + len(chunk), len(pending)),
		)
	return accepted


def visit_todo_description(customer_name: str, visit_type: str, visitor: str) -> str:
	"""The ToDo text of a planned visit, in the visitor's language."""
	with in_language_of(visitor):
		return escape_html(_("{0} visit to {1}").format(_(visit_type), customer_name))


def load_customer_names(customers: list[str]) -> dict[str, str]:
	customer = frappe.qb.DocType("Customer")
	names = {}
	for start in range(0, len(customers), 10_000):
		chunk = customers[start : start + 10_000]
		names.update(
			frappe.qb.from_(customer)
			.select(customer.name, customer.customer_name)
			.where(customer.name.isin(chunk))
			.run()
		)
	return names


def update_next_visit_due(plans: list[CustomerPlan], planned: dict[str, tuple[str, str | None, date]]):
	"""Set each customer's next_visit_due: the date of the visit just planned, else its due date.

	Customers that already had a Planned visit keep theirs. Only changed values are written, with
	one UPDATE per distinct date (per 10,000 customers).
	"""
	by_date: dict[date, list[str]] = defaultdict(list)
	for plan in plans:
		name = plan.customer.name
		if name in planned:
			due = planned[name][2]
		elif not plan.customer.has_planned_visit and not plan.planned_date:
			due = plan.due_date
		else:
			continue
		if due != plan.customer.next_visit_due:
			by_date[due].append(name)
	customer = frappe.qb.DocType("Customer")
	for due, names in by_date.items():
		for start in range(0, len(names), 10_000):
			(
				frappe.qb.update(customer)
				.set(customer.next_visit_due, due)
				.where(customer.name.isin(names[start : start + 10_000]))
				.run()
			)


def notify_visitors(planned_for: dict[str, int]):
	"""One alert per visitor with the number of visits just planned for them."""
	for visitor, count in planned_for.items():
		notify(
			[visitor], lambda count=count: _("{0} follow-up visits were planned for you").format(count), VISIT
		)
