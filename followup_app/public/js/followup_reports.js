// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// Filters and the drill-down formatter the Customer Follow-up reports share.
frappe.provide("followup_app.reports");

followup_app.reports.group_labels = () => ({
	month: __("Month"),
	week: __("Week"),
	quarter: __("Quarter"),
	tier: __("Customer Tier"),
	customer_group: __("Customer Group"),
	territory: __("Territory"),
	visitor: __("Visited By"),
	assignee: __("Assigned To"),
	customer: __("Customer"),
	category: __("Feedback Category"),
	severity: __("Severity"),
	feedback_type: __("Feedback Type"),
	channel: __("Channel"),
	survey_template: __("Survey Template"),
	total: __("Total"),
});

// The report filters: date range (last 12 months by default), customer dimensions and, as
// asked, visitor, feedback category, company and a "Group By" choice among `groups`.
followup_app.reports.filters = function ({
	groups = [],
	visitor = null,
	category = false,
	company = false,
	extra = [],
} = {}) {
	const labels = followup_app.reports.group_labels();
	const filters = [
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
	];
	if (groups.length) {
		filters.push({
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			default: groups[0],
			options: groups.map(([value, label]) => ({ value, label: labels[label || value] })),
		});
	}
	if (company) {
		filters.push({
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
		});
	}
	filters.push(...followup_app.reports.customer_filters());
	if (visitor) {
		filters.push({
			fieldname: "visitor",
			label: labels[visitor],
			fieldtype: "Link",
			options: "User",
		});
	}
	if (category) {
		filters.push({
			fieldname: "category",
			label: __("Feedback Category"),
			fieldtype: "Link",
			options: "Feedback Category",
		});
	}
	return filters.concat(extra);
};

// The customer dimensions a report narrows by: tier, customer group, territory.
followup_app.reports.customer_filters = () => [
	{
		fieldname: "customer_tier",
		label: __("Follow-up Tier"),
		fieldtype: "Link",
		options: "Customer Tier",
	},
	{
		fieldname: "customer_group",
		label: __("Customer Group"),
		fieldtype: "Link",
		options: "Customer Group",
	},
	{ fieldname: "territory", label: __("Territory"), fieldtype: "Link", options: "Territory" },
];

// Group choices: a list of fieldnames, or [fieldname, label key] pairs.
followup_app.reports.groups = (...names) =>
	names.map((name) => (Array.isArray(name) ? name : [name]));

// Figure cells link to the records behind them (links computed by the server, per row).
followup_app.reports.formatter = function (value, row, column, data, default_formatter) {
	const formatted = default_formatter(value, row, column, data);
	const link = data && data._links && data._links[column.fieldname];
	if (!link || value === null || value === undefined) return formatted;
	// The server builds the URL, encoded; only HTML-escape it here.
	return `<a href="${frappe.utils.escape_html(link)}" title="${__("Show the records")}">${formatted}</a>`;
};
