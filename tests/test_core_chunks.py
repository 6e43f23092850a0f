"""Chunk spans, claiming and run figures (followup_app.core.chunks)."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_app.core.chunks import (
	DONE,
	FAILED,
	MAX_ATTEMPTS,
	QUEUED,
	RUN_COMPLETED,
	RUN_COMPLETED_WITH_FAILURES,
	RUN_RUNNING,
	RUNNING,
	Span,
	add_counts,
	changes_of,
	chunk_job_id,
	claimable,
	final_job_id,
	run_status,
	spans_from_boundaries,
)

NOW = datetime(2026, 12, 2, 3, 0)
STALE = timedelta(seconds=1500)
names = st.lists(st.text(alphabet="ABCDEFGHabc-0123456789", min_size=1, max_size=6), unique=True)


@given(names, st.integers(min_value=1, max_value=7), names)
def test_every_name_falls_in_exactly_one_span(existing, size, created_later):
	ordered = sorted(existing)
	boundaries = ordered[size - 1 :: size]  # each chunk's last name, as the coordinator finds them
	spans = spans_from_boundaries(boundaries)
	assert len(spans) == len(boundaries) + 1
	for name in ordered + created_later:
		assert sum(span.contains(name) for span in spans) == 1
	for span in spans[:-1]:
		assert sum(span.contains(name) for name in ordered) == size


def test_no_boundary_is_one_span_over_everything():
	assert spans_from_boundaries([]) == [Span(None, None)]
	assert Span().contains("anything")


def test_spans_are_cut_after_each_boundary():
	assert spans_from_boundaries(["C", "F"]) == [Span(None, "C"), Span("C", "F"), Span("F", None)]
	assert not Span("C", "F").contains("C") and Span("C", "F").contains("F")


def test_job_ids_are_the_same_for_every_coordinator_and_differ_per_chunk():
	assert chunk_job_id("Nightly", "2026-12-02", 3) == chunk_job_id("Nightly", "2026-12-02", 3)
	assert chunk_job_id("Nightly", "2026-12-02", 3) != chunk_job_id("Nightly", "2026-12-02", 4)
	assert chunk_job_id("Nightly", "2026-12-02", 3) != chunk_job_id("Nightly", "2026-12-03", 3)
	assert final_job_id("Nightly", "2026-12-02") not in {
		chunk_job_id("Nightly", "2026-12-02", n) for n in range(9)
	}


def test_queued_and_failed_chunks_are_claimable_finished_ones_never():
	assert claimable(QUEUED, 0, None, NOW, STALE)
	assert claimable(FAILED, 1, NOW, NOW, STALE)
	assert not claimable(FAILED, MAX_ATTEMPTS, NOW, NOW, STALE)
	assert not claimable(DONE, 1, NOW, NOW, STALE)


def test_a_running_chunk_is_claimable_only_past_its_queue_timeout():
	assert not claimable(RUNNING, 1, NOW - STALE, NOW, STALE)
	assert claimable(RUNNING, 1, NOW - STALE - timedelta(seconds=1), NOW, STALE)
	assert not claimable(RUNNING, MAX_ATTEMPTS, NOW - 2 * STALE, NOW, STALE)


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_run_status(done, failed, unfinished):
	status = run_status(done + failed + unfinished, done, failed)
	if unfinished:
		assert status == RUN_RUNNING
	else:
		assert status == (RUN_COMPLETED_WITH_FAILURES if failed else RUN_COMPLETED)


def test_counts_add_per_step_and_figure():
	night = add_counts({}, {"plan": {"planned": 2, "due": 3}, "planned_for": {"a@x": 2}})
	night = add_counts(
		night, {"plan": {"planned": 1}, "planned_for": {"a@x": 1, "b@x": 4}, "missed": {"missed": 5}}
	)
	assert night == {
		"plan": {"planned": 3, "due": 3},
		"planned_for": {"a@x": 3, "b@x": 4},
		"missed": {"missed": 5},
	}
	assert changes_of(night, {"plan": ("planned",), "missed": ("missed",), "refresh": ("changed",)}) == 8
