"""Runs of chunked scheduled work on the long queue, logged as Followup Job Runs.

A coordinator (the scheduler's small daily or hourly job) records the run with its chunk spans and
enqueues one job per chunk under a deterministic job id with `deduplicate`, holding the run's row lock
while it does, so a second coordinator, a rerun or a second worker never has a chunk queued or
running twice. A chunk job claims its row
(locked), does its work in one transaction, commits, then adds its figures to the run under the run's
row lock. After the last chunk, the run's final step runs once. A failed chunk is written to the
Error Log and taken again by the next coordinator (hourly), up to three attempts; finished chunks are
never taken again.
"""

import json
import resource
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import cint, now_datetime
from frappe.utils.background_jobs import get_queues_timeout

from followup_app.core.chunks import (
	DONE,
	FAILED,
	QUEUED,
	RUN_RUNNING,
	RUNNING,
	Span,
	add_counts,
	changes_of,
	chunk_job_id,
	claimable,
	final_job_id,
	run_status,
)

RUN = "Followup Job Run"
CHUNK = "Followup Job Chunk"
QUEUE = "long"
DEFAULT_CHUNK_SIZE = 5000


@dataclass(frozen=True)
class ChunkResult:
	"""What a chunk did: how many records it covered, per-step counts, and records it had to skip."""

	records: int
	counts: dict[str, dict[str, int]]
	failures: int = 0


@dataclass(frozen=True)
class Job:
	"""A kind of chunked work: its log name, how it cuts its records, what a chunk and the end do."""

	label: str
	prefix: str
	spans: Callable[[int], list[Span]]
	chunk: Callable[[Span, str], ChunkResult]
	change_figures: dict[str, tuple[str, ...]]
	final: Callable[[str, dict], None]
	late_chunk: Callable[[dict], None] = field(default=lambda counts: None)
	prepare: Callable[[], None] = field(default=lambda: None)  # by the coordinator, before enqueuing


JOBS: dict[str, Job] = {}
JOB_MODULES = (
	"followup_app.scheduling.nightly",
	"followup_app.scheduling.hourly",
	"followup_app.feedback.learning",
)


def register(job: Job) -> Job:
	"""Make `job` known to the chunk jobs by its label (its module calls this on import)."""
	JOBS[job.label] = job
	return job


def job_of(run: str) -> Job:
	"""The registered job of run `run`."""
	for module in JOB_MODULES:
		frappe.get_module(module)
	return JOBS[frappe.db.get_value(RUN, run, "job")]


def chunk_size() -> int:
	"""Records per chunk (Followup Settings, Chunk Size)."""
	return cint(frappe.db.get_single_value("Followup Settings", "chunk_size")) or DEFAULT_CHUNK_SIZE


def run_name(job: Job, run_key: str) -> str:
	return f"{job.prefix}-{run_key}"


def start_run(job: Job, run_key: str) -> str:
	"""Record the run of `job` for `run_key` (once) and enqueue its chunks not yet finished."""
	name = run_name(job, run_key)
	if not frappe.db.exists(RUN, name):
		size = chunk_size()
		spans = job.spans(size)
		run = frappe.get_doc(
			{
				"doctype": RUN,
				"name": name,
				"job": job.label,
				"run_key": run_key,
				"status": RUN_RUNNING,
				"started_on": now_datetime(),
				"chunk_size": size,
				"total_chunks": len(spans),
				"final_step": "Pending",
				"chunks": [
					{"chunk_no": number, "status": QUEUED, "after_name": span.after, "last_name": span.last}
					for number, span in enumerate(spans, start=1)
				],
			}
		)
		run.flags.ignore_permissions = True
		try:
			run.db_insert()
			for row in run.chunks:
				row.db_insert()
			frappe.db.commit()
		except frappe.DuplicateEntryError:
			frappe.db.rollback()  # another coordinator recorded it first: enqueue from its record
	job.prepare()
	enqueue_unfinished(name)
	return name


def enqueue_unfinished(name: str) -> int:
	"""Enqueue every chunk of run `name` that may be taken now and is not queued or running already;
	returns how many were enqueued, and commits.

	Frappe's `deduplicate` looks at the queue, then enqueues: two coordinators at the same moment
	could both look before either enqueued. So the run's row is locked while its chunks are read and
	enqueued: a second coordinator waits, then reads after the first committed and finds its jobs.
	"""
	frappe.db.commit()  # what follows reads after the lock, seeing what the lock's holder committed
	run_table = frappe.qb.DocType(RUN)
	locked = (
		frappe.qb.from_(run_table)
		.select(run_table.job, run_table.run_key)
		.where(run_table.name == name)
		.for_update()
		.run()
	)
	if not locked:
		return 0
	job_label, run_key = locked[0]
	now, stale = now_datetime(), stale_after()
	chunk = frappe.qb.DocType(CHUNK)
	rows = (
		frappe.qb.from_(chunk)
		.select(chunk.chunk_no, chunk.status, chunk.attempts, chunk.started_on)
		.where(chunk.parent == name)
		.where(chunk.parenttype == RUN)
		.where(chunk.status != DONE)
		.orderby(chunk.chunk_no)
		.run(as_dict=True)
	)
	enqueued = 0
	for row in rows:
		if claimable(row.status, row.attempts or 0, row.started_on, now, stale):
			job = frappe.enqueue(
				"followup_app.scheduling.runs.run_chunk",
				queue=QUEUE,
				job_id=chunk_job_id(job_label, run_key, row.chunk_no),
				deduplicate=True,
				run=name,
				chunk_no=row.chunk_no,
			)
			enqueued += job is not None  # None: that chunk's job is queued or running already
	frappe.db.commit()
	return enqueued


def stale_after() -> timedelta:
	"""How long a chunk may stay Running before it counts as failed: the long queue's timeout."""
	return timedelta(seconds=get_queues_timeout()[QUEUE])


def run_chunk(run: str, chunk_no: int):
	"""The chunk job: claim chunk `chunk_no` of `run`, do its work and record what it did."""
	claimed = claim(run, chunk_no)
	if not claimed:
		return
	job = job_of(run)
	run_key = frappe.db.get_value(RUN, run, "run_key")
	started = time.monotonic()
	try:
		with read_committed():
			result = job.chunk(Span(claimed.after_name, claimed.last_name), run_key)
	except Exception:
		frappe.db.rollback()
		log = frappe.log_error(
			title=_("Followup job chunk {0} of {1} failed").format(chunk_no, run),
			reference_doctype=RUN,
			reference_name=run,
		)
		record_chunk(run, claimed.name, FAILED, time.monotonic() - started, error_log=log.name)
	else:
		record_chunk(run, claimed.name, DONE, time.monotonic() - started, result)
	frappe.db.commit()


@contextmanager
def read_committed():
	"""Run the chunk's transaction at READ COMMITTED: its locking reads and updates lock the rows they
	find, not the gaps beside them, so chunks of neighbouring customers running side by side never
	wait on (or deadlock with) each other at their boundaries. The session's level is put back after.
	Left at the server's level where a binary log in STATEMENT format cannot record such writes."""
	level, log_bin, binlog_format = frappe.db.sql("SELECT @@tx_isolation, @@log_bin, @@binlog_format")[0]
	if log_bin and binlog_format == "STATEMENT":
		yield
		return
	frappe.db.sql("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
	frappe.db.rollback()  # nothing done yet: begins the chunk's transaction at that level
	try:
		yield
	finally:
		frappe.db.sql(f"SET SESSION TRANSACTION ISOLATION LEVEL {level.replace('-', ' ')}")


def peak_memory_mb() -> float:
	"""The largest resident memory of this process so far (Linux reports kilobytes)."""
	return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def chunk_row(run: str, chunk_no: int) -> str | None:
	"""The name of chunk `chunk_no`'s row, read without a lock: the row is then locked by its name alone,
	where a locking search by run and number would lock every chunk row of the run (chunk_no has no
	index), and workers claiming and recording chunks at once would deadlock."""
	chunk = frappe.qb.DocType(CHUNK)
	rows = (
		frappe.qb.from_(chunk)
		.select(chunk.name)
		.where(chunk.parent == run)
		.where(chunk.parenttype == RUN)
		.where(chunk.chunk_no == chunk_no)
		.run(pluck=True)
	)
	return rows[0] if rows else None


def claim(run: str, chunk_no: int):
	"""Mark the chunk Running (under its row lock) if it may be taken now; its row, else None."""
	chunk = frappe.qb.DocType(CHUNK)
	rows = (
		frappe.qb.from_(chunk)
		.select(chunk.name, chunk.status, chunk.attempts, chunk.started_on, chunk.after_name, chunk.last_name)
		.where(chunk.name == chunk_row(run, chunk_no))
		.for_update()
		.run(as_dict=True)
	)
	now = now_datetime()
	if not rows or not claimable(
		rows[0].status, rows[0].attempts or 0, rows[0].started_on, now, stale_after()
	):
		frappe.db.rollback()
		return None
	row = rows[0]
	(
		frappe.qb.update(chunk)
		.set(chunk.status, RUNNING)
		.set(chunk.attempts, (row.attempts or 0) + 1)
		.set(chunk.started_on, now)
		.set(chunk.finished_on, None)
		.where(chunk.name == row.name)
		.run()
	)
	frappe.db.commit()
	return row


def record_chunk(
	run: str,
	row: str,
	status: str,
	seconds: float,
	result: ChunkResult | None = None,
	error_log: str | None = None,
):
	"""Store the outcome of the chunk whose row is `row` and the run's totals; start the final step after
	the last chunk."""
	run_table, chunk = frappe.qb.DocType(RUN), frappe.qb.DocType(CHUNK)
	frappe.qb.from_(run_table).select(run_table.name).where(run_table.name == run).for_update().run()
	job = job_of(run)
	(
		frappe.qb.update(chunk)
		.set(chunk.status, status)
		.set(chunk.finished_on, now_datetime())
		.set(chunk.duration_seconds, round(seconds, 3))
		.set(chunk.peak_memory_mb, peak_memory_mb())
		.set(chunk.records, result.records if result else 0)
		.set(chunk.changes, changes_of(result.counts, job.change_figures) if result else 0)
		.set(
			chunk.counts,
			json.dumps({"counts": result.counts, "failures": result.failures}) if result else None,
		)
		.set(chunk.error_log, error_log)
		.where(chunk.name == row)
		.run()
	)
	update_totals(run, job)
	final_step = frappe.db.get_value(RUN, run, "final_step")
	if status == DONE and final_step == "Done":
		job.late_chunk(result.counts)  # a retried chunk after the end: its own notifications now
	elif final_step == "Pending" and frappe.db.get_value(RUN, run, "status") != RUN_RUNNING:
		frappe.enqueue(
			"followup_app.scheduling.runs.run_final_step",
			queue=QUEUE,
			job_id=final_job_id(job.label, frappe.db.get_value(RUN, run, "run_key")),
			deduplicate=True,
			enqueue_after_commit=True,
			run=run,
		)


def update_totals(run: str, job: Job):
	"""The run's figures from its chunks (the caller holds the run's row lock)."""
	chunk = frappe.qb.DocType(CHUNK)
	rows = (
		frappe.qb.from_(chunk)
		.select(
			chunk.status,
			chunk.records,
			chunk.changes,
			chunk.counts,
			chunk.finished_on,
			chunk.duration_seconds,
			chunk.peak_memory_mb,
		)
		.where(chunk.parent == run)
		.where(chunk.parenttype == RUN)
		.run(as_dict=True)
	)
	done = [row for row in rows if row.status == DONE]
	failed = sum(row.status == FAILED for row in rows)
	counts, skipped = {}, 0
	for row in done:
		stored = json.loads(row.counts or "{}")
		counts = add_counts(counts, stored.get("counts", {}))
		skipped += stored.get("failures", 0)
	status = run_status(len(rows), len(done), failed)
	finished_on = max((row.finished_on for row in rows if row.finished_on), default=None)
	started_on = frappe.db.get_value(RUN, run, "started_on")
	values = {
		"chunks_done": len(done),
		"chunks_failed": failed,
		"records": sum(row.records or 0 for row in done),
		"changes": sum(row.changes or 0 for row in done),
		"failures": failed + skipped,
		"longest_chunk_seconds": max((row.duration_seconds or 0 for row in rows), default=0),
		"peak_memory_mb": max((row.peak_memory_mb or 0 for row in rows), default=0),
		"counts": json.dumps(counts, sort_keys=True),
		"status": status,
		"finished_on": finished_on if status != RUN_RUNNING else None,
		"duration_seconds": (finished_on - started_on).total_seconds() if status != RUN_RUNNING else 0,
	}
	frappe.db.set_value(RUN, run, values, update_modified=True)


def run_final_step(run: str):
	"""Once, after the run's last chunk: the job's final work on the run's summed counts."""
	run_table = frappe.qb.DocType(RUN)
	frappe.qb.from_(run_table).select(run_table.name).where(run_table.name == run).for_update().run()
	values = frappe.db.get_value(RUN, run, ["job", "run_key", "final_step", "counts"], as_dict=True)
	if values.final_step != "Pending":
		frappe.db.rollback()
		return
	frappe.db.set_value(RUN, run, "final_step", "Running")
	frappe.db.commit()
	try:
		job_of(run).final(values.run_key, json.loads(values.counts or "{}"))
	except Exception:
		frappe.db.rollback()
		frappe.log_error(
			title=_("Final step of {0} failed").format(run), reference_doctype=RUN, reference_name=run
		)
		frappe.db.set_value(RUN, run, "final_step", "Failed")
	else:
		frappe.db.set_value(RUN, run, "final_step", "Done")
	frappe.db.commit()


def scheduled_retry_failed_chunks():
	"""Hourly: offer again the failed (or abandoned) chunks of the runs of the last day."""
	run = frappe.qb.DocType(RUN)
	names = (
		frappe.qb.from_(run)
		.select(run.name)
		.where(run.status != "Completed")
		.where(run.creation > now_datetime() - timedelta(days=1))
		.run(pluck=True)
	)
	for name in names:
		enqueue_unfinished(name)
