// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Loyalty Points Summary"] = {
	filters: followup_app.reports.filters({
		groups: followup_app.reports.groups("customer", "month", "week", "quarter", "tier", "customer_group", "territory", "total"),
		company: true,
	}),
	formatter: followup_app.reports.formatter,
};
