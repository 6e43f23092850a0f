"""Redacting a person's words and addresses out of a document's change history (Version data).

A Version's data records what a save changed: `changed` as [field, old, new], child rows `added`
and `removed` as [table field, row], and `row_changed` as [table field, index, row name, changes].
After a personal data deletion, every value of a redacted field becomes REDACTED there, wherever
in the history it appears, and the person's email is replaced by the anonymous address in any other
text; what a change was about (field names, statuses, numbers) stays.
"""

from collections.abc import Collection

REDACTED = "[REDACTED]"


def _clean(value, replacements: dict[str, str]):
	if isinstance(value, str):
		for old, new in replacements.items():
			value = value.replace(old, new)
	return value


def _changes(changes: list, fields: Collection[str], replacements: dict[str, str]) -> list:
	result = []
	for change in changes:
		if isinstance(change, list) and len(change) == 3:
			field, old, new = change
			if field in fields:
				old = REDACTED if old not in (None, "") else old
				new = REDACTED if new not in (None, "") else new
			result.append([field, _clean(old, replacements), _clean(new, replacements)])
		else:
			result.append(change)
	return result


def _row(row, fields: Collection[str], replacements: dict[str, str]):
	if not isinstance(row, dict):
		return row
	return {
		key: REDACTED if key in fields and value not in (None, "") else _clean(value, replacements)
		for key, value in row.items()
	}


def redact_version_data(
	data: dict, fields: Collection[str], child_fields: Collection[str], replacements: dict[str, str]
) -> dict:
	"""`data` with the values of `fields` (the document's) and `child_fields` (its rows') redacted and
	each key of `replacements` (the person's email) replaced by its value in all other text."""
	result = dict(data)
	if isinstance(data.get("changed"), list):
		result["changed"] = _changes(data["changed"], fields, replacements)
	for key in ("added", "removed"):
		if isinstance(data.get(key), list):
			result[key] = [
				[entry[0], _row(entry[1], child_fields, replacements)]
				if isinstance(entry, list) and len(entry) == 2
				else entry
				for entry in data[key]
			]
	if isinstance(data.get("row_changed"), list):
		result["row_changed"] = [
			[*entry[:3], _changes(entry[3], child_fields, replacements)]
			if isinstance(entry, list) and len(entry) == 4 and isinstance(entry[3], list)
			else entry
			for entry in data["row_changed"]
		]
	return result
