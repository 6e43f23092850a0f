// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Demand Conversion"] = {
	filters: followup_app.reports.filters({
		groups: followup_app.reports.groups("month", "week", "quarter", "category", "tier", "customer_group", "territory", "visitor", "customer", "total"),
		visitor: "visitor",
		category: true,
	}),
	formatter: followup_app.reports.formatter,
};
