"""The app's records in the Customer form's connections."""

from frappe import _


def get_dashboard_data(data: dict) -> dict:
	"""`override_doctype_dashboards` hook for Customer: add a Follow-up group."""
	data.setdefault("transactions", []).append(
		{
			"label": _("Follow-up"),
			"items": ["Visit Record", "Complaint", "Satisfaction Survey", "Loyalty Points"],
		}
	)
	return data
