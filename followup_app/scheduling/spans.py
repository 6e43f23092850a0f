"""Cutting a table's names into chunk spans, and restricting a query to one span."""

import frappe

from followup_app.core.chunks import Span, spans_from_boundaries


def name_spans(doctype: str, chunk_size: int, condition=None) -> list[Span]:
	"""Spans of `chunk_size` names of `doctype` (those meeting the query-builder `condition`).

	One indexed query per chunk, each reading only the names of its chunk: the coordinator never
	holds more than the boundaries. The final span is open-ended (names created meanwhile are in it)
	and may be empty.
	"""
	table = frappe.qb.DocType(doctype)
	boundaries, after = [], None
	while True:
		query = frappe.qb.from_(table).select(table.name).orderby(table.name).limit(1).offset(chunk_size - 1)
		if condition is not None:
			query = query.where(condition(table))
		if after is not None:
			query = query.where(table.name > after)
		row = query.run()
		if not row:
			break
		after = row[0][0]
		boundaries.append(after)
	return spans_from_boundaries(boundaries)


def within(query, field, span: Span | None):
	"""`query` restricted to the names of `span` in `field` (unchanged when span is None)."""
	if span is None:
		return query
	if span.after is not None:
		query = query.where(field > span.after)
	if span.last is not None:
		query = query.where(field <= span.last)
	return query
