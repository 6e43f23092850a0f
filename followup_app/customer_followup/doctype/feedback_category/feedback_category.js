// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback Category", {
	setup(frm) {
		frm.set_query("owner_user", () => ({ filters: { enabled: 1, user_type: "System User" } }));
		frm.set_query("owner_role", () => ({ filters: { disabled: 0, desk_access: 1 } }));
	},
});
