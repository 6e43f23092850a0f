"""Desk actions on points."""

import frappe
from frappe import _

from followup_app.points.ledger import LEDGER


@frappe.whitelist()
def redeem_points(customer: str, points: int, reward: str) -> str:
	"""Redeem `points` of `customer` for `reward`; the user needs create and submit rights on Loyalty Points."""
	if not (reward or "").strip():
		frappe.throw(_("Say what the customer receives for the points."), title=_("Missing Reward"))
	entry = frappe.get_doc(
		{
			"doctype": LEDGER,
			"customer": customer,
			"transaction_type": "Redeem",
			"reason": "Redemption",
			"points": points,
			"reward": reward,
		}
	)
	entry.insert()
	entry.submit()
	return entry.name
