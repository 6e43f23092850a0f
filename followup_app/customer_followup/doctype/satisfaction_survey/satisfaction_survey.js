// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Satisfaction Survey", {
	setup(frm) {
		frm.set_query("survey_template", () => ({ filters: { enabled: 1 } }));
	},
	refresh(frm) {
		followup_app.suggestions.render(frm);
		if (!frm.is_new() && frm.doc.channel === "In Visit" && ["Draft", "Sent"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Show QR Code"), () =>
				followup_app
					.show_survey_qr("followup_app.surveys.qr.survey_qr", { survey: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		if (frm.is_new() || frm.doc.status !== "Draft") {
			return;
		}
		if (["In Visit", "Phone"].includes(frm.doc.channel)) {
			frm.add_custom_button(__("Complete Survey"), () =>
				frm.save().then(() => frm.call("complete_in_desk").then(() => frm.reload_doc()))
			);
		} else {
			frm.add_custom_button(__("Send Survey"), () =>
				frm.call("send").then((r) => {
					frm.reload_doc();
					frappe.msgprint({
						title: __("Survey Sent"),
						message: __("Survey link: {0}", [`<a href="${r.message}">${r.message}</a>`]),
					});
				})
			);
		}
	},
});

frappe.ui.form.on("Survey Answer", {
	answer_text(frm, cdt, cdn) {
		followup_app.suggestions.refresh_row(frm, cdt, cdn, locals[cdt][cdn].answer_text);
	},
	category(frm) {
		followup_app.suggestions.render(frm);
	},
});
