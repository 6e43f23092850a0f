"""The app's entry on Frappe's apps screen (v15 /apps, v16 Desktop): shown to the app's users."""

import frappe

APP_ROLES = {"Followup User", "Followup Manager", "System Manager"}


def has_app_permission() -> bool:
	"""`add_to_apps_screen` permission: Administrator and holders of the app's roles."""
	if frappe.session.user == "Administrator":
		return True
	return bool(APP_ROLES & set(frappe.get_roles()))
