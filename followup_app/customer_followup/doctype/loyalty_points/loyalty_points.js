// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Loyalty Points", {
	refresh(frm) {
		if (frm.is_new() && !frappe.user.has_role(["Followup Manager", "System Manager"])) {
			frm.set_df_property("transaction_type", "options", ["Earn", "Redeem"]);
		}
	},
	transaction_type(frm) {
		const reasons = { Redeem: "Redemption", Adjust: "Manual" };
		if (reasons[frm.doc.transaction_type]) {
			frm.set_value("reason", reasons[frm.doc.transaction_type]);
		}
	},
});
