"""Custom fields the app adds to standard ERPNext DocTypes, as data.

Created on install and migrate by `create_custom_fields` (idempotent) and removed on uninstall.
"""

MODULE = "Customer Followup"
# The Follow-up tab has a permission level of its own, unused by ERPNext's Customer rules: the app's
# roles are given rights on it (setup/platform_permissions.py) without rights on the rest of Customer.
FOLLOWUP_PERMLEVEL = 2

LIFECYCLE_STAGES = ("Prospect", "New", "Active", "Loyal", "At Risk", "Churned")
CONTACT_CHANNELS = ("Phone", "Email", "SMS", "WeChat", "Video Call", "On-site")

CUSTOMER_FIELDS = [
	{
		"fieldname": "followup_tab",
		"fieldtype": "Tab Break",
		"label": "Follow-up",
		"insert_after": "portal_users",
	},
	# The brief a visitor reads before calling (followup_app.visits.brief), drawn by customer.js.
	{
		"fieldname": "followup_brief_section",
		"fieldtype": "Section Break",
		"label": "Customer Brief",
		"insert_after": "followup_tab",
	},
	{
		"fieldname": "followup_brief",
		"fieldtype": "HTML",
		"label": "Customer Brief",
		"insert_after": "followup_brief_section",
	},
	{
		"fieldname": "followup_profile_section",
		"fieldtype": "Section Break",
		"label": "Follow-up Profile",
		"insert_after": "followup_brief",
	},
	{
		"fieldname": "followup_tier",
		"fieldtype": "Link",
		"label": "Follow-up Tier",
		"options": "Customer Tier",
		"insert_after": "followup_profile_section",
		"in_standard_filter": 1,
	},
	{
		"fieldname": "tier_pinned",
		"fieldtype": "Check",
		"label": "Keep This Tier",
		"insert_after": "followup_tier",
		"description": "Auto-tiering leaves this tier alone. Ticked when a person sets the tier; untick to let auto-tiering take over",
	},
	{
		"fieldname": "tier_set_by",
		"fieldtype": "Link",
		"label": "Tier Set By",
		"options": "User",
		"insert_after": "tier_pinned",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.tier_pinned",
	},
	{
		"fieldname": "tier_set_on",
		"fieldtype": "Datetime",
		"label": "Tier Set On",
		"insert_after": "tier_set_by",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.tier_pinned",
	},
	{
		"fieldname": "lifecycle_stage",
		"fieldtype": "Select",
		"label": "Lifecycle Stage",
		"options": "\n" + "\n".join(LIFECYCLE_STAGES),
		"insert_after": "tier_set_on",
		"in_standard_filter": 1,
		"description": "Maintained nightly from invoice history",
	},
	{
		"fieldname": "do_not_contact",
		"fieldtype": "Check",
		"label": "Do Not Contact",
		"insert_after": "lifecycle_stage",
		"description": "Opted out: no planned visits and no surveys",
	},
	{
		"fieldname": "followup_column_contact",
		"fieldtype": "Column Break",
		"insert_after": "do_not_contact",
	},
	{
		"fieldname": "preferred_channel",
		"fieldtype": "Select",
		"label": "Preferred Channel",
		"options": "\n" + "\n".join(CONTACT_CHANNELS),
		"insert_after": "followup_column_contact",
	},
	{
		"fieldname": "preferred_contact_time",
		"fieldtype": "Data",
		"label": "Preferred Contact Time",
		"insert_after": "preferred_channel",
		"description": "When planned visits are timed, e.g. 09:00-11:30, afternoon, Tue/Thu 14:00-16:00, 工作日 上午",
	},
	{
		"fieldname": "contact_verified_on",
		"fieldtype": "Date",
		"label": "Contact Verified On",
		"insert_after": "preferred_contact_time",
		"read_only": 1,
		"no_copy": 1,
		"description": "When a completed visit last confirmed the customer's contact details (see Customer Data Audit)",
	},
	{
		"fieldname": "followup_status_section",
		"fieldtype": "Section Break",
		"label": "Follow-up Status",
		"insert_after": "contact_verified_on",
	},
	{
		"fieldname": "last_visit_date",
		"fieldtype": "Date",
		"label": "Last Visit Date",
		"insert_after": "followup_status_section",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "next_visit_due",
		"fieldtype": "Date",
		"label": "Next Visit Due",
		"insert_after": "last_visit_date",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "loyalty_points_balance",
		"fieldtype": "Int",
		"label": "Loyalty Points Balance",
		"insert_after": "next_visit_due",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "followup_column_scores",
		"fieldtype": "Column Break",
		"insert_after": "loyalty_points_balance",
	},
	# An Int or Float column cannot hold "unknown" (Frappe stores 0): each figure below has a companion
	# saying whether and when it was measured, and shows (and is read) only when it was.
	{
		"fieldname": "last_nps",
		"fieldtype": "Int",
		"label": "Last NPS",
		"insert_after": "followup_column_scores",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.last_nps_on",
		"description": "The 0-10 answer of the customer's latest survey with the NPS question",
	},
	{
		"fieldname": "last_nps_on",
		"fieldtype": "Datetime",
		"label": "Last NPS Answered On",
		"insert_after": "last_nps",
		"read_only": 1,
		"no_copy": 1,
	},
	{
		"fieldname": "avg_satisfaction",
		"fieldtype": "Float",
		"label": "Average Satisfaction",
		"insert_after": "last_nps_on",
		"read_only": 1,
		"no_copy": 1,
		"precision": "2",
		"depends_on": "eval:doc.satisfaction_ratings",
		"description": "Mean satisfaction (1-5) of completed visits and surveys",
	},
	{
		"fieldname": "satisfaction_ratings",
		"fieldtype": "Int",
		"label": "Satisfaction Ratings",
		"insert_after": "avg_satisfaction",
		"read_only": 1,
		"no_copy": 1,
		"description": "Rated visits and surveys with a CSAT behind the average",
	},
	{
		"fieldname": "churn_risk_score",
		"fieldtype": "Int",
		"label": "Churn Risk Score",
		"insert_after": "satisfaction_ratings",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.churn_risk_scored_on",
		"description": "0 (safe) to 100 (about to churn)",
		"search_index": 1,
	},
	{
		"fieldname": "churn_risk_scored_on",
		"fieldtype": "Date",
		"label": "Churn Risk Scored On",
		"insert_after": "churn_risk_score",
		"read_only": 1,
		"no_copy": 1,
		"description": "When the nightly refresh last changed the score; blank until the customer has invoices or a risk factor",
	},
	{
		"fieldname": "churn_risk_factors",
		"fieldtype": "Small Text",
		"label": "Churn Risk Factors",
		"insert_after": "churn_risk_scored_on",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.churn_risk_scored_on",
		"description": "What each factor added to the score",
	},
	{
		"fieldname": "followup_unreachable",
		"fieldtype": "Check",
		"label": "Unreachable",
		"insert_after": "churn_risk_factors",
		"read_only": 1,
		"no_copy": 1,
		"description": "Not reached in the last allowed attempts (outcome playbook); cleared when a visit reaches the customer",
	},
	{
		"fieldname": "unreachable_since",
		"fieldtype": "Date",
		"label": "Unreachable Since",
		"insert_after": "followup_unreachable",
		"read_only": 1,
		"no_copy": 1,
		"depends_on": "eval:doc.followup_unreachable",
	},
]

# Demand conversion: an Opportunity made from a Need voiced during a visit links back to the visit.
OPPORTUNITY_FIELDS = [
	{
		"fieldname": "followup_visit",
		"fieldtype": "Link",
		"label": "Follow-up Visit",
		"options": "Visit Record",
		"insert_after": "source",
		"read_only": 1,
		"no_copy": 1,
		"search_index": 1,
	},
]

# Routed feedback: each ToDo given to a category's owner names its Feedback Category, so an owner gets
# one ToDo per record and category and can filter their ToDo list by category.
TODO_FIELDS = [
	{
		"fieldname": "followup_feedback_category",
		"fieldtype": "Link",
		"label": "Feedback Category",
		"options": "Feedback Category",
		"insert_after": "reference_name",
		"read_only": 1,
		"no_copy": 1,
		"in_standard_filter": 1,
	},
]

CUSTOM_FIELDS = {
	"Customer": [dict(field, module=MODULE, permlevel=FOLLOWUP_PERMLEVEL) for field in CUSTOMER_FIELDS],
	"Opportunity": [dict(field, module=MODULE) for field in OPPORTUNITY_FIELDS],
	"ToDo": [dict(field, module=MODULE) for field in TODO_FIELDS],
}
