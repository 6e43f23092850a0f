from frappe import _


def get_data():
	return {
		"fieldname": "followup_visit",
		# Surveys name the visit as their reference (e.g. one handed over by QR code on site).
		"non_standard_fieldnames": {"Satisfaction Survey": "reference_name"},
		"dynamic_links": {"reference_name": ["Visit Record", "reference_doctype"]},
		"transactions": [
			{"label": _("Demand Conversion"), "items": ["Opportunity"]},
			{"label": _("Surveys"), "items": ["Satisfaction Survey"]},
		],
	}
