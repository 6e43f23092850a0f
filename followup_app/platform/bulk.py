"""Bulk writes shared by the scheduled jobs: multi-row inserts and blocks of series names."""

import frappe
from frappe.model.naming import parse_naming_series


def bulk_insert_dicts(doctype: str, rows: list[dict], ignore_duplicates: bool = False):
	"""`frappe.db.bulk_insert` for rows given as dicts with the same keys."""
	if not rows:
		return
	fields = list(rows[0])
	frappe.db.bulk_insert(
		doctype, fields, [[row[field] for field in fields] for row in rows], ignore_duplicates
	)


def series_key(series: str) -> tuple[str, int]:
	"""The `tabSeries` key of a naming series (like "VR-.YYYY.-") today, and its number of digits."""
	found: dict[str, object] = {}

	def capture(key: str, digits: int) -> str:
		found.update(key=key, digits=digits)
		return ""

	parse_naming_series(f"{series}.#####", number_generator=capture)
	return found["key"], found["digits"]


def ensure_series(series: tuple[str, ...]):
	"""Create today's `tabSeries` rows of these naming series if missing, and commit.

	Called before chunks that number records run side by side: they then only ever lock an existing
	row (`reserve_names`), which they take in turn, where two creating the same row at once deadlock.
	"""
	for name in series:
		frappe.db.sql(
			"INSERT IGNORE INTO `tabSeries` (`name`, `current`) VALUES (%s, 0)", (series_key(name)[0],)
		)
	frappe.db.commit()


def reserve_names(series: str, count: int) -> list[str]:
	"""`count` consecutive names of a naming series (like "VR-.YYYY.-"), reserved in two queries.

	As Frappe's own naming: the series row is locked first (created when missing) and stays locked
	until the transaction ends.
	"""
	key, digits = series_key(series)
	row = frappe.db.sql("SELECT `current` FROM `tabSeries` WHERE `name`=%s FOR UPDATE", (key,))
	if row:
		current = row[0][0] or 0
		frappe.db.sql("UPDATE `tabSeries` SET `current` = `current` + %s WHERE `name`=%s", (count, key))
	else:
		current = 0
		frappe.db.sql("INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, %s)", (key, count))
	return [f"{key}{number:0{digits}d}" for number in range(current + 1, current + count + 1)]


def update_by_name(doctype: str, values: dict[str, dict], chunk: int = 1000):
	"""Write per-document values in batches: for each set of changed fields and `chunk` documents, one
	UPDATE joined to the batch's values (a derived table of rows).

	Written as SQL text with parameters, not with the query builder: rendering a batch's thousands of
	terms through pypika cost about as much as the whole of the rest of a nightly chunk.
	"""
	by_fields: dict[tuple[str, ...], list[str]] = {}
	for name, changes in values.items():
		if changes:
			by_fields.setdefault(tuple(sorted(changes)), []).append(name)
	table = f"`tab{doctype}`"
	for fields, names in by_fields.items():
		for field in fields:
			if not field.isidentifier():
				raise ValueError(f"not a field name: {field!r}")
		first_row = ", ".join(["%s AS `name`", *(f"%s AS `{field}`" for field in fields)])
		next_row = ", ".join(["%s"] * (len(fields) + 1))
		assignments = ", ".join(f"target.`{field}` = source.`{field}`" for field in fields)
		for start in range(0, len(names), chunk):
			batch = names[start : start + chunk]
			rows = " UNION ALL ".join([f"SELECT {first_row}", *[f"SELECT {next_row}"] * (len(batch) - 1)])
			parameters = [value for name in batch for value in (name, *(values[name][f] for f in fields))]
			frappe.db.sql(
				f"UPDATE {table} target JOIN ({rows}) source ON target.`name` = source.`name` SET {assignments}",
				parameters,
			)
