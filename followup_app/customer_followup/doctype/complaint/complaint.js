// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint", {
	description(frm) {
		followup_app.suggestions.refresh_row(frm, frm.doctype, frm.docname, frm.doc.description);
	},
	category(frm) {
		followup_app.suggestions.render(frm);
	},
	setup(frm) {
		frm.set_query("assigned_to", () => ({ filters: { user_type: "System User", enabled: 1 } }));
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
	},
	refresh(frm) {
		followup_app.suggestions.render(frm);
		frm.trigger("show_sla");
		if (frm.is_new()) {
			return;
		}
		const step = (label, status, values) =>
			frm.add_custom_button(
				label,
				() => {
					frm.set_value({ status, ...(values || {}) });
					frm.save();
				},
				__("Status")
			);
		if (["Open", "Reopened"].includes(frm.doc.status)) {
			step(__("Start Work"), "In Progress");
		}
		if (["Open", "In Progress", "Reopened"].includes(frm.doc.status)) {
			frm.add_custom_button(
				__("Resolve"),
				() => {
					frm.set_value("status", "Resolved");
					frm.scroll_to_field("resolution");
				},
				__("Status")
			);
		}
		if (["Resolved", "Closed"].includes(frm.doc.status)) {
			frm.add_custom_button(
				__("Reopen"),
				() => {
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Reopen Reason"), reqd: 1 },
						({ reason }) => step_with(frm, "Reopened", { reopen_reason: reason }),
						__("Reopen Complaint")
					);
				},
				__("Status")
			);
		}
		if (frm.doc.status !== "Closed" && frappe.user.has_role(["Followup Manager", "System Manager"])) {
			frm.add_custom_button(
				__("Close Without Verification"),
				() => {
					frappe.prompt(
						{
							fieldname: "reason",
							fieldtype: "Small Text",
							label: __("Close Without Verification Because"),
							reqd: 1,
						},
						({ reason }) => step_with(frm, "Closed", { override_reason: reason }),
						__("Close Without Verification")
					);
				},
				__("Status")
			);
		}
	},
	show_sla(frm) {
		if (frm.is_new() || !frm.doc.sla_status) {
			return;
		}
		const colors = { "On Track": "blue", "At Risk": "orange", Breached: "red", Met: "green" };
		const due = frm.doc.first_response_on ? frm.doc.resolution_due : frm.doc.response_due;
		const what = frm.doc.first_response_on ? __("Resolution due") : __("Response due");
		frm.dashboard.set_headline_alert(
			`<span class="indicator ${colors[frm.doc.sla_status]}">${__(frm.doc.sla_status)}</span>` +
				(["Resolved", "Closed"].includes(frm.doc.status)
					? ""
					: ` · ${what}: ${frappe.datetime.str_to_user(due)}`)
		);
	},
});

function step_with(frm, status, values) {
	frm.set_value({ status, ...values });
	frm.save();
}
