"""What differs between Frappe v15 and v16, in one place: the rest of the app calls these and never
looks at a version.

- `aggregate`: v15's `get_list` / `get_all` read SQL text in a field list ("count(name) as total");
  v16 builds those queries with its query builder and refuses SQL text, reading a dict instead
  ({"COUNT": "name", "as": "total"}). Goes when v15 support ends: use the dict form directly.
- Desk routes: v15 serves the desk under /app, v16 under /desk. `form_path`, `list_path`,
  `report_path` and `desk_path` take the prefix from Frappe's own URL helpers (`get_url_to_list`,
  `get_url_to_report`), so they follow whatever the running Frappe serves; they
  stay after v15 support ends (they are how links should be built).
- `add_assignment`: v15's `assign_to.add` escapes the ToDo's description, v16's keeps it as HTML;
  the app gives plain text, escaped once on both. Goes when v15 support ends: escape the text and
  call `assign_to.add`.
"""

from urllib.parse import quote, urlencode, urlsplit

import frappe
from frappe.desk.form import assign_to
from frappe.utils import escape_html, get_url, get_url_to_list, get_url_to_report

FRAPPE_MAJOR = int(frappe.__version__.split(".", 1)[0])


def aggregate(function: str, field: str, alias: str) -> str | dict:
	"""A `get_list` field computing `function`(`field`) as `alias` (function: count, sum, min, max, avg)."""
	if FRAPPE_MAJOR >= 16:
		return {function.upper(): field, "as": alias}
	return f"{function.lower()}({field}) as {alias}"


def add_assignment(args: dict, ignore_permissions: bool = False):
	"""Frappe's `assign_to.add` with `args["description"]` as plain text, escaped once on v15 and v16."""
	if FRAPPE_MAJOR >= 16 and args.get("description"):
		args = {**args, "description": escape_html(args["description"])}
	return assign_to.add(args, ignore_permissions=ignore_permissions)


def _path(url: str) -> str:
	return urlsplit(url).path


def with_query(path: str, params: dict | None) -> str:
	"""`path` with `params` as its query; spaces as %20, which the desk decodes (never "+")."""
	return f"{path}?{urlencode(params, quote_via=quote)}" if params else path


def form_path(doctype: str, name: str) -> str:
	"""The desk path of a document's form, without the host (a link inside the desk)."""
	return f"{_path(get_url_to_list(doctype))}/{quote(str(name), safe='')}"


def list_path(doctype: str, params: dict | None = None) -> str:
	"""The desk path of a DocType's list, with `params` as list filters."""
	return with_query(_path(get_url_to_list(doctype)), params)


def report_path(report_name: str, params: dict | None = None) -> str:
	"""The desk path of a Script or Query Report, with `params` as its filters."""
	return with_query(_path(get_url_to_report(report_name)), params)


def desk_path(route: str) -> str:
	"""The desk path of a page, workspace or other route given without the prefix ("todo")."""
	prefix = _path(get_url_to_list("ToDo")).rsplit("/", 1)[0]
	return f"{prefix}/{route.lstrip('/')}"


def form_url(doctype: str, name: str) -> str:
	"""The full URL of a document's form (for emails)."""
	return get_url(form_path(doctype, name))


def desk_url(route: str, params: dict | None = None) -> str:
	"""The full URL of a desk route given without the prefix ("todo"), with `params` (for emails)."""
	return get_url(with_query(desk_path(route), params))
