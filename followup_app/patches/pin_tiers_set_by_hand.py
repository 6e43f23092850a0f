"""Tiers set by a person before tiers set by hand were pinned: keep them, with who and when.

From each customer's Version history (the desk records who changed a tier or *Keep This Tier*):
- a customer with *Keep This Tier* gets its tier's setter and time from the last such change;
- a customer whose current tier is the one a person last set (the nightly refresh has not replaced
  it) and who was not unpinned since is pinned, as a tier set by a person is now.
Other customers stay with auto-tiering.
"""

import json

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from followup_app.platform.bulk import update_by_name
from followup_app.setup.custom_fields import CUSTOM_FIELDS

TIER_FIELDS = ("followup_tier", "tier_pinned")


def execute():
	# Custom fields are made after the patches (after_migrate): tier_set_by / tier_set_on are needed now.
	create_custom_fields({"Customer": CUSTOM_FIELDS["Customer"]}, update=True)
	last_changes = last_tier_changes()
	customer = frappe.qb.DocType("Customer")
	rows = (
		frappe.qb.from_(customer)
		.select(customer.name, customer.followup_tier, customer.tier_pinned)
		.where((customer.tier_pinned == 1) | customer.followup_tier.isnotnull())
		.run(as_dict=True)
	)
	values = {}
	for row in rows:
		change = last_changes.get(row.name)
		if row.tier_pinned:
			if change:
				values[row.name] = {"tier_set_by": change["by"], "tier_set_on": change["on"]}
		elif change and row.followup_tier and change["fields"].get("followup_tier") == row.followup_tier:
			if change["fields"].get("tier_pinned", 1):  # not unpinned by that change
				values[row.name] = {
					"tier_pinned": 1,
					"tier_set_by": change["by"],
					"tier_set_on": change["on"],
				}
	update_by_name("Customer", values)


def last_tier_changes() -> dict[str, dict]:
	"""Per customer, the last Version changing its tier or pin: {"by", "on", "fields": {field: new}}."""
	version = frappe.qb.DocType("Version")
	rows = (
		frappe.qb.from_(version)
		.select(version.docname, version.owner, version.creation, version.data)
		.where(version.ref_doctype == "Customer")
		.where(version.data.like('%"followup_tier"%') | version.data.like('%"tier_pinned"%'))
		.orderby(version.creation)
		.run(as_dict=True)
	)
	changes = {}
	for row in rows:
		fields = {
			change[0]: change[2]
			for change in json.loads(row.data).get("changed", [])
			if change[0] in TIER_FIELDS
		}
		if fields:
			changes[row.docname] = {"by": row.owner, "on": row.creation, "fields": fields}
	return changes
