"""Scheduled work: the nightly and hourly coordinators that split customers into chunks, enqueue
one deduplicated job per chunk on the long queue, record each run and take failed chunks again."""
