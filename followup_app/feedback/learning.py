"""The nightly feedback-model run: read the texts never read yet, then train the site's model again
when people chose or changed enough categories since the last training.

Chunks of customers (the long queue, several workers) fill the suggestions of their customers'
unread texts — records written before the app read texts, or by bulk imports — in batched updates.
The run's final step retrains once, after the last chunk: the labels are read page by page and the
new model written as the next version (feedback.model_store).
"""

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, now_datetime, nowdate

from followup_app.core.chunks import Span
from followup_app.core.text_model import train
from followup_app.feedback.model_store import current_model, current_version, save_model
from followup_app.feedback.suggestions import SETTINGS, allowed_categories, enabled, read, values
from followup_app.feedback.texts import labelled, new_labels, row_doctype, unsuggested
from followup_app.platform.bulk import update_by_name
from followup_app.scheduling.runs import ChunkResult, Job, register, start_run
from followup_app.scheduling.spans import name_spans


def scheduled_feedback_model_run():
	"""Daily scheduler entry, unless suggestions are turned off in Followup Settings."""
	if enabled():
		start_run(FEEDBACK_MODEL, nowdate())


def fill_suggestions(span: Span, _run_key: str) -> ChunkResult:
	"""Read the unread texts of the customers in `span` and store their suggestions, batched."""
	texts = unsuggested(span)
	model, allowed = current_model(), allowed_categories()
	updates: dict[str, dict[str, dict]] = {}
	for text in texts:
		updates.setdefault(row_doctype(text), {})[text.row] = values(read(text.text, model, allowed))
	for doctype, rows in updates.items():
		update_by_name(doctype, rows)
	customers = len({text.customer for text in texts})
	return ChunkResult(customers, {"suggestions": {"texts": len(texts)}})


def retrain_if_due(force: bool = False) -> int | None:
	"""Train the next model version when at least New Labels to Retrain labels came since the last
	training (any number when `force`); returns the new version, or None."""
	since = frappe.db.get_single_value(SETTINGS, "text_model_trained_on") if current_version() else None
	minimum = max(cint(frappe.db.get_single_value(SETTINGS, "retrain_min_labels")), 1)
	if not force and new_labels(get_datetime(since) if since else None) < minimum:
		return None
	version = current_version() + 1
	model = train(labelled(), version=version, trained_on=str(now_datetime()))
	if model is None:
		return None
	save_model(model)
	return version


def finish(_run_key: str, _counts: dict):
	retrain_if_due()


@frappe.whitelist()
def retrain_now() -> str:
	"""Queue a training of the site's model now, whatever the number of new labels (managers)."""
	frappe.only_for(("Followup Manager", "System Manager"))
	frappe.enqueue(
		"followup_app.feedback.learning.retrain_if_due",
		queue="long",
		job_id=f"followup-retrain-{frappe.local.site}",
		deduplicate=True,
		force=True,
	)
	return _("The feedback model is being trained in the background.")


FEEDBACK_MODEL = register(
	Job(
		label="Feedback Model",
		prefix="FEEDBACK",
		spans=lambda size: name_spans("Customer", size),
		chunk=fill_suggestions,
		change_figures={"suggestions": ("texts",)},
		final=finish,
	)
)
