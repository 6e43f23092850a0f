app_name = "followup_app"
app_title = "Customer Follow-up"
app_publisher = "followup_app developers"
app_description = "Customer follow-up (客户回访) for ERPNext: planned visits, complaints with SLA, surveys, loyalty points, churn warning and KPIs"
app_email = "dev@followup.app"
app_license = "mit"

required_apps = ["erpnext"]

# Installation
# ------------

after_install = "followup_app.setup.install.after_install"
after_migrate = "followup_app.setup.install.after_migrate"
before_uninstall = "followup_app.setup.install.before_uninstall"

# Fixtures
# --------
# The app's roles (exported with `bench export-fixtures --app followup_app`).

fixtures = [
	{"dt": "Role", "filters": [["name", "in", ["Followup Manager", "Followup User"]]]},
]
