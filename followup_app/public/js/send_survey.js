// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// "Send Survey" on Customer, Visit Record and Complaint.
frappe.provide("followup_app");

followup_app.survey_template_field = () => ({
	fieldname: "survey_template",
	fieldtype: "Link",
	options: "Survey Template",
	label: __("Survey Template"),
	reqd: 1,
	get_query: () => ({ filters: { enabled: 1 } }),
});

// The prompt's fields: an enabled Survey Template and one of `channels`.
followup_app.survey_prompt_fields = (channels) => [
	followup_app.survey_template_field(),
	{
		fieldname: "channel",
		fieldtype: "Select",
		label: __("Channel"),
		options: channels,
		default: "Email",
		reqd: 1,
	},
];

followup_app.send_survey = function (customer, reference_doctype, reference_name) {
	frappe.prompt(
		followup_app.survey_prompt_fields(["Email", "SMS", "Link", "In Visit", "Phone"]),
		(values) => {
			frappe
				.call("followup_app.surveys.sending.create_and_send", {
					customer,
					survey_template: values.survey_template,
					channel: values.channel,
					reference_doctype,
					reference_name,
				})
				.then((r) =>
					frappe.set_route("Form", "Satisfaction Survey", r.message.name).then(() => {
						// A link the staff member shares themselves: show it.
						if (r.message.link) {
							frappe.msgprint({
								title: __("Survey Sent"),
								message: __("Survey link: {0}", [
									`<a href="${r.message.link}">${r.message.link}</a>`,
								]),
							});
						}
					})
				);
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

// On an On-site visit: a QR code of a fresh link to an In Visit survey linked to the visit.
frappe.ui.form.on("Visit Record", {
	refresh(frm) {
		if (
			frm.is_new() ||
			frm.doc.channel !== "On-site" ||
			!["Planned", "Completed"].includes(frm.doc.status) ||
			!frappe.model.can_create("Satisfaction Survey")
		) {
			return;
		}
		frm.add_custom_button(__("Survey QR Code"), () =>
			frappe.prompt(
				[followup_app.survey_template_field()],
				(values) =>
					followup_app
						.show_survey_qr("followup_app.surveys.qr.visit_survey_qr", {
							visit: frm.doc.name,
							survey_template: values.survey_template,
						})
						.then(() => frm.reload_doc()),
				__("Survey QR Code"),
				__("Show QR Code")
			)
		);
	},
});
