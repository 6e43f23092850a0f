"""Integration tests of chunked scheduled work: chunking, deduplication, retry and the run log."""

import threading
from dataclasses import replace
from unittest.mock import patch

import frappe
from frappe.query_builder.functions import Count
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from followup_app.core.chunks import Span, chunk_job_id, final_job_id
from followup_app.customers.refresh import refresh_customers
from followup_app.scheduling import hourly, nightly, runs
from followup_app.surveys.expiry import expire_surveys
from followup_app.testing.fixtures import make_customer, make_visit
from followup_app.testing.jobs import finish_queued_jobs
from followup_app.visits.missed import mark_missed_visits

PREFIX = "_Test Chunk "
CUSTOMERS = [f"{PREFIX}{letter}" for letter in "ABCDE"]


def at_once(work, job, copies: int = 2) -> list[Exception]:
	"""Run `work` in `copies` threads at the same moment, each on its own connection to this site with
	`job` registered, as separate workers would; returns what they raised."""
	site, errors = frappe.local.site, []

	def on_own_connection():
		frappe.init(site=site)
		frappe.connect()
		try:
			with patch.dict(runs.JOBS, {job.label: job}):
				work()
		except Exception as error:
			errors.append(error)
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=on_own_connection) for _ in range(copies)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return errors


class TestChunkedRuns(FrappeTestCase):
	"""The nightly run over five customers in chunks of two: three chunks, the last with one."""

	def setUp(self):
		self.cleanup()
		for name in CUSTOMERS:
			make_customer(name, followup_tier="VIP", created_days_ago=30)
		self.chunk_size = frappe.db.get_single_value("Followup Settings", "chunk_size")
		frappe.db.set_single_value("Followup Settings", {"chunk_size": 2, "enable_visit_planning": 1})
		frappe.db.commit()  # a run's jobs commit, and may run in a worker: the customers must be there
		self.run_key = nowdate()
		self.job = replace(nightly.NIGHTLY, spans=self.spans)
		patcher = patch.dict(runs.JOBS, {nightly.NIGHTLY.label: self.job})
		patcher.start()
		self.addCleanup(patcher.stop)

	def tearDown(self):
		self.cleanup()
		frappe.db.set_single_value("Followup Settings", "chunk_size", self.chunk_size)
		frappe.db.commit()

	def cleanup(self):
		frappe.db.rollback()
		frappe.db.delete("Followup Job Chunk", {"parent": ("like", "NIGHTLY-%")})
		frappe.db.delete("Followup Job Run", {"name": ("like", "NIGHTLY-%")})
		visits = frappe.get_all("Visit Record", filters={"customer": ("in", CUSTOMERS)}, pluck="name")
		if visits:
			frappe.db.delete("ToDo", {"reference_type": "Visit Record", "reference_name": ("in", visits)})
			frappe.db.delete("Visit Script Answer", {"parent": ("in", visits)})
			frappe.db.delete("Visit Record", {"name": ("in", visits)})
		for name in CUSTOMERS:
			if frappe.db.exists("Customer", name):
				frappe.delete_doc("Customer", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	@staticmethod
	def spans(chunk_size: int) -> list[Span]:
		"""Spans over this test's customers only: the real cut, with the open ends closed."""
		spans = runs_spans(chunk_size)
		return [replace(spans[0], after=PREFIX), *spans[1:-1], replace(spans[-1], last=PREFIX + "\uffff")]

	def run_name(self) -> str:
		return runs.run_name(self.job, self.run_key)

	def finish_chunks(self, *numbers: int):
		finish_queued_jobs(*(chunk_job_id(self.job.label, self.run_key, n) for n in numbers))
		finish_queued_jobs(final_job_id(self.job.label, self.run_key))

	def planned(self) -> dict[str, int]:
		visit = frappe.qb.DocType("Visit Record")
		rows = (
			frappe.qb.from_(visit)
			.select(visit.customer, Count("*"))
			.where(visit.customer.isin(CUSTOMERS))
			.where(visit.status == "Planned")
			.groupby(visit.customer)
			.run()
		)
		return dict(rows)

	def chunks(self) -> list:
		return frappe.get_all(
			"Followup Job Chunk",
			filters={"parent": self.run_name()},
			fields=["chunk_no", "status", "attempts", "records", "error_log"],
			order_by="chunk_no asc",
		)

	def test_each_chunk_job_takes_only_its_customers_and_the_run_log_sums_them(self):
		loaded = []
		original = nightly.plan_customers

		def recording(today, span):
			result = original(today, span)
			loaded.append(result[0]["customers"])
			return result

		with patch.object(nightly, "plan_customers", recording):
			runs.start_run(self.job, self.run_key)
			self.finish_chunks(1, 2, 3)
		self.assertEqual(sorted(loaded), [1, 2, 2])  # no chunk job held more than its chunk
		self.assertEqual(self.planned(), dict.fromkeys(CUSTOMERS, 1))
		run = frappe.get_doc("Followup Job Run", self.run_name())
		self.assertEqual(
			(run.status, run.total_chunks, run.chunks_done, run.chunks_failed, run.records, run.final_step),
			("Completed", 3, 3, 0, 5, "Done"),
		)
		self.assertEqual(run.failures, 0)
		self.assertGreaterEqual(run.changes, 5)  # five visits planned, plus the refresh's changes
		self.assertEqual(frappe.parse_json(run.counts)["plan"]["planned"], 5)
		self.assertIsNotNone(run.duration_seconds)
		self.assertEqual([row.records for row in self.chunks()], [2, 2, 1])

	def test_two_coordinators_at_once_record_one_run_and_queue_each_chunk_once(self):
		errors = at_once(lambda: runs.start_run(self.job, self.run_key), self.job)
		self.assertEqual(errors, [])
		self.assertEqual(frappe.db.count("Followup Job Run", {"name": self.run_name()}), 1)
		self.assertEqual(len(self.chunks()), 3)
		self.assertEqual(runs.enqueue_unfinished(self.run_name()), 0)  # all three already queued

		# Two jobs of the same chunk at once: one claims it, the other finds it taken.
		errors = at_once(lambda: runs.run_chunk(self.run_name(), 1), self.job)
		self.assertEqual(errors, [])
		self.finish_chunks(1, 2, 3)
		self.assertEqual(self.planned(), dict.fromkeys(CUSTOMERS, 1))
		self.assertEqual([(row.status, row.attempts) for row in self.chunks()], [("Done", 1)] * 3)

		runs.start_run(self.job, self.run_key)  # a rerun of the night: nothing left to do
		self.assertEqual(frappe.db.count("Followup Job Chunk", {"parent": self.run_name(), "attempts": 1}), 3)

	def test_coordinators_enqueuing_together_queue_each_chunk_job_once(self):
		"""Frappe's deduplicate looks at the queue, then enqueues; here both coordinators wait for each
		other between the two steps. The run's row lock keeps the second coordinator from looking until
		the first has enqueued and committed, so every chunk's job is enqueued once."""
		from frappe.utils.background_jobs import is_job_enqueued

		runs.start_run(self.job, self.run_key)  # the run is recorded; its chunks are queued once
		self.finish_chunks(1, 2, 3)
		frappe.db.set_value("Followup Job Chunk", {"parent": self.run_name()}, "status", "Failed")
		frappe.db.commit()  # three failed chunks for the hourly retry to offer again

		enqueued = []
		looked = threading.Barrier(2)
		real_enqueue = frappe.enqueue

		def enqueue_with_a_wide_gap(method, **kwargs):
			"""Frappe's deduplicating enqueue, its look and its enqueue kept apart until both looked."""
			if is_job_enqueued(kwargs["job_id"]):
				return None
			try:
				looked.wait(timeout=3)  # with the lock, the other coordinator never gets here in time
			except threading.BrokenBarrierError:
				pass
			enqueued.append(kwargs["job_id"])
			return real_enqueue(method, **{**kwargs, "deduplicate": False})

		with patch("frappe.enqueue", enqueue_with_a_wide_gap):
			errors = at_once(lambda: runs.enqueue_unfinished(self.run_name()), self.job)
		self.assertEqual(errors, [])
		self.assertEqual(
			sorted(enqueued), sorted(chunk_job_id(self.job.label, self.run_key, n) for n in (1, 2, 3))
		)
		self.finish_chunks(1, 2, 3)

	def test_a_failed_chunk_is_logged_and_retried_without_redoing_the_others(self):
		original = nightly.plan_customers

		def failing_in_chunk_two(today, span):
			if span.contains(CUSTOMERS[2]):
				raise RuntimeError("database went away")
			return original(today, span)

		with patch.object(nightly, "plan_customers", failing_in_chunk_two):
			runs.start_run(self.job, self.run_key)
			self.finish_chunks(1, 2, 3)
		chunks = self.chunks()
		self.assertEqual([row.status for row in chunks], ["Done", "Failed", "Done"])
		self.assertTrue(frappe.db.exists("Error Log", chunks[1].error_log))
		run = frappe.get_doc("Followup Job Run", self.run_name())
		self.assertEqual((run.status, run.chunks_failed, run.failures), ("Completed with Failures", 1, 1))
		self.assertEqual(self.planned(), {name: 1 for name in CUSTOMERS if name not in CUSTOMERS[2:4]})

		runs.scheduled_retry_failed_chunks()  # the next hour's coordinator
		self.finish_chunks(2)
		self.assertEqual(self.planned(), dict.fromkeys(CUSTOMERS, 1))
		self.assertEqual(
			[(row.status, row.attempts) for row in self.chunks()], [("Done", 1), ("Done", 2), ("Done", 1)]
		)
		run.reload()
		self.assertEqual((run.status, run.chunks_failed, run.failures, run.records), ("Completed", 0, 0, 5))
		self.assertEqual(frappe.parse_json(run.counts)["plan"]["planned"], 5)

	def test_two_chunks_side_by_side_do_not_wait_on_each_other(self):
		"""Chunk 1 holds its locks (uncommitted) while chunk 2 does the same steps with a one-second
		lock wait: chunk 2 never waits, as each locks only its own customers' records."""
		today = getdate(nowdate())
		for name in (CUSTOMERS[0], CUSTOMERS[2]):  # one customer of chunk 1, one of chunk 2
			make_visit(name, planned_date=add_days(today, -30), status="Planned")
		frappe.db.commit()
		spans = self.spans(2)
		site, errors, missed = frappe.local.site, [], {}
		holding, done = threading.Event(), threading.Event()

		def chunk_steps(number: int, span: Span):
			frappe.init(site=site)
			frappe.connect()
			try:
				if number == 2:
					holding.wait(30)
					frappe.db.sql("SET SESSION innodb_lock_wait_timeout = 1")
				refresh_customers(today, span, plan=False)
				missed[number] = mark_missed_visits(today, span, follow_up=False)
				expire_surveys(span)
			except Exception as error:
				errors.append(error)
			finally:
				if number == 1:
					holding.set()
					done.wait(30)
				else:
					done.set()
				frappe.db.rollback()
				frappe.destroy()

		threads = [threading.Thread(target=chunk_steps, args=(n, spans[n - 1])) for n in (1, 2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		self.assertEqual(errors, [])
		self.assertEqual(missed, {1: 1, 2: 1})

	def test_a_chunk_runs_at_read_committed_and_the_session_level_is_restored(self):
		def level():
			return frappe.db.sql("SELECT @@tx_isolation")[0][0]

		before = level()
		with runs.read_committed():
			during = level()
		self.assertEqual((during, level()), ("READ-COMMITTED", before))


def runs_spans(chunk_size: int) -> list[Span]:
	"""The coordinator's cut of this test's customers."""
	from followup_app.scheduling.spans import name_spans

	return name_spans("Customer", chunk_size, lambda customer: customer.name.like(f"{PREFIX}%"))


class TestHourlyRun(FrappeTestCase):
	def test_the_hourly_run_sets_sla_states_in_chunks_and_logs_them(self):
		customer = make_customer("_Test Hourly SLA")
		complaint = frappe.get_doc(
			{"doctype": "Complaint", "customer": customer.name, "subject": "Late", "severity": "Critical"}
		).insert()
		now = frappe.utils.now_datetime()
		frappe.db.set_value(
			"Complaint",
			complaint.name,
			{
				"opened_on": frappe.utils.add_days(now, -5),
				"response_due": frappe.utils.add_days(now, -4),
				"resolution_due": frappe.utils.add_days(now, -3),
			},
		)
		chunk_size = frappe.db.get_single_value("Followup Settings", "chunk_size")
		frappe.db.set_single_value("Followup Settings", {"enable_sla_escalation": 1, "chunk_size": 2})
		frappe.db.commit()
		key = frappe.utils.now_datetime().strftime("%Y-%m-%dT%H")
		name = runs.run_name(hourly.SLA_UPDATE, key)
		try:
			frappe.db.delete("Followup Job Chunk", {"parent": name})
			frappe.db.delete("Followup Job Run", {"name": name})
			hourly.scheduled_sla_run()
			run = frappe.get_doc("Followup Job Run", name)
			open_complaints = frappe.db.count(
				"Complaint", {"status": ("!=", "Closed"), "opened_on": ("is", "set")}
			)
			self.assertEqual(run.total_chunks, open_complaints // 2 + 1)
			finish_queued_jobs(
				*(chunk_job_id(hourly.SLA_UPDATE.label, key, n) for n in range(1, run.total_chunks + 1))
			)
			finish_queued_jobs(final_job_id(hourly.SLA_UPDATE.label, key))
			run.reload()
			self.assertEqual((run.status, run.final_step), ("Completed", "Done"))
			self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "sla_status"), "Breached")
			self.assertGreaterEqual(frappe.parse_json(run.counts)["sla"]["escalated"], 1)
		finally:
			frappe.db.delete("Followup Job Chunk", {"parent": name})
			frappe.db.delete("Followup Job Run", {"name": name})
			frappe.db.delete("ToDo", {"reference_name": complaint.name})
			frappe.delete_doc("Complaint", complaint.name, force=True, ignore_permissions=True)
			frappe.delete_doc("Customer", customer.name, force=True, ignore_permissions=True)
			frappe.db.set_single_value("Followup Settings", "chunk_size", chunk_size)
			frappe.db.commit()
