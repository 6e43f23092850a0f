from frappe import _


def get_data():
	return {
		"fieldname": "followup_visit",
		"transactions": [{"label": _("Demand Conversion"), "items": ["Opportunity"]}],
	}
