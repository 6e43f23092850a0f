# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FollowupJobRun(Document):
	# begin: auto-generated types
	# end: auto-generated types

	pass
