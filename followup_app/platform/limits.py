"""Refusing numbers outside their range (the ranges are data: followup_app.core.limits)."""

import frappe
from frappe import _

from followup_app.core.limits import AT_LEAST, BETWEEN, GREATER_THAN, Limit, violations


def validate_limits(doc):
	"""Refuse the first numeric field of `doc` or of its child rows that lies outside its limit."""
	for record in [doc, *doc.get_all_children()]:
		for fieldname, limit in violations(record.doctype, record.as_dict()):
			message = limit_message(_(record.meta.get_label(fieldname)), limit)
			if record is not doc:
				message = _("Row {0}: {1}").format(record.idx, message)
			frappe.throw(message, title=_("Invalid Value"))


def limit_message(label: str, limit: Limit) -> str:
	"""The translated sentence saying where `label` must lie."""
	low, high = number(limit.minimum), number(limit.maximum)
	if limit.rule == GREATER_THAN:
		return _("{0} must be greater than {1}.").format(label, low)
	if limit.rule == BETWEEN:
		return _("{0} must be between {1} and {2}.").format(label, low, high)
	if limit.rule == AT_LEAST and limit.minimum == 0:
		return _("{0} cannot be negative.").format(label)
	return _("{0} must be at least {1}.").format(label, low)


def number(value: float | None) -> str:
	return "" if value is None else f"{value:g}"
