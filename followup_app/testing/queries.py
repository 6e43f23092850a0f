"""Counting the SQL statements a block of code runs, for tests and benchmarks whose query count must
not grow with the data."""

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

import frappe


@contextmanager
def counted_queries() -> Iterator[list[str]]:
	"""Run the block with every `frappe.db.sql` statement appended to the list it yields."""
	statements = []
	real_sql = frappe.db.sql

	def counting(*args, **kwargs):
		statements.append(args[0] if args else kwargs.get("query"))
		return real_sql(*args, **kwargs)

	with patch.object(frappe.db, "sql", counting):
		yield statements
