"""Installing, migrating and uninstalling the app (entry layer): Customer custom fields, default
records, role permissions on ERPNext DocTypes and the apps screen."""
