"""Rights on ERPNext and Frappe DocTypes that the app's roles need for their journeys in the desk.

A user holding only *Followup User* or only *Followup Manager* must be able to open a visit (its
Customer and Contact links), see the Opportunity a Need became, pick a customer group or territory
in a report filter, and so on. These rights are granted as Custom DocPerm rows on install and
migrate and removed on uninstall; nothing broader than the journeys need.

Frappe reads a DocType's rules from Custom DocPerm as soon as it has one, so the first grant copies
the standard rules there (as the Role Permission Manager does); uninstall removes the app's rows and,
when what is left is just that copy, the copy too.
"""

import frappe
from frappe.permissions import setup_custom_perms

from followup_app.setup.custom_fields import FOLLOWUP_PERMLEVEL

MANAGER = "Followup Manager"
USER = "Followup User"
APP_ROLES = (MANAGER, USER)
RIGHTS = ("select", "read", "write", "create", "report", "export", "print", "email", "share")

# (doctype, role, permlevel) -> rights. Why each is needed:
PLATFORM_PERMISSIONS = {
	# Visits, complaints and surveys link a Customer; managers bulk-send surveys from the Customer
	# list and both roles may open the Churn Risk report, whose reference DocType is Customer.
	("Customer", USER, 0): ("select", "read", "report"),
	# Frappe saves a document only for a role with write at level 0, so a manager setting a tier needs
	# it; customers/followup_tab.py keeps such a save to the Follow-up tab.
	("Customer", MANAGER, 0): ("select", "read", "report", "write"),
	# The Follow-up tab (its own level): managers set tier, contact preferences and the opt-out;
	# visitors read it. ERPNext's Customer roles keep what they had when the tab was at level 0.
	("Customer", MANAGER, FOLLOWUP_PERMLEVEL): ("read", "write"),
	("Customer", USER, FOLLOWUP_PERMLEVEL): ("read",),
	("Customer", "Sales User", FOLLOWUP_PERMLEVEL): ("read", "write"),
	("Customer", "Sales Master Manager", FOLLOWUP_PERMLEVEL): ("read", "write"),
	("Customer", "Sales Manager", FOLLOWUP_PERMLEVEL): ("read",),
	("Customer", "Stock User", FOLLOWUP_PERMLEVEL): ("read",),
	("Customer", "Stock Manager", FOLLOWUP_PERMLEVEL): ("read",),
	("Customer", "Accounts User", FOLLOWUP_PERMLEVEL): ("read",),
	("Customer", "Accounts Manager", FOLLOWUP_PERMLEVEL): ("read",),
	# The contact person of a visit, complaint or survey.
	("Contact", USER, 0): ("select", "read"),
	("Contact", MANAGER, 0): ("select", "read"),
	# A Need on a completed visit becomes an Opportunity, linked from the feedback row.
	("Opportunity", USER, 0): ("select", "read"),
	("Opportunity", MANAGER, 0): ("select", "read"),
	# Policy conditions and report filters.
	("Customer Group", USER, 0): ("select", "read"),
	("Customer Group", MANAGER, 0): ("select", "read"),
	("Territory", USER, 0): ("select", "read"),
	("Territory", MANAGER, 0): ("select", "read"),
	# Feedback categories name their responsible department; Feedback by Department shows and filters it.
	("Department", USER, 0): ("select", "read"),
	("Department", MANAGER, 0): ("select", "read"),
	# Loyalty points and their summary are per company.
	("Company", USER, 0): ("select",),
	("Company", MANAGER, 0): ("select",),
	# Settings: the holiday list of SLA clocks and planned dates; policies assign to a role.
	("Holiday List", MANAGER, 0): ("select", "read"),
	("Role", MANAGER, 0): ("select",),
}


def grant_platform_permissions():
	"""Give the app's roles the rights above; rights an admin added are kept, none are taken away."""
	for (doctype, role, permlevel), rights in PLATFORM_PERMISSIONS.items():
		if not frappe.db.exists("DocType", doctype):
			continue
		setup_custom_perms(doctype)
		if permlevel and not frappe.db.exists(
			"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}
		):
			continue  # a higher level without level 0 grants nothing (and Frappe refuses it)
		filters = {"parent": doctype, "role": role, "permlevel": permlevel, "if_owner": 0}
		existing = frappe.db.get_value("Custom DocPerm", filters, ["name", *rights], as_dict=True)
		if existing:
			missing = {right: 1 for right in rights if not existing[right]}
			if missing:
				frappe.db.set_value("Custom DocPerm", existing.name, missing)
		else:
			frappe.get_doc(
				{
					"doctype": "Custom DocPerm",
					"parent": doctype,
					"parenttype": "DocType",
					"parentfield": "permissions",
					"role": role,
					"permlevel": permlevel,
					**{right: int(right in rights) for right in RIGHTS},
				}
			).insert(ignore_permissions=True)
		frappe.clear_cache(doctype=doctype)


def revoke_platform_permissions():
	"""Remove the app's roles' rules and the rules on the app's field levels; drop a plain copy of the
	standard."""
	for doctype in sorted({doctype for doctype, _role, _level in PLATFORM_PERMISSIONS}):
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", APP_ROLES)})
		for rule_doctype, role, permlevel in PLATFORM_PERMISSIONS:
			if rule_doctype == doctype and permlevel:  # a level of the app's own fields
				frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": permlevel})
		if _custom_rules(doctype, "Custom DocPerm") == _custom_rules(doctype, "DocPerm"):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)


def _custom_rules(doctype: str, source: str) -> list[tuple]:
	fields = ["role", "permlevel", "if_owner", *RIGHTS, "submit", "cancel", "amend", "delete", "import"]
	rows = frappe.get_all(source, filters={"parent": doctype}, fields=fields)
	return sorted(tuple(row[field] or 0 for field in fields) for row in rows)
