# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FollowupBusyWindow(Document):
	pass
