// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Followup Settings", {
	refresh(frm) {
		frm.set_query("default_visitor", () => ({ filters: { user_type: "System User", enabled: 1 } }));
	},
});
