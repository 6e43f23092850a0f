// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Analysis"] = {
	filters: followup_app.reports.filters({
		groups: followup_app.reports.groups("month", "week", "quarter", "category", "severity", "tier", "customer_group", "territory", ["visitor", "assignee"], "customer", "total"),
		visitor: "assignee",
		category: true,
	}),
	formatter: followup_app.reports.formatter,
};
