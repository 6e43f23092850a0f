// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

// Bulk "Send Survey" from the Customer list: to the selected customers, else to all that match the filters.
frappe.listview_settings["Customer"] = frappe.listview_settings["Customer"] || {};
const followup_customer_onload = frappe.listview_settings["Customer"].onload;
frappe.listview_settings["Customer"].onload = function (listview) {
	if (followup_customer_onload) {
		followup_customer_onload(listview);
	}
	if (!frappe.user.has_role(["Followup Manager", "System Manager"])) {
		return;
	}
	listview.page.add_actions_menu_item(__("Send Survey"), () => {
		const selected = listview.get_checked_items(true);
		const filters = selected.length ? [["Customer", "name", "in", selected]] : listview.get_filters_for_args();
		// Bulk sending offers the channels that reach a customer without staff.
		frappe.prompt(
			followup_app.survey_prompt_fields(["Email", "SMS"]),
			(values) =>
				frappe
					.call("followup_app.surveys.bulk.send_to_customers", { ...values, filters })
					.then(() => frappe.show_alert({ message: __("Sending surveys in the background"), indicator: "blue" })),
			__("Send Survey")
		);
	});
};
