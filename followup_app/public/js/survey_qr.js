// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// On-site QR code: the visitor shows a fresh secret link of an In Visit survey as a QR code, which
// the customer scans to answer on their own phone. `method` (on the server) issues the link and
// draws the code; the Visit Record and Satisfaction Survey forms call this.
frappe.provide("followup_app");

followup_app.show_survey_qr = (method, args) =>
	frappe.call(method, args).then((r) => {
		const qr = r.message;
		const dialog = new frappe.ui.Dialog({
			title: __("Survey QR Code"),
			fields: [{ fieldtype: "HTML", fieldname: "qr" }],
		});
		const link = frappe.utils.escape_html(qr.link);
		dialog.fields_dict.qr.$wrapper.html(`
			<div class="text-center">
				<img class="survey-qr" src="${qr.qr}" alt="${__("QR code of the survey link")}"
					style="width: 100%; max-width: 320px; image-rendering: pixelated;">
				<p class="mt-3">${__(
					"Let the customer scan this code with their phone camera to answer the survey. It works once, until {0}.",
					[frappe.datetime.str_to_user(qr.expires_on)]
				)}</p>
				<p class="small text-muted text-break"><a href="${link}" target="_blank" rel="noopener">${link}</a></p>
			</div>`);
		dialog.show();
		return qr;
	});
