"""Visit planner benchmark (issue 3): 100,000 customers with tiers and visit history, 5,000 due.

    bench --site SITE execute followup_app.benchmarks.visit_planner.run
    bench --site SITE execute followup_app.benchmarks.visit_planner.cleanup

Runs the planner at 10,000 customers (500 due) and again at 100,000 (5,000 due), printing time,
visits and ToDos created and the number of SQL queries, then runs it once more to show that a second
run plans nothing.
"""

import frappe

from followup_app.benchmarks.data import (
	PREFIX,
	delete_generated,
	insert_completed_visits,
	insert_customers,
	measured,
)
from followup_app.testing import make_user
from followup_app.visits.planner import plan_due_visits

TIERS = ("VIP", "Key", "Normal")
DUE_EVERY = 20  # one customer in 20 is due: 5,000 of 100,000


def tier_of(number: int) -> str:
	return TIERS[0] if number % 50 == 0 else TIERS[1] if number % 5 == 0 else TIERS[2]


def generate(start: int, count: int):
	"""Customers with a completed visit each: long ago for the due ones, yesterday for the rest."""
	names = insert_customers(start, count, tier_of)
	insert_completed_visits(
		[(name, 200 if (start + index) % DUE_EVERY == 0 else 1) for index, name in enumerate(names)]
	)
	frappe.db.commit()


def measured_run() -> dict:
	result = measured(plan_due_visits)
	result["todos"] = frappe.db.count(
		"ToDo", {"reference_type": "Visit Record", "status": "Open", "description": ("like", f"%{PREFIX}%")}
	)
	return result


def run(customers: int = 100_000, first: int = 10_000):
	"""Generate, plan at `first` customers, then at `customers`, then re-run; print the figures."""
	cleanup()
	frappe.db.set_single_value(
		"Followup Settings", "default_visitor", make_user("bench.visitor@example.com", "Followup User")
	)
	plan_due_visits()  # warm caches on an empty run
	generate(0, first)
	small = measured_run()
	print(f"{first} customers: {small}")
	clear_planned()
	generate(first, customers - first)
	large = measured_run()
	print(f"{customers} customers: {large}")
	again = measured_run()
	print(f"second run: {again}")
	return {"small": small, "large": large, "again": again}


def clear_planned():
	"""Remove generated planned visits and their ToDos, so a run plans every due customer again."""
	visit = frappe.qb.DocType("Visit Record")
	todo = frappe.qb.DocType("ToDo")
	frappe.qb.from_(todo).delete().where(todo.reference_type == "Visit Record").where(
		todo.description.like(f"%{PREFIX}%")
	).run()
	planned = (
		frappe.qb.from_(visit)
		.select(visit.name)
		.where(visit.customer.like(f"{PREFIX}%"))
		.where(visit.status == "Planned")
	)
	answer = frappe.qb.DocType("Visit Script Answer")
	frappe.qb.from_(answer).delete().where(answer.parent.isin(planned)).run()
	frappe.qb.from_(visit).delete().where(visit.customer.like(f"{PREFIX}%")).where(
		visit.status == "Planned"
	).run()
	frappe.db.commit()


def cleanup():
	"""Delete everything the benchmark generated."""
	clear_planned()
	delete_generated("Visit Record", "customer")
	delete_generated("Customer")
	frappe.db.commit()
