"""Bulk writes shared by the scheduled jobs: multi-row inserts and blocks of series names."""

import frappe
from frappe.model.naming import parse_naming_series
from pypika.terms import Case


def bulk_insert_dicts(doctype: str, rows: list[dict], ignore_duplicates: bool = False):
	"""`frappe.db.bulk_insert` for rows given as dicts with the same keys."""
	if not rows:
		return
	fields = list(rows[0])
	frappe.db.bulk_insert(
		doctype, fields, [[row[field] for field in fields] for row in rows], ignore_duplicates
	)


def reserve_names(series: str, count: int) -> list[str]:
	"""`count` consecutive names of a naming series (like "VR-.YYYY.-"), reserved in three queries."""
	found: dict[str, object] = {}

	def capture(key: str, digits: int) -> str:
		found.update(key=key, digits=digits)
		return ""

	parse_naming_series(f"{series}.#####", number_generator=capture)
	key, digits = found["key"], found["digits"]
	frappe.db.sql("INSERT IGNORE INTO `tabSeries` (`name`, `current`) VALUES (%s, 0)", (key,))
	current = frappe.db.sql("SELECT `current` FROM `tabSeries` WHERE `name`=%s FOR UPDATE", (key,))[0][0]
	frappe.db.sql("UPDATE `tabSeries` SET `current` = `current` + %s WHERE `name`=%s", (count, key))
	return [f"{key}{number:0{digits}d}" for number in range(current + 1, current + count + 1)]


def update_by_name(doctype: str, values: dict[str, dict], chunk: int = 1000):
	"""Write per-document values in batches: one UPDATE ... CASE per field and `chunk` documents."""
	table = frappe.qb.DocType(doctype)
	fields = sorted({field for changes in values.values() for field in changes})
	for field in fields:
		names = [name for name, changes in values.items() if field in changes]
		for start in range(0, len(names), chunk):
			batch = names[start : start + chunk]
			case = Case()
			for name in batch:
				case = case.when(table.name == name, values[name][field])
			frappe.qb.update(table).set(table[field], case).where(table.name.isin(batch)).run()
