// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Visit Script", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Policies"), () =>
				frappe.set_route("List", "Followup Policy", { visit_script: frm.doc.name })
			);
		}
	},
});
