// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Customer Data Audit"] = {
	filters: [
		{
			fieldname: "reason",
			label: __("Reason"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "no_primary_contact", label: __("No primary contact") },
				{ value: "no_phone_or_email", label: __("No phone or email") },
				{ value: "invalid_email", label: __("Invalid email address") },
				{ value: "invalid_mobile", label: __("Invalid mobile number") },
				{ value: "invalid_phone", label: __("Invalid phone number") },
				{ value: "same_phone", label: __("Possible duplicate: same phone") },
				{ value: "same_email", label: __("Possible duplicate: same email") },
				{ value: "same_name", label: __("Possible duplicate: same name") },
				{ value: "not_confirmed", label: __("Contact details not confirmed") },
				{ value: "no_tier", label: __("No follow-up tier") },
				{ value: "no_account_manager", label: __("No account manager") },
			],
		},
		{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer" },
		...followup_app.reports.customer_filters(),
		{
			fieldname: "limit",
			label: __("Show at Most"),
			fieldtype: "Int",
			default: 1000,
		},
	],
};
