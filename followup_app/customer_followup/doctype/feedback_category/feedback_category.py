# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class FeedbackCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		department: DF.Link | None
		description: DF.SmallText | None
		enabled: DF.Check
		owner_role: DF.Link | None
		owner_user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.validate_owner()

	def validate_owner(self):
		"""Routing needs exactly one owner: a user or a role; a responsible department needs one too."""
		if self.owner_user and self.owner_role:
			frappe.throw(
				_("Choose an Owner User or an Owner Role for category {0}, not both.").format(
					self.category_name
				),
				title=_("Invalid Routing"),
			)
		if self.department and not (self.owner_user or self.owner_role):
			frappe.throw(
				_("Category {0} has a responsible department: choose its Owner User or Owner Role.").format(
					self.category_name
				),
				title=_("Missing Owner"),
			)
		if self.owner_user and not frappe.db.get_value("User", self.owner_user, "enabled"):
			frappe.throw(_("Owner User {0} is disabled.").format(self.owner_user), title=_("Invalid Routing"))
		if self.owner_role and frappe.db.get_value("Role", self.owner_role, "disabled"):
			frappe.throw(_("Owner Role {0} is disabled.").format(self.owner_role), title=_("Invalid Routing"))
