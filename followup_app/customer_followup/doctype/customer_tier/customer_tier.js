// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Customer Tier", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Customers"), () =>
				frappe.set_route("List", "Customer", { followup_tier: frm.doc.name })
			);
		}
	},
});
