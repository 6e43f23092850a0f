"""Splitting scheduled work into chunks of records, and what a run of chunks amounts to.

A run (one night's customer work, one hour's SLA work) covers the whole key space of its records in
consecutive spans of names: the first chunk takes every name up to its last one, each next chunk the
names after the previous chunk's last, and the final chunk everything after, so records created while
the run goes on are still covered and no name falls between two chunks.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

QUEUED = "Queued"
RUNNING = "Running"
DONE = "Done"
FAILED = "Failed"

RUN_RUNNING = "Running"
RUN_COMPLETED = "Completed"
RUN_COMPLETED_WITH_FAILURES = "Completed with Failures"

MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Span:
	"""The names after `after` (from the first when None) up to `last` inclusive (to the end when None)."""

	after: str | None = None
	last: str | None = None

	def contains(self, name: str) -> bool:
		"""Whether `name` lies in the span (under Python's ordering; the database uses its collation)."""
		return (self.after is None or name > self.after) and (self.last is None or name <= self.last)


def spans_from_boundaries(boundaries: Iterable[str]) -> list[Span]:
	"""The spans cut at each boundary (the last name of every chunk but the final one).

	No boundary gives one span over everything.
	"""
	spans, after = [], None
	for boundary in boundaries:
		spans.append(Span(after, boundary))
		after = boundary
	spans.append(Span(after, None))
	return spans


def chunk_job_id(job: str, run_key: str, chunk_no: int) -> str:
	"""The RQ job id of one chunk of one run: the same for every coordinator, so a queued or running
	chunk is never enqueued twice."""
	return f"followup_app:{job}:{run_key}:{chunk_no}"


def final_job_id(job: str, run_key: str) -> str:
	"""The RQ job id of a run's final step."""
	return f"followup_app:{job}:{run_key}:final"


def claimable(
	status: str, attempts: int, started_on: datetime | None, now: datetime, stale_after: timedelta
) -> bool:
	"""Whether a chunk may be taken by a job now.

	Queued chunks may; failed ones while attempts remain; a Running chunk only once it has run longer
	than its queue's timeout (its worker died), as a failure would.
	"""
	if status == QUEUED:
		return True
	if attempts >= MAX_ATTEMPTS:
		return False
	if status == FAILED:
		return True
	return status == RUNNING and started_on is not None and now - started_on > stale_after


def run_status(total: int, done: int, failed: int) -> str:
	"""Running while a chunk is unfinished, then Completed, or Completed with Failures."""
	if done + failed < total:
		return RUN_RUNNING
	return RUN_COMPLETED_WITH_FAILURES if failed else RUN_COMPLETED


def add_counts(totals: Mapping[str, Mapping[str, int]], counts: Mapping[str, Mapping[str, int]]) -> dict:
	"""Per-step counts summed: {step: {figure: n}} plus {step: {figure: n}}."""
	summed = {step: dict(figures) for step, figures in totals.items()}
	for step, figures in counts.items():
		target = summed.setdefault(step, {})
		for figure, value in figures.items():
			target[figure] = target.get(figure, 0) + value
	return summed


def changes_of(counts: Mapping[str, Mapping[str, int]], change_figures: Mapping[str, tuple[str, ...]]) -> int:
	"""How many changes per-step counts record: the sum of each step's change figures."""
	return sum(
		counts.get(step, {}).get(figure, 0) for step, figures in change_figures.items() for figure in figures
	)
