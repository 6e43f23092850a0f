# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FeedbackCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		description: DF.SmallText | None
		enabled: DF.Check
	# end: auto-generated types

	pass
