// Copyright (c) 2026, followup_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Followup Goal"] = {
	add_fields: ["status", "progress"],
	get_indicator(doc) {
		const color = followup_app.GOAL_STATUS_COLORS[doc.status] || "gray";
		return [__(doc.status), color, `status,=,${doc.status}`];
	},
};
