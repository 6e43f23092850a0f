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
				{ value: "survey_response_rate", label: __("Survey Response Rate") },
				{ value: "complaint_rate", label: __("Complaint Rate (per 100 active customers)") },
				{ value: "response_sla", label: __("Complaint Response SLA %") },
				{ value: "resolution_sla", label: __("Complaint Resolution SLA %") },
				{ value: "average_resolution_hours", label: __("Average Resolution Hours") },
				{ value: "reopen_rate", label: __("Reopen Rate") },
				{ value: "feedback_problem_distribution", label: __("Feedback Problem Distribution") },
				{ value: "opportunity_rate", label: __("Needs Turned into Opportunities") },
				{ value: "demand_conversion_rate", label: __("Demand Conversion Rate") },
				{ value: "order_rate", label: __("Needs Won as Sales Orders") },
				{ value: "repurchase_rate", label: __("Repurchase Rate after Visit") },
				{ value: "satisfied_rate", label: __("Satisfied Outcome Share") },
				{ value: "has_issues_rate", label: __("Has Issues Outcome Share") },
				{ value: "high_potential_rate", label: __("High Potential Outcome Share") },
				{ value: "unreachable_rate", label: __("Unreachable Rate") },
				{ value: "high_potential_opportunity_rate", label: __("High Potential Visits with an Opportunity") },
				{ value: "high_potential_order_rate", label: __("High Potential Visits Won as Sales Orders") },
				{ value: "over_long_visit_rate", label: __("Over-long Visit Rate") },
				{ value: "churn_rate", label: __("Churn Rate") },
				{ value: "points_issued", label: __("Points Issued") },
				{ value: "points_redeemed", label: __("Points Redeemed") },
				{ value: "points_expired", label: __("Points Expired") },
			],
		},
	].concat(
		followup_app.reports.filters({
			groups: followup_app.reports.groups("month", "week", "quarter", "tier", "customer_group", "territory", "visitor", "customer", "category", "severity", "feedback_type", "total"),
			visitor: "visitor",
			category: true,
			company: true,
		})
	),
	formatter: followup_app.reports.formatter,
};
