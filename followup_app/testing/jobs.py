"""Tests whose requests queue background jobs: finish those jobs here before the test goes on."""

import time

import frappe


def finish_queued_jobs(*job_ids: str, timeout: float = 120):
	"""Let the background jobs `job_ids` (as given to `frappe.enqueue`) finish before the test goes on.

	A request a test makes runs outside the test's flags, so its jobs are queued, and a worker
	serving the bench may apply them on its own connection at any time. A job still waiting in its
	queue is taken off it (atomically: a worker that popped it first keeps it) and run here, as its
	user, committing as the worker would; a job a worker has taken is waited for. Either way the
	test then sees the same state, with or without a worker, and no job is left to run on records
	the test deletes.
	"""
	from frappe.utils.background_jobs import get_job
	from rq import Queue
	from rq.job import JobStatus

	deadline = time.monotonic() + timeout
	for job_id in job_ids:
		job = get_job(job_id)
		if not job:
			continue
		if job.connection.lrem(Queue(job.origin, connection=job.connection).key, 1, job.id):
			queue_args = job.kwargs
			job.delete()
			run_job_here(queue_args)
			continue
		while job.get_status(refresh=True) in (JobStatus.QUEUED, JobStatus.STARTED):
			if time.monotonic() > deadline:
				raise AssertionError(f"Background job {job_id} did not finish within {timeout} s")
			time.sleep(0.1)
		if job.get_status() == JobStatus.FAILED:
			raise AssertionError(f"Background job {job_id} failed:\n{job.exc_info}")


def run_job_here(queue_args: dict):
	"""Run a queued job's method in this process, as the user who queued it."""
	method = queue_args["method"]
	user = frappe.session.user
	frappe.set_user(queue_args["user"])
	try:
		(frappe.get_attr(method) if isinstance(method, str) else method)(**queue_args["kwargs"])
		frappe.db.commit()
	finally:
		frappe.set_user(user)
