"""The Customer's Follow-up tab for a Followup Manager: that tab is theirs, the rest of the Customer is not.

The tab's fields have a permission level of their own that the app's roles may write. Frappe saves a
document only for a role that has write at level 0, so the app grants that to Followup Manager too;
a user who has it through that role alone keeps the rest of the Customer as it was, the way Frappe
treats fields of a level a user may not write.
"""

import frappe

MANAGER = "Followup Manager"


def followup_tab_only(doc) -> bool:
	"""Whether the session user writes this Customer at level 0 only through Followup Manager."""
	if frappe.session.user == "Administrator":
		return False
	roles = set(frappe.get_roles()) - {MANAGER}
	return not any(
		rule.write
		and not rule.permlevel
		and rule.role in roles
		and (not rule.if_owner or doc.owner == frappe.session.user)
		for rule in doc.meta.permissions
	)


def keep_rest_of_customer(doc, method=None):
	"""Customer `before_validate`: put back whatever such a user changed outside the Follow-up tab."""
	if doc.flags.ignore_permissions or doc.is_new() or not followup_tab_only(doc):
		return
	level_zero = [df for df in doc.meta.fields if not df.permlevel]
	doc.reset_values_if_no_permlevel_access([], level_zero)


def mark_followup_tab_only(doc, method=None):
	"""Customer `onload`: tell the form to offer such a user the Follow-up tab alone."""
	if followup_tab_only(doc):
		doc.set_onload("followup_tab_only", 1)
