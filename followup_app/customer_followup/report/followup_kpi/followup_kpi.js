// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Followup KPI"] = {
	filters: [
		{
			fieldname: "metric",
			label: __("KPI"),
			fieldtype: "Select",
			reqd: 1,
			default: "visit_completion_rate",
			options: [
				{ value: "visit_completion_rate", label: __("Visit Completion Rate") },
				{ value: "on_time_visit_rate", label: __("On-time Visit Rate") },
				{ value: "average_satisfaction", label: __("Average Satisfaction (CSAT)") },
				{ value: "nps", label: __("NPS") },
				{ value: "customer_effort", label: __("Customer Effort") },
				{ value: "complaint_rate", label: __("Complaint Rate (per 100 active customers)") },
				{ value: "response_sla", label: __("Complaint Response SLA %") },
				{ value: "resolution_sla", label: __("Complaint Resolution SLA %") },
				{ value: "average_resolution_hours", label: __("Average Resolution Hours") },
				{ value: "reopen_rate", label: __("Reopen Rate") },
				{ value: "demand_conversion_rate", label: __("Demand Conversion Rate") },
				{ value: "points_issued", label: __("Points Issued") },
				{ value: "points_redeemed", label: __("Points Redeemed") },
				{ value: "points_expired", label: __("Points Expired") },
			],
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			default: "month",
			options: [
				{ value: "week", label: __("Week") },
				{ value: "month", label: __("Month") },
				{ value: "quarter", label: __("Quarter") },
				{ value: "tier", label: __("Customer Tier") },
				{ value: "customer_group", label: __("Customer Group") },
				{ value: "territory", label: __("Territory") },
				{ value: "visitor", label: __("Visited By") },
				{ value: "total", label: __("Total") },
			],
		},
	],
};
