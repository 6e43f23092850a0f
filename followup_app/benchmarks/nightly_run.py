"""Nightly and hourly runs at scale (issue 15): 1,000,000 customers with history, 500,000 open complaints.

    bench --site SITE execute followup_app.benchmarks.nightly_run.generate
    bench --site SITE execute followup_app.benchmarks.nightly_run.run --kwargs "{'workers': 1}"
    bench --site SITE execute followup_app.benchmarks.nightly_run.run --kwargs "{'workers': 2}"
    bench --site SITE execute followup_app.benchmarks.nightly_run.cleanup

`generate` writes the customers (tiers, one completed visit each: one in 20 due; a planned visit past
its grace days for one in 100; invoices for two in five; lapsed points for one in 50; expiring
surveys for one in 100) and the open complaints, then keeps a copy of every table the runs write.
`run` restores that copy, starts `workers` RQ workers on the long queue, runs tonight's nightly run
and then this hour's SLA run through their coordinators, waits for them and prints each run's log:
wall time, chunks, records, changes, failures, the longest chunk and the peak memory of a worker.
Use a site of its own: its workers serve every site of the bench. It refuses to start while other
workers listen on the long queue, as they would take chunks and blur the count of workers.
"""

import os
import subprocess
import sys
import time
from datetime import timedelta

import frappe
from frappe.utils import add_days, getdate, now_datetime, nowdate
from frappe.utils.background_jobs import get_queue, get_workers

from followup_app.benchmarks import harness
from followup_app.scheduling import hourly, nightly, runs
from followup_app.testing.fixtures import make_user

CUSTOMERS = 1_000_000
COMPLAINTS = 500_000
TIERS = ("VIP", "Key", "Normal")
WRITTEN = (
	"Customer",
	"Visit Record",
	"Visit Script Answer",
	"ToDo",
	"Loyalty Points",
	"Loyalty Points Allocation",
	"Satisfaction Survey",
	"Complaint",
	"Comment",
	"Version",
	"Error Log",
	"Notification Log",
	"Series",
)
SNAPSHOT = "bench_snapshot_"


def tier_of(number: int) -> str:
	return TIERS[0] if number % 50 == 0 else TIERS[1] if number % 5 == 0 else TIERS[2]


def generate(customers: int = CUSTOMERS, complaints: int = COMPLAINTS):
	"""Write the benchmark history, then keep a copy of the tables the runs write."""
	cleanup()
	visitor = make_user("bench.visitor@example.com", "Followup User")
	make_user("bench.manager@example.com", "Followup Manager")
	frappe.db.set_single_value("Followup Settings", "default_visitor", visitor)
	frappe.db.commit()
	names = []
	for start in range(0, customers, 100_000):
		names.extend(harness.insert_customers(start, min(100_000, customers - start), tier_of))
		frappe.db.commit()
	print(f"{len(names)} customers")
	common = harness.common_columns()
	now, today = now_datetime(), getdate()

	def visit_rows():
		for number, name in enumerate(names):
			days_ago = 200 if number % 20 == 0 else 1 + number % 10
			yield {
				**common,
				"name": f"{harness.PREFIX}V-{number:07d}",
				"naming_series": "VR-.YYYY.-",
				"customer": name,
				"customer_name": name,
				"visit_type": "Routine Maintenance",
				"channel": "Phone",
				"status": "Completed",
				"visit_datetime": now - timedelta(days=days_ago),
				"outcome": "Satisfied",
				"satisfaction": 0.8,
				"planned_date": None,
				"visitor": None,
				"planned_visit_key": None,
			}
			if number % 100 == 1:  # a planned visit left undone past its grace days
				yield {
					**common,
					"name": f"{harness.PREFIX}VP-{number:07d}",
					"naming_series": "VR-.YYYY.-",
					"customer": name,
					"customer_name": name,
					"visit_type": "Routine Maintenance",
					"channel": "Phone",
					"status": "Planned",
					"planned_date": add_days(today, -10),
					"visitor": visitor,
					"planned_visit_key": name,
					"visit_datetime": None,
					"outcome": None,
					"satisfaction": 0,
				}

	harness.insert_in_batches("Visit Record", visit_rows(), 20_000, commit=True)
	print("visits")
	company = frappe.db.get_single_value("Global Defaults", "default_company")

	def invoice_rows():
		for number, name in enumerate(names):
			if number % 5 >= 2:
				continue
			for order in range(2):
				amount = 1_000 * (1 + (number + order) % 20)
				yield harness.invoice_row(
					common,
					f"{harness.PREFIX}SI-{number:07d}-{order}",
					name,
					company,
					add_days(today, -((number * 7 + order * 97) % 540)),
					amount,
				)

	harness.insert_in_batches("Sales Invoice", invoice_rows(), 20_000, commit=True)
	print("invoices")

	def point_rows():
		for number in range(0, len(names), 50):
			yield {
				**common,
				"name": f"{harness.PREFIX}LP-{number:07d}",
				"naming_series": "LP-.YYYY.-",
				"customer": names[number],
				"company": company,
				"transaction_type": "Earn",
				"reason": "Manual",
				"points": 100,
				"remaining_points": 100,
				"posting_date": add_days(today, -400),
				"expiry_date": add_days(today, -35),
				"docstatus": 1,
			}

	harness.insert_in_batches("Loyalty Points", point_rows(), 20_000, commit=True)

	def survey_rows():
		for number in range(0, len(names), 100):
			yield {
				**common,
				"name": f"{harness.PREFIX}S-{number:07d}",
				"naming_series": "SS-.YYYY.-",
				"customer": names[number],
				"survey_template": "Net Promoter Score (NPS)",
				"channel": "Link",
				"status": "Sent",
				"sent_on": now - timedelta(days=20),
				"expires_on": now - timedelta(days=6),
			}

	harness.insert_in_batches("Satisfaction Survey", survey_rows(), 20_000, commit=True)

	complaint_rows = (
		harness.open_complaint(number, names[number % len(names)], now, common)
		for number in range(complaints)
	)
	harness.insert_in_batches("Complaint", complaint_rows, 20_000, commit=True)
	print("complaints")
	for doctype in WRITTEN:
		table = f"tab{doctype}"
		copy = f"{SNAPSHOT}{frappe.scrub(doctype)}"
		frappe.db.sql_ddl(f"drop table if exists `{copy}`")
		frappe.db.sql_ddl(f"create table `{copy}` like `{table}`")
		frappe.db.sql(f"insert into `{copy}` select * from `{table}`")
		frappe.db.commit()
	print("snapshot kept")


def restore():
	"""Put the written tables back as `generate` left them."""
	for doctype in WRITTEN:
		table, copy = f"tab{doctype}", f"{SNAPSHOT}{frappe.scrub(doctype)}"
		frappe.db.sql_ddl(f"truncate table `{table}`")
		frappe.db.sql(f"insert into `{table}` select * from `{copy}`")
		frappe.db.commit()


def long_queue_workers() -> int:
	"""RQ workers listening on the long queue now, on any machine of this Redis."""
	return len(get_workers(get_queue(runs.QUEUE)))


def start_workers(count: int) -> list[subprocess.Popen]:
	"""`count` RQ workers on the long queue, as `bench worker --queue long` starts them."""
	sites = os.path.abspath(os.path.join(frappe.get_site_path(), ".."))
	command = [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "long"]
	return [
		subprocess.Popen(command, cwd=sites, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		for _ in range(count)
	]


def wait_for(run: str, timeout: float) -> dict:
	"""Wait for the run's final step; its log."""
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		frappe.db.rollback()  # a fresh snapshot of what the workers committed
		values = frappe.db.get_value(
			"Followup Job Run",
			run,
			[
				"status",
				"final_step",
				"started_on",
				"finished_on",
				"total_chunks",
				"chunks_done",
				"chunks_failed",
				"records",
				"changes",
				"failures",
				"longest_chunk_seconds",
				"peak_memory_mb",
				"counts",
			],
			as_dict=True,
		)
		if values.final_step in ("Done", "Failed"):
			return values
		time.sleep(1)
	raise TimeoutError(f"{run} did not finish in {timeout} s")


def run(workers: int = 1, chunk_size: int = 0) -> dict:
	"""Restore the history, then time tonight's run and this hour's SLA run with `workers` workers."""
	if others := long_queue_workers():
		raise RuntimeError(f"{others} other worker(s) listen on the long queue: stop them for a fair count")
	restore()
	if chunk_size:
		frappe.db.set_single_value("Followup Settings", "chunk_size", chunk_size)
	frappe.db.set_single_value(
		"Followup Settings",
		{"enable_sla_escalation": 1, "enable_visit_planning": 1, "enable_customer_refresh": 1},
	)
	frappe.db.commit()
	for name in frappe.get_all("Followup Job Run", pluck="name"):
		frappe.db.delete("Followup Job Chunk", {"parent": name})
		frappe.db.delete("Followup Job Run", {"name": name})
	frappe.db.commit()
	processes = start_workers(workers)
	figures = {}
	try:
		for label, start in (
			("nightly", lambda: runs.start_run(nightly.NIGHTLY, nowdate())),
			("hourly SLA", lambda: runs.start_run(hourly.SLA_UPDATE, now_datetime().strftime("%Y-%m-%dT%H"))),
		):
			started = time.perf_counter()
			name = start()
			log = wait_for(name, 3600)
			log["wall_seconds"] = round(time.perf_counter() - started, 1)
			figures[label] = log
			print(f"{label} with {workers} worker(s): {dict(log, counts=frappe.parse_json(log.counts))}")
	finally:
		for process in processes:
			process.terminate()
		for process in processes:
			process.wait(30)
	return figures


def cleanup():
	"""Delete everything the benchmark generated (what its runs wrote first), and its copy of the tables."""
	if frappe.db.sql(f"show tables like '{SNAPSHOT}customer'"):
		restore()
	for doctype in WRITTEN:
		frappe.db.sql_ddl(f"drop table if exists `{SNAPSHOT}{frappe.scrub(doctype)}`")
	todo = frappe.qb.DocType("ToDo")
	frappe.qb.from_(todo).delete().where(todo.reference_name.like(f"{harness.PREFIX}%")).run()
	for doctype, field in (
		("Complaint", "name"),
		("Satisfaction Survey", "name"),
		("Loyalty Points Allocation", "parent"),
		("Loyalty Points", "customer"),
		("Sales Invoice", "name"),
		("Visit Script Answer", "parent"),
		("Visit Record", "customer"),
		("Customer", "name"),
	):
		harness.delete_generated(doctype, field)
	frappe.db.commit()
