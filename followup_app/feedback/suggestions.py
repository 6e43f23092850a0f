"""Suggested Feedback Category and sentiment on the records that hold customers' words.

On every save of a visit, complaint or survey, each of its texts is read (feedback.texts names
them) and its suggestion written beside it; a person's own category is never changed. Reading can
never block a save: a text without words is "unknown", and an unexpected error is logged and the
record saved without a suggestion.
"""

import frappe
from frappe import _
from frappe.utils import flt

from followup_app.core.text_model import UNKNOWN, Suggestion, suggest
from followup_app.feedback.model_store import current_model

SETTINGS = "Followup Settings"
TEXT_DOCTYPES = ("Visit Record", "Complaint", "Satisfaction Survey")


def enabled() -> bool:
	return bool(frappe.db.get_single_value(SETTINGS, "enable_feedback_suggestions"))


def threshold() -> float:
	"""Followup Settings, Route Suggestions from Confidence (percent; 0: never)."""
	return flt(frappe.db.get_single_value(SETTINGS, "suggestion_threshold"))


def allowed_categories() -> set[str]:
	return set(frappe.get_all("Feedback Category", filters={"enabled": 1}, pluck="name"))


def read(text: str | None, model=None, allowed: set[str] | None = None) -> Suggestion:
	"""The suggestion for one text; UNKNOWN (logged) if reading fails for any reason."""
	try:
		return suggest(text, model, allowed)
	except Exception:
		frappe.log_error(title="Feedback text could not be read")
		return UNKNOWN


def values(suggestion: Suggestion) -> dict:
	"""The stored fields of a suggestion (confidence in percent)."""
	return {
		"suggested_category": suggestion.category,
		"suggestion_confidence": round(100 * suggestion.confidence, 1) if suggestion.category else 0,
		"sentiment": suggestion.sentiment or "",
	}


def text_rows(doc) -> list[tuple[object, str]]:
	"""(row, text) of each text of `doc`: the document itself for its summary or description."""
	if doc.doctype == "Visit Record":
		return [(doc, doc.summary), *((item, item.description) for item in doc.feedback_items)]
	if doc.doctype == "Complaint":
		return [(doc, doc.description)]
	return [(answer, answer.answer_text) for answer in doc.answers if answer.question_type == "Text"]


def suggest_on(doc):
	"""Write the suggestion beside each text of `doc` (validate of Visit Record, Complaint and
	Satisfaction Survey)."""
	if not enabled():
		return
	model, allowed = current_model(), allowed_categories()
	for row, text in text_rows(doc):
		row.update(values(read(text, model, allowed) if (text or "").strip() else UNKNOWN))


@frappe.whitelist()
def suggest_text(text: str | None = None) -> dict:
	"""The suggestion for a text being typed on a form, with translated labels (for the form's live hint)."""
	if not any(frappe.has_permission(doctype, "write") for doctype in TEXT_DOCTYPES):
		frappe.throw(_("Not permitted to read feedback."), frappe.PermissionError)
	if not enabled():
		return {}
	suggestion = read(text, current_model(), allowed_categories())
	return {
		**values(suggestion),
		"category_label": _(suggestion.category) if suggestion.category else "",
		"sentiment_label": _(suggestion.sentiment) if suggestion.sentiment else "",
		"source": suggestion.source,
	}
