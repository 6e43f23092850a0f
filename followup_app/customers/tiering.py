"""A customer's tier, set by a person or by auto-tiering.

A tier a person sets on the Customer pins it (*Keep This Tier*, with who and when), so the nightly
refresh leaves it alone; unpinning hands it back to auto-tiering. Each tier change the refresh makes
is written to the customer's timeline.
"""

import frappe
from frappe import _
from frappe.utils import fmt_money, now, now_datetime

from followup_app.platform.bulk import bulk_insert_dicts


def pin_tier_set_by_hand(doc, method=None):
	"""Customer `before_validate`: a changed tier is pinned by whoever saves it; unpinned, who/when clear."""
	before = doc.get_doc_before_save()
	tier_changed = (doc.followup_tier or None) != ((before.followup_tier if before else None) or None)
	if tier_changed:
		doc.tier_pinned = 1 if doc.followup_tier else 0
	if not doc.tier_pinned:
		doc.tier_set_by = doc.tier_set_on = None
	elif tier_changed or not (before and before.tier_pinned):
		doc.tier_set_by, doc.tier_set_on = frappe.session.user, now_datetime()
	else:
		doc.tier_set_by, doc.tier_set_on = before.tier_set_by, before.tier_set_on


def log_tier_changes(changes: list[tuple[str, str | None, str | None, float]]):
	"""Write (customer, old tier, new tier, 12-month revenue) to the timelines, in one bulk insert."""
	if not changes:
		return
	currency = frappe.db.get_default("currency")
	shown = {revenue: fmt_money(revenue, currency=currency) for revenue in {change[3] for change in changes}}
	user, stamp = frappe.session.user, now()
	bulk_insert_dicts(
		"Comment",
		[
			{
				"name": frappe.generate_hash(length=10),
				"creation": stamp,
				"modified": stamp,
				"owner": user,
				"modified_by": user,
				"comment_type": "Info",
				"comment_email": user,
				"reference_doctype": "Customer",
				"reference_name": customer,
				"content": _(
					"auto-tiering changed the tier from {0} to {1} (invoiced in the last 12 months: {2})"
				).format(old or "–", new or "–", shown[revenue]),
			}
			for customer, old, new, revenue in changes
		],
	)
