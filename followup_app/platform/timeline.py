"""Work that reports itself in a record's timeline rather than in the desk's message dialog."""

from contextlib import contextmanager

import frappe


@contextmanager
def quietly():
	"""Drop the messages Frappe shows while the block runs (an assignment's "shared with", a missing
	email account's error): the caller notes what it did in the record's timeline instead."""
	log = frappe.local.message_log
	count = len(log)
	try:
		yield
	finally:
		del log[count:]
