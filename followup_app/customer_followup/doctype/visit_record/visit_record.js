// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Visit Record", {
	setup(frm) {
		frm.set_query("visit_script", () => ({ filters: { visit_type: frm.doc.visit_type } }));
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
		for (const field of ["visitor", "next_action_owner"]) {
			frm.set_query(field, () => ({ filters: { user_type: "System User", enabled: 1 } }));
		}
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.planned_date) {
			frm.set_value("planned_date", frappe.datetime.get_today());
		}
	},
	refresh(frm) {
		if (frm.is_new() || !["Planned", "Missed"].includes(frm.doc.status)) {
			return;
		}
		frm.add_custom_button(__("Complete Visit"), () => {
			frm.set_value("status", "Completed");
			if (!frm.doc.visit_datetime) {
				frm.set_value("visit_datetime", frappe.datetime.now_datetime());
			}
			frm.scroll_to_field("outcome");
		});
		frm.add_custom_button(
			__("Cancel Visit"),
			() => {
				frappe.confirm(__("Cancel this planned visit?"), () => {
					frm.set_value("status", "Cancelled");
					frm.save();
				});
			},
			__("Actions")
		);
	},
	status(frm) {
		if (frm.doc.status === "Completed" && !frm.doc.visit_datetime) {
			frm.set_value("visit_datetime", frappe.datetime.now_datetime());
		}
	},
	visit_type(frm) {
		if (frm.doc.visit_script) {
			frm.set_value("visit_script", null);
		}
	},
	visit_script(frm) {
		frm.clear_table("script_answers");
		if (!frm.doc.visit_script) {
			frm.refresh_field("script_answers");
			return;
		}
		frappe.model.with_doc("Visit Script", frm.doc.visit_script, () => {
			const script = frappe.get_doc("Visit Script", frm.doc.visit_script);
			for (const question of script.questions || []) {
				frm.add_child("script_answers", {
					question: question.question,
					required: question.required,
					hint: question.hint,
				});
			}
			frm.refresh_field("script_answers");
		});
	},
});
