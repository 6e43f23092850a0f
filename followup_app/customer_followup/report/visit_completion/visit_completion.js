// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Visit Completion"] = {
	filters: followup_app.reports.filters({
		groups: followup_app.reports.groups("month", "week", "quarter", "tier", "customer_group", "territory", "visitor", "customer", "total"),
		visitor: "visitor",
	}),
	formatter: followup_app.reports.formatter,
};
