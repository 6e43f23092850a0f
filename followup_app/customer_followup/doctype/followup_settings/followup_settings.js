// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Followup Settings", {
	refresh(frm) {
		frm.set_query("default_visitor", () => ({ filters: { user_type: "System User", enabled: 1 } }));
		if (frappe.user.has_role(["Followup Manager", "System Manager"])) {
			frm.add_custom_button(__("Plan Visits Now"), () => {
				frappe.call("followup_app.visits.api.plan_visits_now").then(() => {
					frappe.show_alert({ message: __("Visit planning started"), indicator: "blue" });
				});
			});
			frm.add_custom_button(__("Train Feedback Model Now"), () => {
				frappe.call("followup_app.feedback.learning.retrain_now").then(({ message }) => {
					frappe.show_alert({ message, indicator: "blue" });
				});
			});
		}
	},
});
