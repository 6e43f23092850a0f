"""The site's defaults the domains start from."""

import frappe


def default_company() -> str:
	"""The user's default company, else the global default, else the first company."""
	return (
		frappe.defaults.get_user_default("Company")
		or frappe.db.get_single_value("Global Defaults", "default_company")
		or frappe.db.get_value("Company", {}, "name")
	)
