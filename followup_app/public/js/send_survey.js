// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// "Send Survey" on Customer, Visit Record and Complaint.
frappe.provide("followup_app");

followup_app.send_survey = function (customer, reference_doctype, reference_name) {
	frappe.prompt(
		[
			{
				fieldname: "survey_template",
				fieldtype: "Link",
				options: "Survey Template",
				label: __("Survey Template"),
				reqd: 1,
				get_query: () => ({ filters: { enabled: 1 } }),
			},
			{
				fieldname: "channel",
				fieldtype: "Select",
				label: __("Channel"),
				options: ["Email", "SMS", "Link", "In Visit", "Phone"],
				default: "Email",
				reqd: 1,
			},
		],
		(values) => {
			frappe
				.call("followup_app.surveys.sending.create_and_send", {
					customer,
					survey_template: values.survey_template,
					channel: values.channel,
					reference_doctype,
					reference_name,
				})
				.then((r) => frappe.set_route("Form", "Satisfaction Survey", r.message.name));
		},
		__("Send Survey")
	);
};

for (const doctype of ["Visit Record", "Complaint"]) {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (!frm.is_new() && frappe.model.can_create("Satisfaction Survey")) {
				frm.add_custom_button(__("Send Survey"), () =>
					followup_app.send_survey(frm.doc.customer, frm.doctype, frm.doc.name)
				);
			}
		},
	});
}
