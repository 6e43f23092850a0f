// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Visitor Performance"] = {
	filters: followup_app.reports.filters({ visitor: "visitor" }),
	formatter: followup_app.reports.formatter,
};
