# Copyright (c) 2026, followup_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from followup_app.core.tiers import TierThreshold, unreachable_tiers
from followup_app.platform.limits import validate_limits


class CustomerTier(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		min_annual_revenue: DF.Currency
		rank: DF.Int
		tier_name: DF.Data
	# end: auto-generated types

	def validate(self):
		validate_limits(self)
		holder = frappe.db.get_value("Customer Tier", {"rank": self.rank, "name": ("!=", self.name)})
		if holder:
			frappe.throw(
				_("Rank {0} is already used by tier {1}.").format(self.rank, holder),
				title=_("Duplicate Rank"),
			)

	def on_update(self):
		self.warn_unreachable_tiers()

	def warn_unreachable_tiers(self):
		tiers = [
			TierThreshold(row.name, row.rank, row.min_annual_revenue)
			for row in frappe.get_all("Customer Tier", fields=["name", "rank", "min_annual_revenue"])
		]
		unreachable = unreachable_tiers(tiers)
		if unreachable:
			frappe.msgprint(
				_(
					"Auto-tiering can never give these tiers, because a more important tier needs no more revenue: {0}"
				).format(", ".join(unreachable)),
				title=_("Check Revenue Thresholds"),
				indicator="orange",
			)
