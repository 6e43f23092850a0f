// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Followup Policy", {
	setup(frm) {
		frm.set_query("visit_script", () => ({ filters: { visit_type: frm.doc.visit_type } }));
		frm.set_query("assignee_user", () => ({ filters: { user_type: "System User", enabled: 1 } }));
	},
	onload(frm) {
		if (frm.is_new()) {
			// Blank means any: ERPNext's default customer group and territory must not narrow a new policy.
			frm.set_value("customer_group", null);
			frm.set_value("territory", null);
		}
	},
	visit_type(frm) {
		frm.set_value("visit_script", null);
	},
});
