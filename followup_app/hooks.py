app_name = "followup_app"
app_title = "Customer Follow-up"
app_publisher = "followup_app developers"
app_description = "Customer follow-up (客户回访) for ERPNext: planned visits, complaints with SLA, surveys, loyalty points, churn warning and KPIs"
app_email = "dev@followup.app"
app_license = "mit"

required_apps = ["erpnext"]

# The apps screen (Frappe v15 /apps, v16 Desktop): the app's logo, opening its workspace. hooks.py
# is read without a site, so the route is static: Frappe v16 redirects /app/... to /desk/... (its own
# hooks' app_home is /app/build).
add_to_apps_screen = [
	{
		"name": app_name,
		"logo": "/assets/followup_app/images/followup-logo.svg",
		"title": app_title,
		"route": "/app/customer-follow-up",
		"has_permission": "followup_app.setup.apps_screen.has_app_permission",
	}
]

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

# Desk
# ----

# Filters and drill-down links shared by the app's Script Reports; translated Datetime descriptions; the
# survey QR code dialog; the goal status colours of the goal's form and list.
app_include_js = [
	"/assets/followup_app/js/followup_reports.js",
	"/assets/followup_app/js/goal_status.js",
	"/assets/followup_app/js/field_descriptions.js",
	"/assets/followup_app/js/survey_qr.js",
	"/assets/followup_app/js/feedback_suggestions.js",
]

doctype_js = {
	"Customer": ["public/js/send_survey.js", "public/js/customer.js"],
	"Visit Record": "public/js/send_survey.js",
	"Complaint": "public/js/send_survey.js",
}

doctype_list_js = {"Customer": ["public/js/send_survey.js", "public/js/customer_list.js"]}

override_doctype_dashboards = {
	"Customer": "followup_app.visits.customer_dashboard.get_dashboard_data",
}

# Record-level permissions
# ------------------------

permission_query_conditions = {
	"Visit Record": "followup_app.visits.permissions.visit_query_conditions",
	"Complaint": "followup_app.complaints.permissions.complaint_query_conditions",
	"Satisfaction Survey": "followup_app.surveys.permissions.survey_query_conditions",
}

has_permission = {
	"Visit Record": "followup_app.visits.permissions.has_visit_permission",
	"Complaint": "followup_app.complaints.permissions.has_complaint_permission",
	"Satisfaction Survey": "followup_app.surveys.permissions.has_survey_permission",
}

# Document events
# ---------------

doc_events = {
	"Customer": {
		"onload": "followup_app.customers.followup_tab.mark_followup_tab_only",
		"before_validate": [
			"followup_app.customers.followup_tab.keep_rest_of_customer",
			"followup_app.customers.tiering.pin_tier_set_by_hand",
		],
		"validate": "followup_app.visits.timing.check_preferred_time",
	},
	"Sales Invoice": {
		"on_submit": [
			"followup_app.visits.activation.plan_activation_visit",
			"followup_app.points.erpnext_loyalty.redeem_on_sales_invoice",
			"followup_app.surveys.post_sale.send_post_sale_survey",
			"followup_app.visits.repurchase.on_sales_invoice_change",
		],
		"on_cancel": [
			"followup_app.points.erpnext_loyalty.cancel_sales_invoice_redemption",
			"followup_app.visits.repurchase.on_sales_invoice_change",
		],
	},
	"Communication": {
		"after_insert": "followup_app.complaints.responses.first_response_by_email",
	},
	"Personal Data Deletion Request": {
		"on_change": "followup_app.customers.personal_data.redact_after_deletion",
	},
}

# Personal data
# -------------
# Frappe's Personal Data Download and Deletion Requests find a person's records by their email: the
# contact's email copied onto visits and complaints, the email a complaint came from and the address a
# survey went to. Deletion replaces that email by the request's anonymous address and redacts the
# listed contact details and free text; counts, scores and outcomes stay for the KPIs. Loyalty points
# belong to the customer: mentions of the person's name or email are replaced in their text.
# followup_app.customers.personal_data adds to both what they cannot reach: child rows and the customer's points
# ledger in the download; child rows, the ToDos written from the records and their change history
# (Version) in the deletion.

override_doctype_class = {
	"Personal Data Download Request": "followup_app.customers.personal_data.PersonalDataDownloadRequest",
}

user_data_fields = [
	{
		"doctype": "Visit Record",
		"filter_by": "contact_email",
		"redact_fields": ["contact_mobile", "summary", "next_action", "remarks"],
	},
	{
		"doctype": "Complaint",
		"filter_by": "contact_email",
		"redact_fields": ["subject", "description", "resolution"],
	},
	{
		"doctype": "Complaint",
		"filter_by": "raised_by",
		"redact_fields": ["subject", "description", "resolution"],
	},
	{"doctype": "Satisfaction Survey", "filter_by": "email", "redact_fields": ["mobile_no"]},
	{"doctype": "Loyalty Points", "strict": True},
]

# Scheduled tasks
# ---------------
# Small coordinators: each records its run (Followup Job Run) and enqueues one deduplicated job per
# chunk of customers or complaints on the long queue, so every worker shares the work. The nightly
# run takes each chunk through refresh, missed visits, planning, points and survey expiry and survey
# reminders in that order, then evaluates goals after the last chunk. Failed chunks are taken again
# hourly.

scheduler_events = {
	"hourly": [
		"followup_app.scheduling.hourly.scheduled_sla_run",
		"followup_app.scheduling.runs.scheduled_retry_failed_chunks",
	],
	"daily": [
		"followup_app.scheduling.nightly.scheduled_nightly_run",
		"followup_app.feedback.learning.scheduled_feedback_model_run",
	],
	"weekly": [
		"followup_app.kpi.digest.scheduled_send_weekly_digest",
		"followup_app.feedback.digest.scheduled_send_feedback_digest",
		"followup_app.feedback.topics.scheduled_rising_topics",
	],
}
