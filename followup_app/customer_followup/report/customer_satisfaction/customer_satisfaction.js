// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Customer Satisfaction"] = {
	filters: followup_app.reports.filters({
		groups: followup_app.reports.groups(
			"month",
			"week",
			"quarter",
			"channel",
			"survey_template",
			"tier",
			"customer_group",
			"territory",
			"customer",
			"total"
		),
	}),
	formatter: followup_app.reports.formatter,
};
