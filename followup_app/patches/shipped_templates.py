"""Updating the Email Templates the app shipped, where an admin has not edited them."""

import frappe

from followup_app.setup.default_records import DEFAULT_EMAIL_TEMPLATES


def update_unedited(previous: dict[str, str]):
	"""Give each template named in `previous` its current shipped body, if its body is still exactly
	the one shipped before (`previous[name]`); an edited template is left as it is."""
	for name, body in previous.items():
		if frappe.db.get_value("Email Template", name, "response_html") == body:
			frappe.db.set_value("Email Template", name, "response_html", DEFAULT_EMAIL_TEMPLATES[name][1])
