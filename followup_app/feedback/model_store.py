"""The site's feedback model: a JSON file per version under the site's private files, the current
and the previous one kept; Followup Settings names the current version. Each process keeps the
model it read, until the settings name another version."""

import os
from pathlib import Path

import frappe
from frappe.utils import now_datetime

from followup_app.core.text_model import TextModel

FOLDER = "followup_text_model"
SETTINGS = "Followup Settings"
_loaded: dict[str, tuple[int, TextModel | None]] = {}  # site -> (version, model)


def folder() -> Path:
	return Path(frappe.get_site_path("private", "files", FOLDER))


def model_path(version: int) -> Path:
	return folder() / f"model-v{version}.json"


def current_version() -> int:
	return frappe.utils.cint(frappe.db.get_single_value(SETTINGS, "text_model_version"))


def current_model() -> TextModel | None:
	"""The site's current model, None before the first training (or when its file cannot be read,
	which is logged once per process: the shipped words then suggest)."""
	version = current_version()
	if not version:
		return None
	site = frappe.local.site
	cached = _loaded.get(site)
	if cached and cached[0] == version:
		return cached[1]
	model = None
	try:
		model = TextModel.from_json(model_path(version).read_text(encoding="utf-8"))
	except (OSError, ValueError, KeyError, TypeError):
		frappe.log_error(title=f"Feedback model v{version} could not be read")
	_loaded[site] = (version, model)
	return model


def save_model(model: TextModel):
	"""Write `model` as the next version, make it current, keep the previous one, remove older ones."""
	current = current_version()
	target = folder()
	target.mkdir(parents=True, exist_ok=True)
	path = model_path(model.version)
	partial = path.with_suffix(".tmp")
	partial.write_text(model.to_json(), encoding="utf-8")
	os.replace(partial, path)
	settings = {
		"text_model_version": model.version,
		"text_model_previous": current or 0,
		"text_model_labels": model.labels,
		"text_model_trained_on": now_datetime(),
	}
	for field, value in settings.items():
		frappe.db.set_single_value(SETTINGS, field, value)
	_loaded[frappe.local.site] = (model.version, model)
	for old in target.glob("model-v*.json"):
		if old.name not in (path.name, model_path(current).name):
			old.unlink(missing_ok=True)
