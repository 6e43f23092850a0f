"""Hourly SLA job benchmark (issue 4): 100,000 open complaints.

    bench --site SITE execute followup_app.benchmarks.complaint_sla.run
    bench --site SITE execute followup_app.benchmarks.complaint_sla.cleanup

Complaints are spread over the last 4 days with Medium-severity clocks (24 h / 72 h), so a run
finds every SLA status. Prints the time, queries and escalations of a first run, then of a second
run (which escalates nothing).
"""

import frappe
from frappe.utils import now_datetime

from followup_app.benchmarks.harness import (
	PREFIX,
	common_columns,
	delete_generated,
	insert_customers,
	insert_in_batches,
	measured,
	open_complaint,
)
from followup_app.complaints.escalation import update_sla
from followup_app.testing.fixtures import make_user


def generate(count: int):
	customers = insert_customers(0, 1000, lambda number: "Normal")
	now = now_datetime()
	common = common_columns()
	rows = [
		open_complaint(number, customers[number % len(customers)], now, common) for number in range(count)
	]
	insert_in_batches("Complaint", rows, commit=True)


def run(complaints: int = 100_000):
	"""Generate `complaints` open complaints and time the hourly job twice."""
	cleanup()
	make_user("bench.manager@example.com", "Followup Manager")  # receives the escalation ToDos
	generate(complaints)
	first = measured(update_sla)
	print(f"first run: {first}")
	second = measured(update_sla)
	print(f"second run: {second}")
	return {"first": first, "second": second}


def cleanup():
	"""Delete everything the benchmark generated."""
	todo = frappe.qb.DocType("ToDo")
	frappe.qb.from_(todo).delete().where(todo.reference_type == "Complaint").where(
		todo.reference_name.like(f"{PREFIX}%")
	).run()
	delete_generated("Complaint")
	delete_generated("Customer")
	frappe.db.commit()
