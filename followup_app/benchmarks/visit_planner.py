"""Visit planner benchmark (issue 3): 100,000 customers with tiers and visit history, 5,000 due.

    bench --site SITE execute followup_app.benchmarks.visit_planner.run
    bench --site SITE execute followup_app.benchmarks.visit_planner.cleanup

Runs the planner at 10,000 customers (500 due) and again at 100,000 (5,000 due), printing time,
visits and ToDos created and the number of SQL queries, then runs it once more to show that a second
run plans nothing.

    bench --site SITE execute followup_app.benchmarks.visit_planner.one_visitor

Issue 26: one visitor receives every visit (the Default Visitor fallback) and already holds 18,000
planned visits with a time today; 50,000 customers fall due. Runs the nightly chunk job's steps
chunk by chunk at the default chunk size and prints each chunk's seconds: none may near the long
queue's 120 s budget for a chunk.
"""

import time
from datetime import time as clock

import frappe

from followup_app.benchmarks.harness import (
	PREFIX,
	common_columns,
	delete_generated,
	insert_completed_visits,
	insert_customers,
	insert_in_batches,
	measured,
)
from followup_app.scheduling.nightly import customer_spans, run_customer_steps
from followup_app.scheduling.runs import DEFAULT_CHUNK_SIZE
from followup_app.testing.fixtures import make_user
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


def insert_planned_visits(customers: list[str], visitor: str, day):
	"""A planned phone visit with a time for each of `customers`, all `visitor`'s on `day`, their times
	cycling through the contact hours' quarter hours (09:00-17:45) as a crowded day has them."""
	common = common_columns()
	insert_in_batches(
		"Visit Record",
		(
			{
				**common,
				"name": f"{PREFIX}PV-{index:07d}",
				"naming_series": "VR-.YYYY.-",
				"customer": customer,
				"customer_name": customer,
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"status": "Planned",
				"visitor": visitor,
				"planned_date": day,
				"planned_time": clock(9 + (index % 36) // 4, (index % 4) * 15),
			}
			for index, customer in enumerate(customers)
		),
	)


def one_visitor(due: int = 50_000, taken: int = 18_000) -> dict:
	"""Generate the one-visitor night, run its chunks at the default size, print and return the figures."""
	cleanup()
	visitor = make_user("bench.visitor@example.com", "Followup User")
	frappe.db.set_single_value("Followup Settings", "default_visitor", visitor)
	today = frappe.utils.getdate()
	busy = insert_customers(0, taken, lambda _number: "Normal")
	insert_completed_visits([(name, 1) for name in busy])
	insert_planned_visits(busy, visitor, today)
	names = insert_customers(taken, due, lambda _number: "Normal")
	insert_completed_visits([(name, 200) for name in names])  # Normal: every 90 days, so all are due
	frappe.db.commit()
	chunks = []
	for span in customer_spans(DEFAULT_CHUNK_SIZE):
		started = time.perf_counter()
		result = run_customer_steps(span, str(today))
		frappe.db.commit()
		chunks.append(
			{
				"customers": result.records,
				"planned": result.counts.get("plan", {}).get("planned", 0),
				"seconds": round(time.perf_counter() - started, 2),
			}
		)
		print(chunks[-1])
	figures = {
		"chunks": len(chunks),
		"planned": sum(chunk["planned"] for chunk in chunks),
		"longest_chunk_seconds": max(chunk["seconds"] for chunk in chunks),
		"total_seconds": round(sum(chunk["seconds"] for chunk in chunks), 2),
	}
	print(figures)
	return figures
