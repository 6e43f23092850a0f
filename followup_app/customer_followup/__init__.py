"""The Frappe module of the app (entry layer): its DocTypes and their controllers, Script Reports,
the workspace, number cards and dashboard charts. Controllers validate, then call the domains."""
