// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Feedback Topics"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -55),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "category",
			label: __("Feedback Category"),
			fieldtype: "Link",
			options: "Feedback Category",
		},
		{
			fieldname: "source",
			label: __("Source"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("All") },
				{ value: "summary", label: __("Visit Summary") },
				{ value: "item", label: __("Visit Feedback") },
				{ value: "complaint", label: __("Complaint") },
				{ value: "answer", label: __("Survey Answer") },
			],
		},
		{
			fieldname: "sentiment",
			label: __("Sentiment"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("All") },
				{ value: "Positive", label: __("Positive") },
				{ value: "Neutral", label: __("Neutral") },
				{ value: "Negative", label: __("Negative") },
			],
		},
		{
			fieldname: "view",
			label: __("View"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Weeks") },
				{ value: "Records", label: __("Records") },
			],
		},
	],
	formatter: followup_app.reports.formatter,
};
