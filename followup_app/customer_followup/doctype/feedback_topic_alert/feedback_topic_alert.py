# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FeedbackTopicAlert(Document):
	"""One rising topic of one week, written once by the weekly job (feedback.topics)."""

	# begin: auto-generated types
	# end: auto-generated types

	pass
