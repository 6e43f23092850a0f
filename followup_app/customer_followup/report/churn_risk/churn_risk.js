// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Churn Risk"] = {
	filters: followup_app.reports.filters({
		extra: [
			{
				fieldname: "min_score",
				label: __("Minimum Churn Risk Score"),
				fieldtype: "Int",
				default: 50,
			},
			{
				fieldname: "limit",
				label: __("Show at Most"),
				fieldtype: "Int",
				default: 500,
			},
			{
				fieldname: "lifecycle_stage",
				label: __("Lifecycle Stage"),
				fieldtype: "Select",
				options: ["", "Prospect", "New", "Active", "Loyal", "At Risk", "Churned"],
			},
			{
				fieldname: "account_manager",
				label: __("Account Manager"),
				fieldtype: "Link",
				options: "User",
			},
		],
	}),
};
