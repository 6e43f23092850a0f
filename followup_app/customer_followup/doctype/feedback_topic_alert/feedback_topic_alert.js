// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Feedback Topic Alert", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role(["Followup Manager", "System Manager"])) return;
		frm.add_custom_button(__("Show the Texts"), () => {
			frappe.set_route("query-report", "Feedback Topics", {
				from_date: frm.doc.week_start,
				to_date: frm.doc.week_end,
				category: frm.doc.category,
				view: "Records",
			});
		});
	},
});
